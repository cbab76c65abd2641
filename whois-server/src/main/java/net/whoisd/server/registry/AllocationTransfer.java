package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.StoredObject;

/**
 * Transfers of allocations between LIRs and takeovers of one LIR by another: the allocation and
 * every object inside it that the giving LIR maintains move to the receiving LIR (its maintainer
 * replaces the giver's wherever it appears; the giver's organisation is replaced by the receiver's).
 * Objects of other maintainers and organisations inside the space stay as they are. Responsibility
 * moves with the space: the allocation's {@code admin-c}, {@code tech-c} and {@code abuse-c} become
 * the receiving organisation's (unless the contacts are kept on request), so queries name the
 * receiver's abuse mailbox. A waiting-list request of the receiving organisation that the transfer
 * satisfies leaves the list. Space from the waiting list cannot be transferred within 60 months of
 * its issue.
 */
public final class AllocationTransfer {
    static final List<String> CONTACTS = List.of("admin-c", "tech-c", "abuse-c");
    private final RegistryContext ctx;
    private final Allocations allocations;

    public AllocationTransfer(RegistryContext ctx) {
        this.ctx = ctx;
        this.allocations = new Allocations(ctx);
    }

    /** @param keepContacts true leaves the allocation's admin-c, tech-c and abuse-c as they are */
    public RegistryPlan transfer(String allocationRange, String toMntner, String orgId, boolean keepContacts) {
        IpRange range = IpRange.parse(allocationRange == null ? "" : allocationRange)
                .orElseThrow(() -> RegistryRefusal.badInput("--allocation is not an address range or prefix: " + allocationRange));
        RpslObject allocation = allocations.allocation(range)
                .orElseThrow(() -> RegistryRefusal.notFound("no allocation " + range.toPrefixString() + " in the database"));
        String to = allocations.lirMntner(toMntner, "--to").classValue().toUpperCase(Locale.ROOT);
        RegistryPlan.Builder plan = new RegistryPlan.Builder("transfer");
        RpslObject org = receivingOrg(to, orgId, keepContacts);
        move(plan, allocation, to, org, keepContacts);
        leaveWaitlist(plan, org, List.of(allocation));
        return plan.build("allocation " + range.toPrefixString() + " transferred to " + to + " (" + org.classValue() + "): "
                + plan.build("").steps().size() + " object(s) changed");
    }

    public RegistryPlan takeover(String fromMntner, String toMntner, String orgId, boolean keepContacts) {
        String from = allocations.lirMntner(fromMntner, "--from").classValue().toUpperCase(Locale.ROOT);
        String to = allocations.lirMntner(toMntner, "--to").classValue().toUpperCase(Locale.ROOT);
        if (from.equals(to)) {
            throw RegistryRefusal.badInput("--from and --to are the same maintainer " + from);
        }
        List<RpslObject> held = allocations.heldBy(from);
        if (held.isEmpty()) {
            throw RegistryRefusal.notFound(from + " holds no allocation; there is nothing to take over");
        }
        RpslObject org = receivingOrg(to, orgId, keepContacts);
        RegistryPlan.Builder plan = new RegistryPlan.Builder("takeover");
        for (RpslObject allocation : held) {
            move(plan, allocation, to, org, keepContacts);
        }
        leaveWaitlist(plan, org, held);
        return plan.build(from + " taken over by " + to + " (" + org.classValue() + "): " + held.size() + " allocation(s), "
                + plan.build("").steps().size() + " object(s) changed");
    }

    private void move(RegistryPlan.Builder plan, RpslObject allocation, String to, RpslObject receiver, boolean keepContacts) {
        String org = receiver.classValue().toUpperCase(Locale.ROOT);
        IpRange space = Allocations.range(allocation);
        Optional<RegistryMarks.TransferLock> lock = RegistryMarks.transferLock(allocation);
        if (lock.isPresent() && lock.get().lockedUntil().isAfter(ctx.now())) {
            throw RegistryRefusal.refused("allocation " + space.toPrefixString() + " was issued from the waiting list on "
                    + lock.get().issued() + " and cannot be transferred before " + lock.get().lockedUntil()
                    + " (60 months, ARIN NRPM 4.1.8)");
        }
        Set<String> givers = allocations.lirMaintainers(allocation);
        if (givers.isEmpty()) {
            throw RegistryRefusal.refused("allocation " + space.toPrefixString() + " names no LIR maintainer; nothing to transfer");
        }
        if (givers.contains(to)) {
            throw RegistryRefusal.refused("allocation " + space.toPrefixString() + " is already maintained by " + to);
        }
        String giverOrg = allocation.value("org") == null ? null : allocation.value("org").toUpperCase(Locale.ROOT);
        RpslObject movedAllocation = moved(RegistryMarks.withoutClosing(allocation), givers, to, giverOrg, org);
        if (!keepContacts) {
            movedAllocation = Maintainers.touched(withContactsOf(movedAllocation, receiver), ctx.now());
        }
        plan.modify(allocation, movedAllocation);
        List<RpslObject> inside = new ArrayList<>(allocations.addressesInside(space));
        inside.addAll(allocations.domainsWithin(space));
        inside.addAll(allocations.routesWithin(space));
        for (RpslObject o : inside) {
            if (givers.stream().anyMatch(g -> Maintainers.mentions(o, g))) {
                plan.modify(o, moved(o, givers, to, giverOrg, org));
            }
        }
        plan.report("moved: " + space.toPrefixString() + " " + allocation.value("netname") + " from "
                + String.join(", ", givers) + " to " + to);
    }

    private RpslObject moved(RpslObject o, Set<String> givers, String to, String giverOrg, String org) {
        RpslObject out = o;
        for (String g : givers) {
            out = Maintainers.replace(out, g, to);
        }
        if (giverOrg != null && giverOrg.equalsIgnoreCase(o.value("org"))) {
            out = out.with("org", org);
        }
        return out.equals(o) ? o : Maintainers.touched(out, ctx.now());
    }

    /**
     * {@code --org} if given (it must exist), else the organisation of the receiving LIR's allocations,
     * else its LIR organisation. Unless the contacts are kept it must have the contacts the allocation takes.
     */
    private RpslObject receivingOrg(String to, String orgId, boolean keepContacts) {
        RpslObject org = findReceivingOrg(to, orgId);
        if (!keepContacts) {
            List<String> missing = CONTACTS.stream().filter(c -> org.values(c).isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw RegistryRefusal.refused("organisation " + org.classValue() + " has no " + String.join(", ", missing)
                        + " to take over as the allocation's contacts; add them, or keep the current contacts (--keep-contacts)");
            }
        }
        return org;
    }

    private RpslObject findReceivingOrg(String to, String orgId) {
        if (orgId != null && !orgId.isBlank()) {
            return allocations.get(ObjectType.ORGANISATION, orgId)
                    .orElseThrow(() -> RegistryRefusal.notFound("no organisation " + orgId + " in the database"));
        }
        for (RpslObject a : allocations.heldBy(to)) {
            if (a.value("org") != null) {
                Optional<RpslObject> org = allocations.get(ObjectType.ORGANISATION, a.value("org"));
                if (org.isPresent()) {
                    return org.get();
                }
            }
        }
        for (StoredObject s : ctx.db().inverse("mnt-ref", to, Set.of(ObjectType.ORGANISATION))) {
            if ("LIR".equalsIgnoreCase(s.object().value("org-type"))) {
                return s.object();
            }
        }
        throw RegistryRefusal.badInput("cannot tell the receiving organisation of " + to + "; give --org");
    }

    /** The allocation with the organisation's admin-c, tech-c and abuse-c in place of its own. */
    static RpslObject withContactsOf(RpslObject allocation, RpslObject org) {
        List<RpslAttribute> out = new ArrayList<>();
        for (RpslAttribute a : allocation.attributes()) {
            if (CONTACTS.contains(a.name())) {
                continue;
            }
            if (a.name().equals("status")) {
                for (String contact : CONTACTS) {
                    org.values(contact).forEach(v -> out.add(RpslAttribute.of(contact, v)));
                }
            }
            out.add(a);
        }
        return new RpslObject(out);
    }

    /** The receiving organisation's waiting-list request leaves the list if the space received satisfies it. */
    private void leaveWaitlist(RegistryPlan.Builder plan, RpslObject org, List<RpslObject> received) {
        long addresses = 0;
        for (RpslObject a : received) {
            IpRange r = Allocations.range(a);
            if (r.isIpv4()) {
                addresses += r.size().longValue();
            }
        }
        new WaitlistOperations(ctx).removeSatisfied(plan, org.classValue(), addresses);
    }
}
