/**
 * ExportTask: writes a cache or SQL table as Parquet files (to HDFS or any Hadoop file system), every
 * server its primary partitions, committed with _SUCCESS. Public API.
 */
package io.gridkeep.store.export;
