package net.whoisd.server.acl;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;

/** A set of address ranges from the configuration ({@code 192.0.2.0/24}, {@code 10.0.0.1}, {@code a - b}, IPv6). */
public final class AddressRanges {
    private final List<IpRange> ranges;

    private AddressRanges(List<IpRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses configuration entries; throws {@link IllegalArgumentException} naming a bad one. */
    public static AddressRanges parse(String key, List<String> entries) {
        List<IpRange> out = new ArrayList<>();
        for (String e : entries) {
            Optional<IpRange> r = IpRange.parse(e);
            if (r.isEmpty()) {
                throw new IllegalArgumentException("configuration key " + key + ": not an address, prefix or range: " + e);
            }
            out.add(r.get());
        }
        return new AddressRanges(out);
    }

    public boolean contains(InetAddress address) {
        IpRange single = toRange(address);
        for (IpRange r : ranges) {
            if (r.contains(single)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The single-address range of an address; IPv4-mapped IPv6 addresses count as IPv4. */
    static IpRange toRange(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            long v = ByteBuffer.wrap(b).getInt() & 0xFFFFFFFFL;
            return IpRange.ipv4(v, v);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        long hi = buf.getLong();
        long lo = buf.getLong();
        if (hi == 0 && (lo >>> 32) == 0xFFFFL && address instanceof Inet6Address) {
            long v = lo & 0xFFFFFFFFL;
            return IpRange.ipv4(v, v);
        }
        return IpRange.ipv6(hi, lo, hi, lo);
    }
}
