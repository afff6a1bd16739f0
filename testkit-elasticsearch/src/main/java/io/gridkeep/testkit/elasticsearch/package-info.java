/**
 * Test support: the launcher of a real Elasticsearch server in its own JVM, kept in its own module so that
 * its Lucene and Netty never meet Ignite's on a class path. Not API.
 */
package io.gridkeep.testkit.elasticsearch;
