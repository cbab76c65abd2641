package net.whoisd.sample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;

/**
 * Checks a set of objects the way a registry would: every reference resolves, every inetnum and
 * inet6num nests without partial overlap, and each status sits under a parent status RIPE allows.
 * Objects are fed one at a time; only keys and ranges are kept.
 */
final class Consistency {

    private static final Map<String, String> REFERENCES = Map.ofEntries(
            Map.entry("admin-c", "nic-hdl"), Map.entry("tech-c", "nic-hdl"), Map.entry("zone-c", "nic-hdl"),
            Map.entry("abuse-c", "nic-hdl"), Map.entry("ping-hdl", "nic-hdl"),
            Map.entry("mnt-by", "mntner"), Map.entry("mnt-lower", "mntner"), Map.entry("mnt-ref", "mntner"),
            Map.entry("mnt-domains", "mntner"), Map.entry("mnt-routes", "mntner"),
            Map.entry("org", "organisation"), Map.entry("sponsoring-org", "organisation"),
            Map.entry("mnt-irt", "irt"), Map.entry("origin", "aut-num"), Map.entry("member-of", "as-set"),
            Map.entry("signature", "key-cert"), Map.entry("encryption", "key-cert"));

    /** inetnum/inet6num status -> statuses its closest enclosing object may have (docs/updates.md, "Business rules"). */
    private static final Map<String, Set<String>> PARENT_STATUS = Map.ofEntries(
            Map.entry("4:ALLOCATED UNSPECIFIED", Set.of("ALLOCATED UNSPECIFIED")),
            Map.entry("4:ALLOCATED PA", Set.of("ALLOCATED UNSPECIFIED")),
            Map.entry("4:SUB-ALLOCATED PA", Set.of("ALLOCATED PA", "LIR-PARTITIONED PA", "SUB-ALLOCATED PA")),
            Map.entry("4:ASSIGNED PA", Set.of("ALLOCATED PA", "LIR-PARTITIONED PA", "SUB-ALLOCATED PA", "AGGREGATED-BY-LIR")),
            Map.entry("4:ASSIGNED PI", Set.of("ALLOCATED UNSPECIFIED")),
            Map.entry("6:ALLOCATED-BY-RIR", Set.of("ALLOCATED-BY-RIR")),
            Map.entry("6:ALLOCATED-BY-LIR", Set.of("ALLOCATED-BY-RIR", "ALLOCATED-BY-LIR")),
            Map.entry("6:ASSIGNED", Set.of("ALLOCATED-BY-RIR", "ALLOCATED-BY-LIR", "AGGREGATED-BY-LIR")),
            Map.entry("6:ASSIGNED PI", Set.of("ALLOCATED-BY-RIR")));

    /** Statuses that may stand at the top of a tree (no enclosing object). */
    private static final Set<String> TOP_LEVEL = Set.of("4:ALLOCATED UNSPECIFIED", "6:ALLOCATED-BY-RIR");

    private record Reference(String where, String attribute, String kind, String key) {}

    private record Placed(IpRange range, String status, String where) {}

    private final Map<String, Set<String>> keys = new HashMap<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Placed> ranges = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int objects;

    void add(RpslObject object) {
        objects++;
        String where = object.className() + " " + object.classValue() + " (line " + object.line() + ")";
        ObjectType type = object.type().orElse(null);
        if (type == null) {
            problems.add("unknown class: " + where);
            return;
        }
        String kind = type == ObjectType.PERSON || type == ObjectType.ROLE ? "nic-hdl" : type.attributeName();
        String key = kind.equals("nic-hdl") ? object.value("nic-hdl") : object.classValue();
        if (type == ObjectType.ROUTE || type == ObjectType.ROUTE6) {
            key = key + object.value("origin");
        }
        if (!keys.computeIfAbsent(kind, k -> new HashSet<>()).add(key.toUpperCase())) {
            problems.add("duplicate key " + key + ": " + where);
        }
        for (var attribute : object.attributes()) {
            String target = REFERENCES.get(attribute.name());
            if (target != null) {
                for (String value : attribute.cleanValues()) {
                    String ref = attribute.name().equals("mnt-routes") ? value.split(" ")[0] : value;
                    references.add(new Reference(where, attribute.name(), target, ref.toUpperCase()));
                }
            }
            if (attribute.name().equals("auth") && attribute.cleanValue().startsWith("PGPKEY-")) {
                references.add(new Reference(where, "auth", "key-cert", attribute.cleanValue().toUpperCase()));
            }
        }
        if (type == ObjectType.INETNUM || type == ObjectType.INET6NUM) {
            IpRange range = IpRange.parse(object.classValue()).orElse(null);
            if (range == null) {
                problems.add("unparsable range: " + where);
            } else {
                ranges.add(new Placed(range, object.value("status"), where));
            }
        }
    }

    int objects() {
        return objects;
    }

    /** Every problem found, empty if the set is consistent. */
    List<String> problems() {
        List<String> out = new ArrayList<>(problems);
        for (Reference r : references) {
            if (!keys.getOrDefault(r.kind, Set.of()).contains(r.key)) {
                out.add(r.where + ": " + r.attribute + " " + r.key + " does not resolve to a " + r.kind);
            }
        }
        List<Placed> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> a.range.compareTo(b.range));
        Deque<Placed> open = new ArrayDeque<>();
        for (Placed p : sorted) {
            while (!open.isEmpty() && (open.peek().range.ipv6() != p.range.ipv6() || !open.peek().range.overlaps(p.range))) {
                open.pop();
            }
            Placed parent = open.peek();
            String family = p.range.ipv6() ? "6:" : "4:";
            if (parent != null && parent.range.equals(p.range)) {
                out.add(p.where + " duplicates " + parent.where);
            } else if (parent != null && !parent.range.contains(p.range)) {
                out.add(p.where + " partially overlaps " + parent.where);
            } else if (parent == null && !TOP_LEVEL.contains(family + p.status)) {
                out.add(p.where + " has status " + p.status + " but no enclosing object");
            } else if (parent != null && !PARENT_STATUS.getOrDefault(family + p.status, Set.of()).contains(parent.status)) {
                out.add(p.where + " has status " + p.status + " under " + parent.status + " " + parent.where);
            }
            open.push(p);
        }
        return out;
    }
}
