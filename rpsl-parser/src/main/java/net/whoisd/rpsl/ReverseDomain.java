package net.whoisd.rpsl;

import java.util.Locale;
import java.util.Optional;

/** The address range a reverse-DNS domain name delegates. */
public final class ReverseDomain {
    private static final String V4_SUFFIX = ".in-addr.arpa";
    private static final String V6_SUFFIX = ".ip6.arpa";

    private ReverseDomain() {
    }

    /**
     * {@code 193.in-addr.arpa} is 193.0.0.0/8; {@code 0-127.2.0.192.in-addr.arpa} (RFC 2317 dash form, only
     * below a /24 and never a whole /24) is 192.0.2.0 - 192.0.2.127; {@code 8.b.d.0.1.0.0.2.ip6.arpa}
     * is 2001:db8::/32. Empty for anything else, including malformed reverse names.
     */
    public static Optional<IpRange> toRange(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.endsWith(V4_SUFFIX)) {
            return ipv4(d.substring(0, d.length() - V4_SUFFIX.length()));
        }
        if (d.endsWith(V6_SUFFIX)) {
            return ipv6(d.substring(0, d.length() - V6_SUFFIX.length()));
        }
        return Optional.empty();
    }

    /** True if the name is under in-addr.arpa or ip6.arpa (whether or not it is well-formed). */
    public static boolean isReverse(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return d.endsWith(V4_SUFFIX) || d.endsWith(V6_SUFFIX) || d.equals("in-addr.arpa") || d.equals("ip6.arpa");
    }

    private static Optional<IpRange> ipv4(String labels) {
        String[] parts = labels.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long start = 0;
        int count = parts.length;
        // labels are least significant first; walk from the most significant
        for (int i = count - 1; i >= 1; i--) {
            int octet = octet(parts[i]);
            if (octet < 0) {
                return Optional.empty();
            }
            start = (start << 8) | octet;
        }
        String first = parts[0];
        int dash = first.indexOf('-');
        if (dash >= 0) {
            if (count != 4) {
                return Optional.empty();
            }
            int lo = octet(first.substring(0, dash));
            int hi = octet(first.substring(dash + 1));
            if (lo < 0 || hi < 0 || lo > hi || (lo == 0 && hi == 255)) {
                return Optional.empty();
            }
            return Optional.of(IpRange.ipv4((start << 8) | lo, (start << 8) | hi));
        }
        int octet = octet(first);
        if (octet < 0) {
            return Optional.empty();
        }
        start = (start << 8) | octet;
        int bits = 8 * count;
        start <<= 32 - bits;
        return Optional.of(IpRange.prefix(false, 0, start, bits));
    }

    private static int octet(String s) {
        if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int v = Syntax.smallInt(s, 255);
        return v;
    }

    private static Optional<IpRange> ipv6(String labels) {
        String[] parts = labels.split("\\.", -1);
        if (parts.length < 1 || parts.length > 32) {
            return Optional.empty();
        }
        long hi = 0;
        long lo = 0;
        int nibble = 0;
        for (int i = parts.length - 1; i >= 0; i--, nibble++) {
            String p = parts[i];
            if (p.length() != 1 || !Syntax.isHex(p.charAt(0))) {
                return Optional.empty();
            }
            long v = Character.digit(p.charAt(0), 16);
            if (nibble < 16) {
                hi |= v << (60 - 4 * nibble);
            } else {
                lo |= v << (60 - 4 * (nibble - 16));
            }
        }
        return Optional.of(IpRange.prefix(true, hi, lo, 4 * parts.length));
    }
}
