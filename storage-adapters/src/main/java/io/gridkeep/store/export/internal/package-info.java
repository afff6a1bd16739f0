/**
 * Internal: the export's column mapping and Parquet row writing. Not API.
 */
package io.gridkeep.store.export.internal;
