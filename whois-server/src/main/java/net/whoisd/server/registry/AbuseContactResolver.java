package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;

/**
 * Finds the abuse contact a resource leads to (ARIN 2003-1 as RIPE implements abuse-c): the
 * resource's own {@code abuse-c}, else its organisation's, else the same for the closest enclosing
 * resource of its class, upwards, but not above an object the registry maintains (an LIR's space does
 * not lead to the registry's own abuse desk through the registry's blocks). The first {@code abuse-c}
 * found is the one that applies; it is valid when it names a role with an {@code abuse-mailbox}, a
 * {@code phone} and an {@code address}.
 */
public final class AbuseContactResolver {
    private final ObjectLookup lookup;
    private final String registryMntner;

    /** The outcome for one resource. */
    public record Resolution(ObjectKey resource, Optional<RpslObject> role, String mailbox, String foundVia,
                             List<String> problems) {
        public Resolution {
            problems = List.copyOf(problems);
        }

        /** A complete contact: the role exists and has a mailbox, a phone and an address. */
        public boolean isValid() {
            return problems.isEmpty();
        }

        /** What the query engine shows in {@code % Abuse contact for 'X' is 'mailbox'}, if there is one. */
        public Optional<String> abuseMailbox() {
            return Optional.ofNullable(mailbox);
        }

        public String reason() {
            return String.join("; ", problems);
        }
    }

    /** @param registryMntner {@code ServerConfig.registryMntner()}: climbing stops at objects it maintains */
    public AbuseContactResolver(ObjectLookup lookup, String registryMntner) {
        this.lookup = lookup;
        this.registryMntner = registryMntner;
    }

    /** True for the classes that must lead to an abuse contact. */
    public static boolean isResource(ObjectType type) {
        return type == ObjectType.INETNUM || type == ObjectType.INET6NUM || type == ObjectType.AUT_NUM;
    }

    /** Resolves for a resource as given (stored or about to be stored: {@code resource} is read as is). */
    public Resolution resolve(RpslObject resource) {
        ObjectKey key = ObjectKey.of(resource);
        for (RpslObject current : climb(resource, key)) {
            // the key of a level (an address range parsed and printed) only for the level that answers
            String own = current.value("abuse-c");
            if (own != null) {
                return check(key, own, "abuse-c of " + ObjectKey.of(current));
            }
            String org = current.value("org");
            if (org != null) {
                Optional<RpslObject> organisation = lookup.get(ObjectType.ORGANISATION, org);
                if (organisation.isPresent() && organisation.get().value("abuse-c") != null) {
                    return check(key, organisation.get().value("abuse-c"),
                            "abuse-c of " + org + " (org of " + ObjectKey.of(current) + ")");
                }
            }
            if (current.values("mnt-by").stream().anyMatch(m -> m.equalsIgnoreCase(registryMntner))) {
                break;
            }
        }
        String where = isAddress(key.type()) ? ", its organisation or any enclosing " + key.type() : " or its organisation";
        return new Resolution(key, Optional.empty(), null, null, List.of("no abuse-c on " + key + where));
    }

    private Resolution check(ObjectKey resource, String nicHdl, String via) {
        Optional<RpslObject> role = lookup.get(ObjectType.ROLE, nicHdl);
        if (role.isEmpty()) {
            String what = lookup.get(ObjectType.PERSON, nicHdl).isPresent() ? " is a person, not a role" : " does not exist";
            return new Resolution(resource, Optional.empty(), null, via, List.of(via + ": " + nicHdl + what));
        }
        List<String> problems = new ArrayList<>();
        for (String attribute : List.of("abuse-mailbox", "phone", "address")) {
            if (!role.get().has(attribute)) {
                problems.add(via + ": role " + nicHdl + " has no " + attribute);
            }
        }
        return new Resolution(resource, role, role.get().value("abuse-mailbox"), via, problems);
    }

    /**
     * The resource, then (for address objects) every enclosing object innermost first: one range
     * lookup for the whole climb, since this runs for every resource a query returns.
     */
    private List<RpslObject> climb(RpslObject resource, ObjectKey self) {
        ObjectType type = resource.type().orElseThrow();
        Optional<IpRange> range = isAddress(type) ? IpRange.parse(resource.classValue()) : Optional.empty();
        if (range.isEmpty()) {
            return List.of(resource);
        }
        List<RpslObject> enclosing = lookup.enclosing(type, range.get());
        List<RpslObject> chain = new ArrayList<>(enclosing.size() + 1);
        chain.add(resource);
        for (int i = enclosing.size() - 1; i >= 0; i--) {
            // a stored resource comes back from the range lookup as the very same object: no key to compare
            RpslObject level = enclosing.get(i);
            if (level != resource && !ObjectKey.of(level).equals(self)) {
                chain.add(level);
            }
        }
        return chain;
    }

    private static boolean isAddress(ObjectType type) {
        return type == ObjectType.INETNUM || type == ObjectType.INET6NUM;
    }
}
