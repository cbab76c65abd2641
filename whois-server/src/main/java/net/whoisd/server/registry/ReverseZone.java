package net.whoisd.server.registry;

import java.util.Locale;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ReverseDomain;

/** Where reverse zones sit: their parent zone, and whether one is a registry block delegation. */
final class ReverseZone {
    private ReverseZone() {
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
