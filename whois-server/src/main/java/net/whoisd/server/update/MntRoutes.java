package net.whoisd.server.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;

/**
 * One {@code mnt-routes:} value: a maintainer, optionally followed by {@code ANY} or a list of
 * prefix ranges ({@code {192.0.2.0/24^+, ...}}) limiting which routes it may create.
 */
record MntRoutes(String mntner, List<IpRange> prefixes, boolean any) {

    static Optional<MntRoutes> parse(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String name = Authoriser.referenceValue("mnt-routes", v);
        String rest = v.substring(name.length()).trim();
        if (rest.isEmpty() || rest.equalsIgnoreCase("ANY")) {
            return Optional.of(new MntRoutes(name, List.of(), true));
        }
        List<IpRange> prefixes = new ArrayList<>();
        for (String part : rest.replace("{", "").replace("}", "").split(",")) {
            String p = part.trim();
            int op = p.indexOf('^');
            if (op >= 0) {
                p = p.substring(0, op);
            }
            IpRange.parse(p).ifPresent(prefixes::add);
        }
        return Optional.of(new MntRoutes(name, List.copyOf(prefixes), false));
    }

    /** True if this maintainer may create a route for the prefix (range operators are treated as "or more specific"). */
    boolean covers(IpRange prefix) {
        return any || prefixes.stream().anyMatch(p -> p.contains(prefix));
    }
}
