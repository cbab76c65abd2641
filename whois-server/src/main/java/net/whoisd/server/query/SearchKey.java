package net.whoisd.server.query;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;

/**
 * A search key and what it looks like: an IP key (address, range or prefix), a route key (prefix
 * plus origin), a reverse domain, an AS number, or a plain string.
 *
 * @param text   the key as typed, internal white space collapsed
 * @param ip     the address range, for IP keys and route keys
 * @param origin the origin of a route key, normalised as import normalises it ({@code AS64496}), else null
 */
public record SearchKey(String text, Optional<IpRange> ip, String origin) {
    private static final Pattern ROUTE_KEY = Pattern.compile("^(\\S+/\\d{1,3})\\s*(AS\\d+)$", Pattern.CASE_INSENSITIVE);

    public static SearchKey of(String text) {
        Optional<IpRange> ip = ipKey(text);
        if (ip.isPresent()) {
            return new SearchKey(text, ip, null);
        }
        Matcher m = text.indexOf('/') < 0 ? null : ROUTE_KEY.matcher(text);
        if (m != null && m.matches()) {
            Optional<IpRange> prefix = ipKey(m.group(1));
            if (prefix.isPresent()) {
                return new SearchKey(text, prefix, ObjectKey.normalise(ObjectType.AUT_NUM, m.group(2)));
            }
        }
        return new SearchKey(text, Optional.empty(), null);
    }

    /** True for keys the IP flags apply to (addresses, ranges, prefixes, route keys). */
    public boolean isIpKey() {
        return ip.isPresent();
    }

    public boolean isRouteKey() {
        return origin != null;
    }

    public boolean isAsNumber() {
        return KeyShapes.isAsNumber(text);
    }

    public boolean isReverseDomain() {
        // as lowerDomain().endsWith(...), without building the lower-case copy (asked for every query)
        int end = text.endsWith(".") ? text.length() - 1 : text.length();
        return endsWithLowered(end, ".in-addr.arpa") || endsWithLowered(end, ".ip6.arpa");
    }

    /** Whether text[0, end), ASCII letters lowered, ends with the lower-case ASCII {@code suffix}. */
    private boolean endsWithLowered(int end, String suffix) {
        int from = end - suffix.length();
        if (from < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            char c = text.charAt(from + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The key as a domain name: lower case, trailing dot removed. */
    public String lowerDomain() {
        String d = text.toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    /**
     * IPv4 address, {@code a - b} range or prefix (host bits must be clear); IPv6 address or prefix
     * (host bits masked, brackets allowed).
     */
    static Optional<IpRange> ipKey(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.length() > 100) {
            return Optional.empty();
        }
        char first = s.charAt(0);
        if (!(Character.digit(first, 16) >= 0 || first == ':' || first == '[')) {
            return Optional.empty();
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            s = s.substring(1, close) + s.substring(close + 1);
        }
        boolean v6 = s.indexOf(':') >= 0;
        if (!v6 && s.indexOf('/') >= 0) {
            String compact = s.replace(" ", "");
            Optional<IpRange> prefix = IpRange.parse(compact);
            Optional<IpRange> address = IpRange.parse(compact.substring(0, compact.indexOf('/')) + "/32");
            boolean hostBitsClear = prefix.isPresent() && address.isPresent()
                    && prefix.get().startLo() == address.get().startLo();
            return hostBitsClear ? prefix : Optional.empty();
        }
        return IpRange.parse(s);
    }
}
