package net.whoisd.server.update;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;

/** The inetnum/inet6num status hierarchy (docs/updates.md, "Business rules"): allowed parents, registry-only values. */
final class Statuses {
    private static final Map<String, Set<String>> INETNUM_PARENTS = Map.ofEntries(
            Map.entry("ALLOCATED UNSPECIFIED", Set.of("ALLOCATED UNSPECIFIED")),
            Map.entry("ALLOCATED PA", Set.of("ALLOCATED UNSPECIFIED")),
            Map.entry("ALLOCATED-ASSIGNED PA", Set.of("ALLOCATED UNSPECIFIED")),
            Map.entry("LIR-PARTITIONED PA", Set.of("ALLOCATED PA", "LIR-PARTITIONED PA")),
            Map.entry("SUB-ALLOCATED PA", Set.of("ALLOCATED PA", "LIR-PARTITIONED PA", "SUB-ALLOCATED PA")),
            Map.entry("AGGREGATED-BY-LIR", Set.of("ALLOCATED PA", "SUB-ALLOCATED PA", "LIR-PARTITIONED PA")),
            Map.entry("ASSIGNED PA", Set.of("ALLOCATED PA", "LIR-PARTITIONED PA", "SUB-ALLOCATED PA", "AGGREGATED-BY-LIR")),
            Map.entry("ASSIGNED PI", Set.of("ALLOCATED UNSPECIFIED")),
            Map.entry("ASSIGNED ANYCAST", Set.of("ALLOCATED UNSPECIFIED")),
            Map.entry("LEGACY", Set.of("ALLOCATED UNSPECIFIED", "LEGACY")));
    private static final Map<String, Set<String>> INET6NUM_PARENTS = Map.of(
            "ALLOCATED-BY-RIR", Set.of("ALLOCATED-BY-RIR"),
            "ALLOCATED-BY-LIR", Set.of("ALLOCATED-BY-RIR", "ALLOCATED-BY-LIR"),
            "AGGREGATED-BY-LIR", Set.of("ALLOCATED-BY-RIR", "ALLOCATED-BY-LIR", "AGGREGATED-BY-LIR"),
            "ASSIGNED", Set.of("ALLOCATED-BY-RIR", "ALLOCATED-BY-LIR", "AGGREGATED-BY-LIR"),
            "ASSIGNED PI", Set.of("ALLOCATED-BY-RIR"),
            "ASSIGNED ANYCAST", Set.of("ALLOCATED-BY-RIR"));
    private static final Set<String> INETNUM_REGISTRY = Set.of("ALLOCATED UNSPECIFIED", "ALLOCATED PA",
            "ALLOCATED-ASSIGNED PA", "ASSIGNED PI", "ASSIGNED ANYCAST", "LEGACY");
    private static final Set<String> INET6NUM_REGISTRY = Set.of("ALLOCATED-BY-RIR", "ASSIGNED PI", "ASSIGNED ANYCAST");
    /** Statuses that may stand at the top of the tree (no enclosing object). */
    private static final Set<String> TOP_LEVEL = Set.of("ALLOCATED UNSPECIFIED", "ALLOCATED PA", "LEGACY", "ALLOCATED-BY-RIR");
    private static final Set<String> NO_MNT_LOWER = Set.of("ASSIGNED PA", "ASSIGNED PI", "ASSIGNED ANYCAST", "ASSIGNED");

    private Statuses() {
    }

    static String normalise(String status) {
        return status == null ? "" : status.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    static boolean isKnown(ObjectType type, String status) {
        return parents(type).containsKey(normalise(status));
    }

    static boolean isRegistryOnly(ObjectType type, String status) {
        String s = normalise(status);
        return type == ObjectType.INETNUM ? INETNUM_REGISTRY.contains(s) : INET6NUM_REGISTRY.contains(s);
    }

    static boolean allowedUnder(ObjectType type, String childStatus, String parentStatus) {
        Set<String> allowed = parents(type).get(normalise(childStatus));
        return allowed != null && allowed.contains(normalise(parentStatus));
    }

    static boolean allowedAtTop(String status) {
        return TOP_LEVEL.contains(normalise(status));
    }

    static boolean forbidsMntLower(String status) {
        return NO_MNT_LOWER.contains(normalise(status));
    }

    /** Status changes are refused on modify except between ALLOCATED PA and ALLOCATED-ASSIGNED PA. */
    static boolean changeAllowed(String from, String to) {
        String a = normalise(from);
        String b = normalise(to);
        return a.equals(b) || (Set.of("ALLOCATED PA", "ALLOCATED-ASSIGNED PA").containsAll(Set.of(a, b)));
    }

    private static Map<String, Set<String>> parents(ObjectType type) {
        return type == ObjectType.INETNUM ? INETNUM_PARENTS : INET6NUM_PARENTS;
    }
}
