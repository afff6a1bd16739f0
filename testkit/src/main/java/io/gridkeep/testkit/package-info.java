/**
 * Test support, used by tests and benchmarks only: Ignite clusters in one JVM or several, free ports,
 * external processes, waiting ({@code Await}), HTTP GETs, node metrics, each test class's log and work
 * directories ({@code TestDirs}), and real servers (Cassandra, HDFS, Elasticsearch, Prometheus)
 * started for the tests. Not API.
 */
package io.gridkeep.testkit;
