/**
 * Internal: how compute-jobs reserves partitions, splits and retries map-reduce rounds, checks closures
 * before they are sent, and adapts Ignite's futures. Not API: it changes without notice.
 */
package io.gridkeep.compute.internal;
