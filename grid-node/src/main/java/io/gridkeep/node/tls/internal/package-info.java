/**
 * Internal: how io.gridkeep.node.tls makes its files: EC P-256 keys and X.509 certificates built with
 * BouncyCastle, PKCS#12 keystores read and written with the JDK's own provider, PEM encoding. Not API.
 */
package io.gridkeep.node.tls.internal;
