package net.whoisd.server.registry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.ReverseDomain;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.StoredObject;

/**
 * RIPE NCC's LIR closure procedure, in two steps. {@link #start} marks every allocation of the LIR
 * as closing (from then on the update engine refuses new assignments in it, see {@link ClosingLirs});
 * {@link #complete} hands the assignments end users keep to the registry's end-user maintainer,
 * deletes the others and the allocations (their space returns to the free pool) and makes the LIR's
 * organisation an ordinary one (org-type OTHER).
 */
public final class LirClosure {
    private final RegistryContext ctx;
    private final Allocations allocations;

    public LirClosure(RegistryContext ctx) {
        this.ctx = ctx;
        this.allocations = new Allocations(ctx);
    }

    public RegistryPlan start(String mntner) {
        String lir = allocations.lirMntner(mntner, "--mntner").classValue().toUpperCase(Locale.ROOT);
        List<RpslObject> held = allocations.heldBy(lir);
        if (held.isEmpty()) {
            throw RegistryRefusal.notFound(lir + " holds no allocation; there is nothing to close");
        }
        RegistryPlan.Builder plan = new RegistryPlan.Builder("lir-closure start");
        for (RpslObject a : held) {
            Optional<RegistryMarks.Closing> closing = RegistryMarks.closing(a);
            if (closing.isPresent()) {
                throw RegistryRefusal.refused(lir + " is already closing since " + closing.get().since()
                        + " (allocation " + a.classValue() + ")");
            }
            RpslObject marked = withRemark(a, RegistryMarks.closingRemark(lir, ctx.now()));
            plan.modify(a, Maintainers.touched(marked, ctx.now()));
            plan.report("closing: " + Allocations.range(a).toPrefixString() + " " + a.value("netname"));
        }
        return plan.build("LIR " + lir + " is closing: " + held.size() + " allocation(s) marked, no further assignments");
    }

    public RegistryPlan complete(String mntner, KeepList keep) {
        String lir = allocations.lirMntner(mntner, "--mntner").classValue().toUpperCase(Locale.ROOT);
        if (!keep.errors().isEmpty()) {
            throw RegistryRefusal.badInput(String.join("\n", keep.errors()));
        }
        List<RpslObject> held = allocations.heldBy(lir);
        if (held.isEmpty()) {
            throw RegistryRefusal.notFound(lir + " holds no allocation; there is nothing to close");
        }
        for (RpslObject a : held) {
            if (RegistryMarks.closing(a).isEmpty()) {
                throw RegistryRefusal.refused("the closure of " + lir + " was not started (allocation " + a.classValue()
                        + " is not marked closing); run lir-closure start first");
            }
        }
        Map<IpRange, RpslObject> kept = keptAssignments(held, keep);
        RegistryPlan.Builder plan = new RegistryPlan.Builder("lir-closure complete");
        BigInteger[] returned = {BigInteger.ZERO, BigInteger.ZERO};
        Set<ObjectKey> handled = new LinkedHashSet<>();
        Set<String> lirOrgs = new LinkedHashSet<>();
        for (RpslObject allocation : held) {
            IpRange space = Allocations.range(allocation);
            BigInteger free = space.size();
            List<RpslObject> inside = new ArrayList<>(allocations.addressesInside(space));
            inside.addAll(allocations.domainsWithin(space));
            for (RpslObject o : inside) {
                handled.add(ObjectKey.of(o));
                Optional<IpRange> keptBy = keptRange(o, kept);
                if (keptBy.isEmpty()) {
                    plan.delete(o);
                } else if (Maintainers.mentions(o, lir)) {
                    plan.modify(o, Maintainers.touched(Maintainers.replace(o, lir, ctx.endUserMntner()), ctx.now()));
                }
            }
            for (IpRange k : kept.keySet()) {
                if (space.contains(k)) {
                    free = free.subtract(k.size());
                }
            }
            returned[space.isIpv4() ? 0 : 1] = returned[space.isIpv4() ? 0 : 1].add(free);
            for (RpslObject route : allocations.routesWithin(space)) {
                handled.add(ObjectKey.of(route));
                plan.warn("left in place: " + ObjectKey.of(route) + " (mnt-by " + String.join(", ", route.values("mnt-by"))
                        + ") lies in space that leaves " + lir + "; its maintainers should delete it");
            }
            if (allocation.value("org") != null) {
                lirOrgs.add(allocation.value("org").toUpperCase(Locale.ROOT));
            }
            handled.add(ObjectKey.of(allocation));
            plan.delete(allocation);
        }
        for (String orgId : lirOrgs) {
            allocations.get(ObjectType.ORGANISATION, orgId).ifPresent(org -> {
                handled.add(ObjectKey.of(org));
                if ("LIR".equalsIgnoreCase(org.value("org-type"))) {
                    plan.modify(org, Maintainers.touched(org.with("org-type", "OTHER"), ctx.now()));
                    plan.report("organisation " + orgId + " is no longer an LIR (org-type: OTHER)");
                }
            });
        }
        warnAboutReferences(plan, lir, lirOrgs, handled);
        kept.values().forEach(a -> plan.report(KeptAssignmentLine.format(a)));
        long reassigned = plan.build("").steps().stream().filter(s -> s.change().operation() == net.whoisd.storage.Operation.MODIFY
                && s.before().type().orElseThrow() != ObjectType.ORGANISATION).count();
        long deleted = plan.build("").count(net.whoisd.storage.Operation.DELETE);
        String pool = returned[0] + " IPv4 addresses" + (returned[1].signum() > 0 ? " and " + returned[1] + " IPv6 addresses" : "");
        return plan.build("LIR " + lir + " closed: " + kept.size() + " assignment(s) kept, " + reassigned + " reassigned, "
                + deleted + " deleted, " + pool + " returned to the pool");
    }

    /** Each listed range must be an assignment inside one of the LIR's allocations (not one itself). */
    private Map<IpRange, RpslObject> keptAssignments(List<RpslObject> held, KeepList keep) {
        Map<IpRange, RpslObject> kept = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (KeepList.Entry e : keep.entries()) {
            RpslObject inside = held.stream().filter(a -> Allocations.range(a).contains(e.range())).findFirst().orElse(null);
            if (inside == null) {
                errors.add("keep line " + e.line() + ": " + e.range() + " is not inside an allocation of this LIR");
                continue;
            }
            Optional<StoredObject> exact = ctx.db().get(Allocations.type(e.range()), e.range().toString());
            if (exact.isEmpty()) {
                errors.add("keep line " + e.line() + ": no " + Allocations.type(e.range()) + " " + e.range() + " in the database");
            } else if (Allocations.range(exact.get().object()).equals(Allocations.range(inside))) {
                errors.add("keep line " + e.line() + ": " + e.range() + " is the allocation itself, not an assignment");
            } else {
                kept.put(e.range(), exact.get().object());
            }
        }
        if (!errors.isEmpty()) {
            throw RegistryRefusal.badInput(String.join("\n", errors));
        }
        return kept;
    }

    private static Optional<IpRange> keptRange(RpslObject o, Map<IpRange, RpslObject> kept) {
        Optional<IpRange> range = o.type().orElseThrow() == ObjectType.DOMAIN
                ? ReverseDomain.toRange(o.classValue()) : IpRange.parse(o.classValue());
        if (range.isEmpty()) {
            return Optional.empty();
        }
        return kept.keySet().stream().filter(k -> k.contains(range.get())).findFirst();
    }

    /** Objects outside the closed space that still name the LIR's maintainer or organisation. */
    private void warnAboutReferences(RegistryPlan.Builder plan, String lir, Set<String> lirOrgs, Set<ObjectKey> handled) {
        Set<ObjectKey> warned = new LinkedHashSet<>();
        for (String attribute : Maintainers.ATTRIBUTES) {
            for (StoredObject s : ctx.db().inverse(attribute, lir, Set.of(ObjectType.values()))) {
                if (!handled.contains(s.key()) && warned.add(s.key())) {
                    plan.warn("still maintained by " + lir + ": " + s.key());
                }
            }
        }
        for (String org : lirOrgs) {
            for (StoredObject s : ctx.db().inverse("sponsoring-org", org, Set.of(ObjectType.values()))) {
                if (!handled.contains(s.key()) && warned.add(s.key())) {
                    plan.warn("sponsoring-org " + org + " of " + s.key() + " is no longer an LIR");
                }
            }
        }
    }

    static RpslObject withRemark(RpslObject o, String remark) {
        List<net.whoisd.rpsl.RpslAttribute> attributes = new ArrayList<>(o.attributes());
        int at = attributes.size();
        for (int i = 0; i < attributes.size(); i++) {
            String n = attributes.get(i).name();
            if (n.equals("mnt-by") || n.equals("created") || n.equals("last-modified") || n.equals("source")) {
                at = i;
                break;
            }
        }
        attributes.add(at, net.whoisd.rpsl.RpslAttribute.of("remarks", remark));
        return new RpslObject(attributes);
    }
}
