package net.whoisd.server.config;

import java.util.List;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;

/**
 * IPv4 space no registry hands out: the IANA special-purpose registry (RFC 6890 and its updates,
 * RFC 1918 private space among them), multicast and the reserved 240/4. The waiting list's free pool
 * never includes any of it, and a configured {@code registry.free-pool} may not name it.
 */
public final class SpecialPurposeSpace {
    public static final List<IpRange> BLOCKS = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4").stream()
            .map(p -> IpRange.parse(p).orElseThrow()).toList();

    private SpecialPurposeSpace() {
    }

    /** The first special-purpose block the range overlaps, if any. */
    public static Optional<IpRange> overlapped(IpRange range) {
        return BLOCKS.stream().filter(b -> b.overlaps(range)).findFirst();
    }

    /** True for the IANA root {@code 0.0.0.0/0} as RIPE dumps hold it. */
    public static boolean isRoot(IpRange range) {
        return range.isIpv4() && range.prefixLength() == 0;
    }
}
