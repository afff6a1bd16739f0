/**
 * The load harnesses behind benchmarks/run NAME: each measures GridKeep against a baseline in the same run
 * and prints its ratio last. Not API.
 */
package io.gridkeep.benchmarks;
