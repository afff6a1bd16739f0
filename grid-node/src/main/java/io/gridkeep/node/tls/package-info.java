/**
 * TLS for every GridKeep listener: a certificate authority (CertificateAuthority) that issues node and client
 * certificates as PKCS#12 keystores and PEM files, which Ignite's SslContextFactory (discovery, communication,
 * the thin client and JDBC connector) and non-Java clients read; reading and checking such files
 * (CertificateFiles). The command line is {@code gridkeep certs}. Public API.
 */
package io.gridkeep.node.tls;
