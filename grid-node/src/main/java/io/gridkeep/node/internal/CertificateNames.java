package io.gridkeep.node.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Checks of the names that go into certificates and their file names (gridkeep certs), before any key is made. */
public final class CertificateNames {
    /** A certificate's name: also its file name, so letters, digits, '.', '-' and '_' only. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A DNS name (RFC 1123 labels), optionally a wildcard's "*." in front. */
    private static final Pattern DNS = Pattern.compile(
        "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private CertificateNames() {
    }

    /** @throws IllegalArgumentException if {@code name} cannot name a certificate and its files */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches())
            throw new IllegalArgumentException("name '" + name + "' must be 1 to 64 letters, digits, '.', '-' or '_', "
                + "starting with a letter or digit");
        return name;
    }

    /** @throws IllegalArgumentException if {@code cn} cannot be a CA's common name */
    public static String checkCommonName(String cn) {
        if (cn == null || cn.isBlank() || cn.length() > 64 || cn.chars().anyMatch(Character::isISOControl))
            throw new IllegalArgumentException("CA name '" + cn + "' must be 1 to 64 printable characters");
        return cn;
    }

    public static boolean isDnsName(String name) {
        return name != null && name.length() <= 253 && DNS.matcher(name).matches();
    }

    /** @throws IllegalArgumentException if {@code name} is not a DNS name */
    public static String checkDnsName(String name) {
        if (!isDnsName(name))
            throw new IllegalArgumentException("'" + name + "' is not a DNS name");
        return name;
    }

    /**
     * The address that a literal IPv4 or IPv6 address stands for, never looked up in DNS.
     *
     * @throws IllegalArgumentException if {@code literal} is not one
     */
    public static InetAddress ipAddress(String literal) {
        String s = literal == null ? "" : literal.trim();
        if (s.startsWith("[") && s.endsWith("]"))
            s = s.substring(1, s.length() - 1);
        // Only literals reach InetAddress, which parses them without a lookup; a host name would be resolved.
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = !v4 && s.indexOf(':') >= 0 && IPV6.matcher(s).matches();
        if (v4 || v6) {
            try {
                return InetAddress.getByName(s);
            }
            catch (UnknownHostException e) {
                // Falls through: a malformed IPv6 literal.
            }
        }
        throw new IllegalArgumentException("'" + literal + "' is not an IP address");
    }
}
