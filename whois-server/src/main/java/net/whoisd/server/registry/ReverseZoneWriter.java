package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ReverseDomain;
import net.whoisd.rpsl.RpslObject;

/**
 * Writes the reverse delegations registered as {@code domain} objects as zone-file records for the
 * parent zones: for each delegation, its NS records, glue A/AAAA records where {@code nserver:}
 * carries an address, and DS records from {@code ds-rdata:}. One zone text per parent zone.
 */
public final class ReverseZoneWriter {
    private final Map<String, List<RpslObject>> byParent = new TreeMap<>();

    /** Adds a domain object; returns false (and ignores it) if it is not a reverse delegation. */
    public boolean add(RpslObject domain) {
        Optional<IpRange> range = ReverseDomain.toRange(domain.classValue());
        if (range.isEmpty() || domain.values("nserver").isEmpty()) {
            return false;
        }
        byParent.computeIfAbsent(ReverseZone.parent(name(domain)), z -> new ArrayList<>()).add(domain);
        return true;
    }

    /** Parent zone name -> zone-file text, zones in name order, delegations in name order. */
    public Map<String, String> zones(String source, long serial) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, List<RpslObject>> zone : byParent.entrySet()) {
            StringBuilder sb = new StringBuilder();
            sb.append("; delegations in ").append(zone.getKey()).append(" from the ").append(source)
                    .append(" database at serial ").append(serial).append('\n');
            sb.append("$ORIGIN ").append(zone.getKey()).append(".\n");
            List<RpslObject> domains = new ArrayList<>(zone.getValue());
            domains.sort((a, b) -> name(a).compareTo(name(b)));
            for (RpslObject d : domains) {
                String owner = name(d) + ".";
                List<String> seen = new ArrayList<>();
                for (String ns : d.values("nserver")) {
                    String host = ReverseDelegationRules.host(ns);
                    if (!seen.contains(host)) {
                        seen.add(host);
                        sb.append(owner).append("\tIN\tNS\t").append(host).append(".\n");
                    }
                }
                for (String ns : d.values("nserver")) {
                    String[] parts = ns.trim().split("\\s+");
                    if (parts.length >= 2) {
                        IpRange.parse(parts[1]).filter(IpRange::isSingleAddress).ifPresent(ip -> sb
                                .append(ReverseDelegationRules.host(parts[0])).append(".\tIN\t")
                                .append(ip.isIpv4() ? "A" : "AAAA").append('\t').append(ip.startAddress()).append('\n'));
                    }
                }
                for (String ds : d.values("ds-rdata")) {
                    sb.append(owner).append("\tIN\tDS\t").append(ds).append('\n');
                }
            }
            out.put(zone.getKey(), sb.toString());
        }
        return out;
    }

    private static String name(RpslObject domain) {
        String n = domain.classValue().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
