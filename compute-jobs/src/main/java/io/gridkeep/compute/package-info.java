/**
 * Run Java code next to the data it reads: GridCompute (thick client or server) runs closures on a key's
 * primary, on every server, or as map-reduce over a cache's primary partitions; ThinGridCompute runs
 * deployed tasks from a thin client. Public API.
 */
package io.gridkeep.compute;
