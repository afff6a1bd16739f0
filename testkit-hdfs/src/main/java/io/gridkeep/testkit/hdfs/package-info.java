/**
 * Test support: the launcher of a real HDFS (the Hadoop minicluster) in its own JVM, kept in its own module
 * so that Hadoop's dependencies never meet Ignite's on a class path. Not API.
 */
package io.gridkeep.testkit.hdfs;
