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
 * {@code phone} and an {@code address} ({@link #isValidContact}). This is the one definition: the
 * query's abuse-contact line, the abuse report and the update engine's policy all use it.
 */
public final class AbuseContactResolver {
    /** What a role needs to be a valid abuse contact (ARIN 2003-1: mailbox, phone, postal address). */
    public static final List<String> CONTACT_ATTRIBUTES = List.of("abuse-mailbox", "phone", "address");
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

        /** What the query engine shows in {@code % Abuse contact for 'X' is 'mailbox'}: only a valid contact's. */
        public Optional<String> abuseMailbox() {
            return isValid() ? Optional.ofNullable(mailbox) : Optional.empty();
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
        Found found = find(resource);
        if (found == null) {
            String where = isAddress(key.type()) ? ", its organisation or any enclosing " + key.type() : " or its organisation";
            return new Resolution(key, Optional.empty(), null, null, List.of("no abuse-c on " + key + where));
        }
        String via = found.org() == null ? "abuse-c of " + ObjectKey.of(found.level())
                : "abuse-c of " + found.org() + " (org of " + ObjectKey.of(found.level()) + ")";
        return check(key, found.nicHdl(), via);
    }

    /** True if the role is a valid abuse contact: it has every one of {@link #CONTACT_ATTRIBUTES}. */
    public static boolean isValidContact(RpslObject role) {
        return CONTACT_ATTRIBUTES.stream().allMatch(role::has);
    }

    /**
     * The mailbox a query shows for the resource: the mailbox of {@code resolve(resource)} when that
     * is valid, without the explanations, which a query does not show (this runs for every resource a
     * query returns). An invalid contact shows no mailbox, as the abuse report lists it.
     */
    public Optional<String> abuseMailbox(RpslObject resource) {
        Found found = find(resource);
        return found == null ? Optional.empty()
                : lookup.get(ObjectType.ROLE, found.nicHdl()).filter(AbuseContactResolver::isValidContact)
                        .map(role -> role.value("abuse-mailbox"));
    }

    /** Where the applicable abuse-c is: the level it was found on and, if it came through it, the organisation. */
    private record Found(RpslObject level, String org, String nicHdl) {
    }

    /** The first abuse-c up the chain (the level's own, else its organisation's), or null. */
    private Found find(RpslObject resource) {
        for (RpslObject current : climb(resource)) {
            String own = current.value("abuse-c");
            if (own != null) {
                return new Found(current, null, own);
            }
            String org = current.value("org");
            if (org != null) {
                Optional<RpslObject> organisation = lookup.get(ObjectType.ORGANISATION, org);
                if (organisation.isPresent() && organisation.get().value("abuse-c") != null) {
                    return new Found(current, org, organisation.get().value("abuse-c"));
                }
            }
            if (maintainedByRegistry(current)) {
                break;
            }
        }
        return null;
    }

    private boolean maintainedByRegistry(RpslObject o) {
        for (String m : o.values("mnt-by")) {
            if (m.equalsIgnoreCase(registryMntner)) {
                return true;
            }
        }
        return false;
    }

    private Resolution check(ObjectKey resource, String nicHdl, String via) {
        Optional<RpslObject> role = lookup.get(ObjectType.ROLE, nicHdl);
        if (role.isEmpty()) {
            String what = lookup.get(ObjectType.PERSON, nicHdl).isPresent() ? " is a person, not a role" : " does not exist";
            return new Resolution(resource, Optional.empty(), null, via, List.of(via + ": " + nicHdl + what));
        }
        List<String> problems = new ArrayList<>();
        for (String attribute : CONTACT_ATTRIBUTES) {
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
    private List<RpslObject> climb(RpslObject resource) {
        ObjectType type = resource.type().orElseThrow();
        Optional<IpRange> range = isAddress(type) ? IpRange.parse(resource.classValue()) : Optional.empty();
        if (range.isEmpty()) {
            return List.of(resource);
        }
        List<RpslObject> enclosing = lookup.enclosing(type, range.get());
        List<RpslObject> chain = new ArrayList<>(enclosing.size() + 1);
        chain.add(resource);
        int last = enclosing.size() - 1;
        // the stored version of the resource itself, if there is one, is the innermost (its range is its key)
        if (last >= 0 && (enclosing.get(last) == resource
                || IpRange.parse(enclosing.get(last).classValue()).equals(range))) {
            last--;
        }
        for (int i = last; i >= 0; i--) {
            chain.add(enclosing.get(i));
        }
        return chain;
    }

    private static boolean isAddress(ObjectType type) {
        return type == ObjectType.INETNUM || type == ObjectType.INET6NUM;
    }
}
