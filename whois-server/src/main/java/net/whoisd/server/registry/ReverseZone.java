package net.whoisd.server.registry;

import java.util.Locale;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;

/** Reverse-DNS zone names and the address ranges they stand for. */
final class ReverseZone {
    static final String V4 = ".in-addr.arpa";
    static final String V6 = ".ip6.arpa";

    private ReverseZone() {
    }

    /**
     * {@code 193.in-addr.arpa} -> 193/8; {@code 0-127.2.0.192.in-addr.arpa} -> 192.0.2.0 - 192.0.2.127;
     * nibble {@code ip6.arpa} names -> their prefix. Empty for anything else.
     */
    static Optional<IpRange> toRange(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            if (d.endsWith(V4)) {
                return v4(d.substring(0, d.length() - V4.length()).split("\\.", -1));
            }
            if (d.endsWith(V6)) {
                return v6(d.substring(0, d.length() - V6.length()).split("\\.", -1));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<IpRange> v4(String[] labels) {
        if (labels.length < 1 || labels.length > 4) {
            return Optional.empty();
        }
        String first = labels[0];
        int dash = first.indexOf('-');
        if (dash >= 0) {
            if (labels.length != 4) {
                return Optional.empty();
            }
            long base = octets(labels, 1);
            int lo = octet(first.substring(0, dash));
            int hi = octet(first.substring(dash + 1));
            if (base < 0 || lo < 0 || hi < lo) {
                return Optional.empty();
            }
            return Optional.of(IpRange.ipv4((base << 8) | lo, (base << 8) | hi));
        }
        long value = octets(labels, 0);
        if (value < 0) {
            return Optional.empty();
        }
        int length = 8 * labels.length;
        return Optional.of(IpRange.prefix(false, 0, value << (32 - length), length));
    }

    /** The labels from {@code from} on, read most significant last; -1 if any is not an octet. */
    private static long octets(String[] labels, int from) {
        long value = 0;
        for (int i = labels.length - 1; i >= from; i--) {
            int o = octet(labels[i]);
            if (o < 0) {
                return -1;
            }
            value = (value << 8) | o;
        }
        return value;
    }

    private static int octet(String s) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int v = Integer.parseInt(s);
        return v <= 255 ? v : -1;
    }

    private static Optional<IpRange> v6(String[] labels) {
        if (labels.length < 1 || labels.length > 32) {
            return Optional.empty();
        }
        long hi = 0;
        long lo = 0;
        int n = 0;
        for (int i = labels.length - 1; i >= 0; i--, n++) {
            if (labels[i].length() != 1 || Character.digit(labels[i].charAt(0), 16) < 0) {
                return Optional.empty();
            }
            long nibble = Character.digit(labels[i].charAt(0), 16);
            if (n < 16) {
                hi |= nibble << (60 - 4 * n);
            } else {
                lo |= nibble << (60 - 4 * (n - 16));
            }
        }
        return Optional.of(IpRange.prefix(true, hi, lo, 4 * labels.length));
    }

    /** The zone one label up: where the delegation's NS records live. */
    static String parent(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.substring(d.indexOf('.') + 1);
    }

    /** A zone covering several /24s (IPv4) or a /32 or shorter (IPv6): a registry block delegation. */
    static boolean isBlock(IpRange range) {
        int len = range.prefixLength();
        return len >= 0 && (range.isIpv4() ? len < 24 : len <= 32);
    }
}
