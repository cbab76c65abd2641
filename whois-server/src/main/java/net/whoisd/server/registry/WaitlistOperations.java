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
import net.whoisd.server.config.SpecialPurposeSpace;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;

/**
 * The waiting list's operations. The list is kept in one registry-maintained {@code organisation}
 * object, the ledger {@code ORG-WLST1-<source>}, as {@code remarks:} records (see docs/registry.md for
 * why): it lives in the same store, survives restarts, is exported, imported and mirrored with the
 * data, has a version history, and only the registry (or override) can change it.
 */
public final class WaitlistOperations {
    private final RegistryContext ctx;
    private final Allocations allocations;

    public WaitlistOperations(RegistryContext ctx) {
        this.ctx = ctx;
        this.allocations = new Allocations(ctx);
    }

    public String ledgerKey() {
        return "ORG-WLST1-" + ctx.source();
    }

    /** The ledger, if it exists; refused if an object with its id exists that the registry does not maintain. */
    public Optional<RpslObject> ledger() {
        Optional<RpslObject> ledger = allocations.get(ObjectType.ORGANISATION, ledgerKey());
        if (ledger.isPresent() && ledger.get().values("mnt-by").stream().noneMatch(ctx::isRegistryMntner)) {
            throw RegistryRefusal.refused(ledgerKey() + " exists but is not maintained by the registry ("
                    + ctx.registryMntner() + "); it cannot hold the waiting list");
        }
        return ledger;
    }

    public Waitlist current() {
        return ledger().map(Waitlist::fromRemarks).orElse(Waitlist.empty());
    }

    public RegistryPlan request(String orgId, String max, String min) {
        int maxLength = prefixLength(max, "--max");
        int minLength = prefixLength(min, "--min");
        RpslObject org = allocations.get(ObjectType.ORGANISATION, orgId == null ? "" : orgId)
                .orElseThrow(() -> RegistryRefusal.notFound("no organisation " + orgId + " in the database"));
        String id = org.classValue().toUpperCase(Locale.ROOT);
        Waitlist list = current();
        Optional<String> refusal = list.refusal(id, maxLength, minLength, holdings(id), ctx.now());
        if (refusal.isPresent()) {
            throw RegistryRefusal.refused(refusal.get());
        }
        Optional<String> incomplete = missingForAllocation(org);
        if (incomplete.isPresent()) {
            throw RegistryRefusal.refused(incomplete.get());
        }
        Waitlist next = list.with(new Waitlist.Request(id, maxLength, minLength, ctx.now()));
        RegistryPlan.Builder plan = new RegistryPlan.Builder("waitlist request");
        store(plan, next);
        plan.report("approved: " + id + " max /" + maxLength + " min /" + minLength + ", position " + next.requests().size());
        return plan.build(id + " joined the waiting list at position " + next.requests().size());
    }

    /**
     * Takes the organisation's request off the list when it received, by transfer, at least the
     * smallest block it asked for: the need the list was to meet is met (ARIN NRPM 4.1.8 removes
     * transfer recipients from the waiting list). Says so in the plan's report.
     */
    void removeSatisfied(RegistryPlan.Builder plan, String orgId, long addressesReceived) {
        String id = orgId.toUpperCase(Locale.ROOT);
        Waitlist list = current();
        for (Waitlist.Request r : list.requests()) {
            if (r.org().equals(id) && addressesReceived >= 1L << (32 - r.minLength())) {
                store(plan, list.without(r));
                plan.report("waiting list: the request of " + id + " (max /" + r.maxLength() + " min /" + r.minLength()
                        + ") is removed from the list: the organisation received " + addressesReceived
                        + " IPv4 addresses through this transfer");
                return;
            }
        }
    }

    /** The list in approval order, one line each. */
    public List<String> listing() {
        List<String> out = new ArrayList<>();
        int position = 1;
        for (Waitlist.Request r : current().requests()) {
            out.add(position++ + " " + r.org() + " max /" + r.maxLength() + " min /" + r.minLength() + " approved " + r.approved());
        }
        return out;
    }

    public RegistryPlan fulfil() {
        Waitlist list = current();
        FreePool pool = freePool();
        long freeBefore = pool.addresses();
        List<Waitlist.Grant> grants = list.fulfil(pool);
        RegistryPlan.Builder plan = new RegistryPlan.Builder("waitlist fulfil");
        for (Waitlist.Grant g : grants) {
            RpslObject org = allocations.get(ObjectType.ORGANISATION, g.request().org()).orElse(null);
            Optional<String> incomplete = org == null ? Optional.of("organisation " + g.request().org() + " no longer exists")
                    : missingForAllocation(org);
            if (incomplete.isPresent()) {
                throw RegistryRefusal.refused("cannot fulfil the request of " + g.request().org() + ": " + incomplete.get());
            }
            plan.create(allocationFor(org, g.block()));
            plan.report("issued: " + g.block().toPrefixString() + " to " + g.request().org() + " (requested /"
                    + g.request().maxLength() + " to /" + g.request().minLength() + ")");
        }
        if (!grants.isEmpty()) {
            store(plan, list.after(grants, ctx.now()));
        }
        int waiting = list.requests().size() - grants.size();
        return plan.build(grants.size() + " request(s) fulfilled, " + waiting + " still waiting; "
                + pool.addresses() + " of " + freeBefore + " free addresses left in the pool");
    }

    /**
     * The free pool: the registry's blocks (see {@link #poolBlocks}) less special-purpose space and
     * every other inetnum (allocation or assignment) inside or around them.
     */
    public FreePool freePool() {
        List<IpRange> blocks = poolBlocks();
        List<IpRange> used = new ArrayList<>(SpecialPurposeSpace.BLOCKS);
        for (IpRange block : blocks) {
            for (RangeQuery query : List.of(RangeQuery.ALL_MORE, RangeQuery.ALL_LESS)) {
                for (StoredObject s : ctx.db().ranges(ObjectType.INETNUM, block, query)) {
                    if (!Allocations.status(s.object()).equals("ALLOCATED UNSPECIFIED")) {
                        used.add(Allocations.range(s.object()));
                    }
                }
            }
        }
        return FreePool.of(blocks, used);
    }

    /**
     * {@code registry.free-pool} when configured; else the ALLOCATED UNSPECIFIED blocks the registry
     * maintains, but not the IANA root {@code 0.0.0.0/0} that RIPE dumps hold, which would make all
     * IPv4 space (0/8 included) look free.
     */
    private List<IpRange> poolBlocks() {
        if (!ctx.freePool().isEmpty()) {
            return ctx.freePool();
        }
        List<IpRange> blocks = new ArrayList<>();
        for (StoredObject s : ctx.db().inverse("mnt-by", ctx.registryMntner(), Set.of(ObjectType.INETNUM))) {
            IpRange range = Allocations.range(s.object());
            if (Allocations.status(s.object()).equals("ALLOCATED UNSPECIFIED") && !SpecialPurposeSpace.isRoot(range)) {
                blocks.add(range);
            }
        }
        return blocks;
    }

    /** IPv4 addresses the organisation holds in aggregate (overlapping objects counted once). */
    long holdings(String orgId) {
        List<IpRange> held = new ArrayList<>();
        for (StoredObject s : ctx.db().inverse("org", orgId, Set.of(ObjectType.INETNUM))) {
            held.add(Allocations.range(s.object()));
        }
        return FreePool.of(held, List.of()).addresses();
    }

    /** An allocation needs contacts and an LIR maintainer: taken from the organisation object. */
    private Optional<String> missingForAllocation(RpslObject org) {
        if (org.values("admin-c").isEmpty() || org.values("tech-c").isEmpty()) {
            return Optional.of("organisation " + org.classValue() + " has no admin-c/tech-c to put on its allocation");
        }
        if (lirMaintainers(org).isEmpty()) {
            return Optional.of("organisation " + org.classValue() + " names no maintainer of its own in mnt-ref"
                    + " to put in mnt-lower of its allocation");
        }
        return Optional.empty();
    }

    private List<String> lirMaintainers(RpslObject org) {
        return org.values("mnt-ref").stream().filter(m -> !ctx.isRegistryMntner(m)).toList();
    }

    private RpslObject allocationFor(RpslObject org, IpRange block) {
        String now = Maintainers.touched(org, ctx.now()).value("last-modified");
        String id = org.classValue().toUpperCase(Locale.ROOT);
        String letters = id.replaceFirst("^ORG-", "").replaceFirst("-" + ctx.source() + "$", "");
        List<RpslAttribute> a = new ArrayList<>();
        a.add(RpslAttribute.of("inetnum", block.toString()));
        a.add(RpslAttribute.of("netname", "WL-" + letters + "-" + block.startAddress().replace('.', '-')));
        a.add(RpslAttribute.of("country", org.value("country") != null ? org.value("country") : "ZZ"));
        a.add(RpslAttribute.of("org", id));
        org.values("admin-c").forEach(v -> a.add(RpslAttribute.of("admin-c", v)));
        org.values("tech-c").forEach(v -> a.add(RpslAttribute.of("tech-c", v)));
        a.add(RpslAttribute.of("status", "ALLOCATED PA"));
        a.add(RpslAttribute.of("remarks", RegistryMarks.transferLockRemark(ctx.now())));
        a.add(RpslAttribute.of("mnt-by", ctx.registryMntner()));
        lirMaintainers(org).forEach(m -> a.add(RpslAttribute.of("mnt-lower", m)));
        a.add(RpslAttribute.of("created", now));
        a.add(RpslAttribute.of("last-modified", now));
        a.add(RpslAttribute.of("source", ctx.source()));
        return new RpslObject(a);
    }

    private void store(RegistryPlan.Builder plan, Waitlist list) {
        Optional<RpslObject> ledger = ledger();
        RpslObject base = ledger.orElseGet(this::newLedger).without("remarks");
        List<RpslAttribute> a = new ArrayList<>();
        for (RpslAttribute attribute : base.attributes()) {
            if (attribute.name().equals("mnt-ref")) {
                a.add(RpslAttribute.of("remarks", "The registry's IPv4 waiting list (ARIN NRPM 4.1.8), kept by whoisd."));
                list.remarks().forEach(r -> a.add(RpslAttribute.of("remarks", r)));
            }
            a.add(attribute);
        }
        RpslObject updated = Maintainers.touched(new RpslObject(a), ctx.now());
        if (ledger.isPresent()) {
            plan.modify(ledger.get(), updated);
        } else {
            plan.create(updated);
        }
    }

    private RpslObject newLedger() {
        String now = Maintainers.touched(RpslObject.parse("x: y\n"), ctx.now()).value("last-modified");
        return new RpslObject(List.of(
                RpslAttribute.of("organisation", ledgerKey()),
                RpslAttribute.of("org-name", "Registry IPv4 waiting list"),
                RpslAttribute.of("org-type", "OTHER"),
                RpslAttribute.of("address", "kept by the registry; see remarks"),
                RpslAttribute.of("e-mail", ctx.registryEmail()),
                RpslAttribute.of("mnt-ref", ctx.registryMntner()),
                RpslAttribute.of("mnt-by", ctx.registryMntner()),
                RpslAttribute.of("created", now),
                RpslAttribute.of("last-modified", now),
                RpslAttribute.of("source", ctx.source())));
    }

    private static int prefixLength(String value, String option) {
        String v = value == null ? "" : value.trim();
        if (v.startsWith("/")) {
            v = v.substring(1);
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= 32) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RegistryRefusal.badInput(option + " must be an IPv4 prefix length such as /22: " + value);
    }
}
