package net.whoisd.rpsl;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An inclusive range of IPv4 or IPv6 addresses. Addresses are 128-bit unsigned numbers held in two
 * longs (for IPv4 the high word is 0 and the low word the 32-bit address).
 *
 * <p>Natural order: family (IPv4 first), then start ascending, then end descending, so that an
 * enclosing range sorts before the ranges inside it.
 */
public record IpRange(boolean ipv6, long startHi, long startLo, long endHi, long endLo) implements Comparable<IpRange> {

    public static final IpRange ALL_IPV4 = new IpRange(false, 0, 0, 0, 0xFFFFFFFFL);
    public static final IpRange ALL_IPV6 = new IpRange(true, 0, 0, -1L, -1L);

    public IpRange {
        if (!ipv6 && (startHi != 0 || endHi != 0 || startLo < 0 || startLo > 0xFFFFFFFFL || endLo < 0 || endLo > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("IPv4 address out of range");
        }
        if (compare128(startHi, startLo, endHi, endLo) > 0) {
            throw new IllegalArgumentException("range start is after its end");
        }
    }

    public static IpRange ipv4(long start, long end) {
        return new IpRange(false, 0, start, 0, end);
    }

    public static IpRange ipv6(long startHi, long startLo, long endHi, long endLo) {
        return new IpRange(true, startHi, startLo, endHi, endLo);
    }

    /** A CIDR block; host bits of the address are cleared. */
    public static IpRange prefix(boolean ipv6, long hi, long lo, int length) {
        int bits = ipv6 ? 128 : 32;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits);
        }
        if (!ipv6) {
            long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
            long start = lo & mask;
            return ipv4(start, start | (~mask & 0xFFFFFFFFL));
        }
        long maskHi = length >= 64 ? -1L : (length == 0 ? 0 : -1L << (64 - length));
        long maskLo = length <= 64 ? 0 : (length == 128 ? -1L : -1L << (128 - length));
        return ipv6(hi & maskHi, lo & maskLo, (hi & maskHi) | ~maskHi, (lo & maskLo) | ~maskLo);
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Parses {@code a.b.c.d - e.f.g.h}, {@code a.b.c.d/n} (also abbreviated, {@code 10/8}), a single
     * address, or the IPv6 forms {@code x::/n}, {@code x::} and {@code x:: - y::}. Host bits of a
     * prefix are cleared; use {@link #parseStrictPrefix} where they are an error.
     */
    public static Optional<IpRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        // no address form is longer; also bounds the work hostile input can cause
        if (s.length() > 100) {
            return Optional.empty();
        }
        try {
            int dash = s.indexOf('-');
            if (dash >= 0) {
                if (s.indexOf('-', dash + 1) >= 0) {
                    return Optional.empty();
                }
                Optional<IpRange> lo = parse(s.substring(0, dash));
                Optional<IpRange> hi = parse(s.substring(dash + 1));
                if (lo.isEmpty() || hi.isEmpty() || lo.get().ipv6 != hi.get().ipv6
                        || !lo.get().isSingleAddress() || !hi.get().isSingleAddress()) {
                    return Optional.empty();
                }
                IpRange a = lo.get();
                IpRange b = hi.get();
                if (compare128(a.startHi, a.startLo, b.startHi, b.startLo) > 0) {
                    return Optional.empty();
                }
                return Optional.of(new IpRange(a.ipv6, a.startHi, a.startLo, b.startHi, b.startLo));
            }
            int slash = s.indexOf('/');
            String address = slash < 0 ? s : s.substring(0, slash);
            if (address.indexOf(':') >= 0) {
                long[] v6 = parseIpv6(address);
                if (v6 == null) {
                    return Optional.empty();
                }
                int len = slash < 0 ? 128 : parseLength(s.substring(slash + 1), 128);
                return len < 0 ? Optional.empty() : Optional.of(prefix(true, v6[0], v6[1], len));
            }
            boolean abbreviatedOk = slash >= 0;
            long v4 = parseIpv4(address, abbreviatedOk);
            if (v4 < 0) {
                return Optional.empty();
            }
            int len = slash < 0 ? 32 : parseLength(s.substring(slash + 1), 32);
            return len < 0 ? Optional.empty() : Optional.of(prefix(false, 0, v4, len));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A prefix whose host bits must be zero ({@code route:}, {@code route6:}); else empty. */
    public static Optional<IpRange> parseStrictPrefix(String text) {
        if (text == null || text.indexOf('/') < 0 || text.indexOf('-') >= 0) {
            return Optional.empty();
        }
        Optional<IpRange> r = parse(text);
        if (r.isEmpty()) {
            return r;
        }
        String address = text.trim().substring(0, text.trim().indexOf('/'));
        Optional<IpRange> exact = parse(address);
        if (exact.isEmpty() || exact.get().startHi != r.get().startHi || exact.get().startLo != r.get().startLo) {
            return Optional.empty();
        }
        return r;
    }

    private static int parseLength(String s, int max) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        int n = Integer.parseInt(s);
        return n <= max ? n : -1;
    }

    /** Dotted quad to a number, or -1. With {@code abbreviated}, missing trailing octets are 0. */
    static long parseIpv4(String s, boolean abbreviated) {
        s = s.trim();
        long result = 0;
        int octets = 0;
        int i = 0;
        int n = s.length();
        if (n == 0) {
            return -1;
        }
        while (i <= n) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > 255 || i - start >= 3) {
                    return -1;
                }
                i++;
            }
            if (i == start) {
                return -1;
            }
            result = (result << 8) | value;
            octets++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return -1;
            }
            i++;
        }
        if (octets < 4) {
            if (!abbreviated) {
                return -1;
            }
            result <<= 8 * (4 - octets);
        }
        return result;
    }

    /** IPv6 text to {hi, lo}, or null. Accepts :: compression and a trailing dotted quad. */
    static long[] parseIpv6(String s) {
        s = s.trim();
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int doubleColon = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            doubleColon = 0;
            i = 2;
            if (i == n) {
                return new long[] {0, 0};
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                long v4 = parseIpv4(s.substring(start), false);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (doubleColon >= 0) {
                    return null;
                }
                doubleColon = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null;
            }
        }
        if (doubleColon < 0 && count != 8) {
            return null;
        }
        if (doubleColon >= 0) {
            if (count >= 8) {
                return null;
            }
            int move = count - doubleColon;
            System.arraycopy(groups, doubleColon, groups, 8 - move, move);
            for (int g = doubleColon; g < 8 - move; g++) {
                groups[g] = 0;
            }
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | groups[g];
            lo = (lo << 16) | groups[g + 4];
        }
        return new long[] {hi, lo};
    }

    // ---------------------------------------------------------------- properties

    public boolean isIpv4() {
        return !ipv6;
    }

    public boolean isSingleAddress() {
        return startHi == endHi && startLo == endLo;
    }

    /** The CIDR length if this range is exactly one prefix block, else -1. */
    public int prefixLength() {
        // a prefix is start with its low k bits clear and end = start with them set
        long maskHi = startHi ^ endHi;
        long maskLo = startLo ^ endLo;
        int hostBits;
        if (maskHi != 0) {
            if (maskLo != -1L || (maskHi & (maskHi + 1)) != 0) {
                return -1;
            }
            hostBits = 128 - Long.numberOfLeadingZeros(maskHi);
        } else {
            if ((maskLo & (maskLo + 1)) != 0) {
                return -1;
            }
            hostBits = 64 - Long.numberOfLeadingZeros(maskLo);
        }
        if ((startHi & maskHi) != 0 || (startLo & maskLo) != 0) {
            return -1;
        }
        return (ipv6 ? 128 : 32) - hostBits;
    }

    public boolean isPrefix() {
        return prefixLength() >= 0;
    }

    /** Number of addresses in the range. */
    public BigInteger size() {
        return toBig(endHi, endLo).subtract(toBig(startHi, startLo)).add(BigInteger.ONE);
    }

    /** True if {@code other} lies within this range (an equal range counts). */
    public boolean contains(IpRange other) {
        return ipv6 == other.ipv6
                && compare128(startHi, startLo, other.startHi, other.startLo) <= 0
                && compare128(endHi, endLo, other.endHi, other.endLo) >= 0;
    }

    public boolean overlaps(IpRange other) {
        return ipv6 == other.ipv6
                && compare128(startHi, startLo, other.endHi, other.endLo) <= 0
                && compare128(other.startHi, other.startLo, endHi, endLo) <= 0;
    }

    /** Overlapping without either containing the other. */
    public boolean overlapsPartially(IpRange other) {
        return overlaps(other) && !contains(other) && !other.contains(this);
    }

    @Override
    public int compareTo(IpRange o) {
        if (ipv6 != o.ipv6) {
            return ipv6 ? 1 : -1;
        }
        int c = compare128(startHi, startLo, o.startHi, o.startLo);
        if (c != 0) {
            return c;
        }
        return compare128(o.endHi, o.endLo, endHi, endLo);
    }

    /** Unsigned comparison of two 128-bit numbers. */
    public static int compare128(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    // ---------------------------------------------------------------- formatting

    /** RIPE's form: IPv4 always as {@code a - b}; IPv6 as a compressed prefix, else {@code a - b}. */
    @Override
    public String toString() {
        if (!ipv6) {
            return formatIpv4(startLo) + " - " + formatIpv4(endLo);
        }
        int len = prefixLength();
        if (len >= 0) {
            return formatIpv6(startHi, startLo) + "/" + len;
        }
        return formatIpv6(startHi, startLo) + " - " + formatIpv6(endHi, endLo);
    }

    /** CIDR form ({@code 192.0.2.0/24}, {@code 2001:db8::/32}) if a prefix; else the range form. */
    public String toPrefixString() {
        int len = prefixLength();
        if (len < 0) {
            return toString();
        }
        if (ipv6) {
            return appendIpv6(new StringBuilder(43), startHi, startLo).append('/').append(len).toString();
        }
        return formatIpv4(startLo) + "/" + len;
    }

    public String startAddress() {
        return ipv6 ? formatIpv6(startHi, startLo) : formatIpv4(startLo);
    }

    public String endAddress() {
        return ipv6 ? formatIpv6(endHi, endLo) : formatIpv4(endLo);
    }

    public static String formatIpv4(long v) {
        return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }

    /** RFC 5952 text: lower case, longest run (of two or more) of zero groups compressed. */
    public static String formatIpv6(long hi, long lo) {
        return appendIpv6(new StringBuilder(39), hi, lo).toString();
    }

    private static int group(long hi, long lo, int i) {
        return (int) (((i < 4 ? hi : lo) >>> (48 - 16 * (i & 3))) & 0xFFFF);
    }

    private static StringBuilder appendIpv6(StringBuilder sb, long hi, long lo) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (group(hi, lo, i) == 0) {
                int j = i;
                while (j < 8 && group(hi, lo, j) == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        int begin = sb.length();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > begin && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            appendHex(sb, group(hi, lo, i));
        }
        return sb;
    }

    /** A group in lower-case hex without leading zeros, as {@link Integer#toHexString} writes it. */
    private static void appendHex(StringBuilder sb, int v) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (v >>> shift) & 0xF;
            if (d != 0 || started || shift == 0) {
                sb.append(HEX[d]);
                started = true;
            }
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static BigInteger toBig(long hi, long lo) {
        return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }
}
