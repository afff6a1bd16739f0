/**
 * Who may use a GridKeep cluster and what they may do: an Ignite security plugin
 * ({@code GridKeepSecurity}) that authenticates thin clients and JDBC
 * connections against a users file, gives each user a role, and runs only allow-listed tasks for
 * thin clients; and the users file itself ({@code UsersFile}). Public API.
 */
package io.gridkeep.security;
