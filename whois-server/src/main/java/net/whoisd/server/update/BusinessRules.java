package net.whoisd.server.update;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.References;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.rpsl.Severity;
import net.whoisd.server.auth.PgpKeyCert;
import net.whoisd.server.registry.AbuseContactPolicy;
import net.whoisd.server.registry.ClosingLirs;
import net.whoisd.server.registry.ObjectLookup;
import net.whoisd.server.registry.ReverseDelegationRules;
import net.whoisd.storage.RangeQuery;

/**
 * The rules a change must meet besides syntax and authorisation: references resolve, referenced
 * objects stay, address ranges nest, the status hierarchy holds, reverse zones sit in registered
 * space with enough name servers.
 */
final class BusinessRules {
    private static final Set<ObjectType> ALL = EnumSet.allOf(ObjectType.class);

    private final SyntaxChecks syntax;
    private final RegistryPolicies policies;

    BusinessRules(SyntaxChecks syntax, RegistryPolicies policies) {
        this.syntax = syntax;
        this.policies = policies;
    }

    /** The problems found; {@code unresolved} is set when a reference to a missing object was the cause. */
    record Outcome(List<Problem> problems, boolean unresolved) {
    }

    /** @param override true if a valid override skips registry rules */
    Outcome check(ObjectView view, Proposal p, boolean override) {
        List<Problem> problems = new ArrayList<>();
        boolean unresolved = false;
        if (p.action() == Action.DELETE) {
            // the referrers may be deleted by other objects of the same message
            unresolved = referencedBy(view, p, problems);
            abuseContactDependants(view, p, problems);
        } else {
            unresolved = references(view, p, problems);
            if (p.action() == Action.MODIFY) {
                abuseContactDependants(view, p, problems);
            }
            switch (p.type()) {
                case INETNUM, INET6NUM -> {
                    addressSpace(view, p, problems, override);
                    registryPolicies(view, p, problems, override);
                }
                case AUT_NUM -> registryPolicies(view, p, problems, override);
                case DOMAIN -> domain(view, p, problems);
                case PERSON, ROLE -> nameUnchanged(p, problems);
                case KEY_CERT -> keyCert(p, problems);
                default -> {
                }
            }
        }
        return new Outcome(problems, unresolved);
    }

    /** Every reference must name an existing object of an allowed class (a self-reference is allowed). */
    private boolean references(ObjectView view, Proposal p, List<Problem> problems) {
        boolean unresolved = false;
        for (RpslAttribute a : p.object().attributes()) {
            Set<ObjectType> targets = References.targets(a.name());
            if (targets.isEmpty() || (a.name().equals("member-of") && p.type() != ObjectType.AUT_NUM)) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String raw : a.cleanValues()) {
                String value = Authoriser.referenceValue(a.name(), raw);
                if (!isReference(a.name(), value)) {
                    continue;
                }
                boolean self = targets.contains(p.type()) && p.key().equalsIgnoreCase(value);
                if (!self && view.get(targets, value).isEmpty()) {
                    missing.add(value);
                }
            }
            if (!missing.isEmpty()) {
                unresolved = true;
                problems.add(Problem.error(a.name(), a.line(), "Unknown object referenced " + String.join(", ", missing)));
            }
        }
        return unresolved;
    }

    private static boolean isReference(String attribute, String value) {
        if (value.isEmpty()) {
            return false;
        }
        return switch (attribute) {
            case "auth" -> value.startsWith("PGPKEY-") || value.startsWith("X509-");
            case "mbrs-by-ref" -> !value.equals("ANY");
            default -> true;
        };
    }

    /** An object still referenced by others cannot be deleted (aut-num is exempt: policy is not a reference). */
    private boolean referencedBy(ObjectView view, Proposal p, List<Problem> problems) {
        if (p.type() == ObjectType.AUT_NUM) {
            return false;
        }
        ObjectKey own = new ObjectKey(p.type(), p.key());
        Set<String> referrers = new HashSet<>();
        for (String attribute : References.inverseSearchable()) {
            if (!References.targets(attribute).contains(p.type())) {
                continue;
            }
            for (RpslObject o : view.inverse(attribute, p.key(), ALL)) {
                ObjectKey k = ObjectKey.of(o);
                if (!k.equals(own)) {
                    referrers.add("[" + k.type().attributeName() + "] " + k.key());
                }
            }
        }
        if (!referrers.isEmpty()) {
            List<String> names = new ArrayList<>(referrers);
            names.sort(null);
            problems.add(Problem.error(null, 0, "Object " + p.subject() + " is referenced from other objects: "
                    + String.join(", ", names.subList(0, Math.min(10, names.size())))
                    + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "")));
            return true;
        }
        return false;
    }

    private void addressSpace(ObjectView view, Proposal p, List<Problem> problems, boolean override) {
        Optional<IpRange> parsed = IpRange.parse(p.key());
        if (parsed.isEmpty()) {
            return;
        }
        IpRange range = parsed.get();
        String status = p.object().value("status");
        int statusLine = p.object().find("status").map(RpslAttribute::line).orElse(0);
        if (!Statuses.isKnown(p.type(), status)) {
            problems.add(Problem.error("status", statusLine, "Unknown status " + status + " for " + p.type().attributeName()));
            return;
        }
        if (Statuses.forbidsMntLower(status) && p.object().has("mnt-lower")) {
            problems.add(Problem.error("mnt-lower", p.object().find("mnt-lower").get().line(),
                    "\"mnt-lower:\" attribute not allowed for resources with \"" + Statuses.normalise(status) + "\" status"));
        }
        if (p.action() == Action.MODIFY) {
            String before = p.current().value("status");
            if (!Statuses.changeAllowed(before, status)) {
                problems.add(Problem.error("status", statusLine, "status value cannot be changed, you must delete and"
                        + " re-create the object"));
            }
            return;
        }
        if (p.type() == ObjectType.INET6NUM && range.prefixLength() > 64) {
            problems.add(Problem.error(p.type().attributeName(), p.object().line(),
                    "Prefix length for " + p.key() + " must be 64 or less"));
        }
        for (IpRange edge : List.of(single(range, true), single(range, false))) {
            for (RpslObject o : view.ranges(p.type(), edge, RangeQuery.ALL_LESS)) {
                Optional<IpRange> other = IpRange.parse(o.classValue());
                if (other.isPresent() && other.get().overlapsPartially(range)) {
                    problems.add(Problem.error(p.type().attributeName(), p.object().line(),
                            "This range overlaps with " + ObjectKey.of(o).key()));
                    return;
                }
            }
        }
        if (override) {
            return;
        }
        List<RpslObject> parents = view.ranges(p.type(), range, RangeQuery.ONE_LESS);
        if (parents.isEmpty()) {
            if (!Statuses.allowedAtTop(status)) {
                problems.add(Problem.error("status", statusLine, "Status " + Statuses.normalise(status)
                        + " needs an enclosing object of a compatible status; none exists for " + p.key()));
            }
        } else {
            String parentStatus = parents.get(0).value("status");
            if (!Statuses.allowedUnder(p.type(), status, parentStatus)) {
                problems.add(Problem.error("status", statusLine, p.key() + " cannot be created with status: "
                        + Statuses.normalise(status) + " under parent " + ObjectKey.of(parents.get(0)).key()
                        + " with status: " + Statuses.normalise(parentStatus)));
            }
        }
        for (RpslObject child : view.ranges(p.type(), range, RangeQuery.ONE_MORE)) {
            if (!Statuses.allowedUnder(p.type(), child.value("status"), status)) {
                problems.add(Problem.error("status", statusLine, "Status " + Statuses.normalise(status)
                        + " not allowed when more specific object " + ObjectKey.of(child).key() + " has status "
                        + Statuses.normalise(child.value("status"))));
                return;
            }
        }
    }

    private static IpRange single(IpRange r, boolean start) {
        return start ? new IpRange(r.ipv6(), r.startHi(), r.startLo(), r.startHi(), r.startLo())
                : new IpRange(r.ipv6(), r.endHi(), r.endLo(), r.endHi(), r.endLo());
    }

    /** Reverse delegation rules (registered space, distinct name servers, the registry's secondary). */
    private void domain(ObjectView view, Proposal p, List<Problem> problems) {
        ReverseDelegationRules rules = new ReverseDelegationRules(lookup(view), policies.reverseSecondary());
        for (String message : rules.check(p.object())) {
            problems.add(attributeError(p.object(), message));
        }
    }

    /** Resources must lead to an abuse contact; no new assignments in a closing LIR's allocations. */
    private void registryPolicies(ObjectView view, Proposal p, List<Problem> problems, boolean override) {
        ObjectLookup lookup = lookup(view);
        if (p.action() == Action.CREATE && !override) {
            new ClosingLirs(lookup).refusal(p.object())
                    .ifPresent(reason -> problems.add(Problem.error("status", p.object().line(), reason)));
        }
        new AbuseContactPolicy(lookup, policies.registryMntner(), policies.abuseContactRequired()).check(p.object())
                .ifPresent(f -> problems.add(new Problem(f.error() ? Severity.ERROR : Severity.WARNING, "abuse-c",
                        p.object().find("abuse-c").map(RpslAttribute::line).orElse(p.object().line()), f.message())));
    }

    /** A change must not take the abuse contact away from resources that lead to it through this object. */
    private void abuseContactDependants(ObjectView view, Proposal p, List<Problem> problems) {
        new AbuseContactOrphans(view, policies.registryMntner()).check(p).ifPresent(message -> problems.add(
                new Problem(policies.abuseContactRequired() ? Severity.ERROR : Severity.WARNING, null, 0, message)));
    }

    /** The registry rules read the database as this message sees it (its own pending changes included). */
    private static ObjectLookup lookup(ObjectView view) {
        return new ObjectLookup() {
            @Override
            public Optional<RpslObject> get(ObjectType type, String primaryKey) {
                return view.get(type, primaryKey);
            }

            @Override
            public List<RpslObject> enclosing(ObjectType type, IpRange range) {
                return view.ranges(type, range, RangeQuery.ALL_LESS);
            }
        };
    }

    /** A rule message of the form {@code attribute: text} as a problem on that attribute. */
    private static Problem attributeError(RpslObject object, String message) {
        int colon = message.indexOf(": ");
        String attribute = colon > 0 ? message.substring(0, colon) : null;
        String text = colon > 0 ? message.substring(colon + 2) : message;
        int line = attribute == null ? object.line() : object.find(attribute).map(RpslAttribute::line).orElse(object.line());
        return Problem.error(attribute, line, text);
    }

    /** A PGP key-cert must hold a readable key whose id is the one in its name. */
    private void keyCert(Proposal p, List<Problem> problems) {
        if (!p.key().startsWith("PGPKEY-")) {
            return;
        }
        Optional<PgpKeyCert> key = PgpKeyCert.fromObject(p.object());
        if (key.isEmpty()) {
            problems.add(Problem.error("certif", 0, "The public key cannot be read from the certif: lines"));
        } else if (!key.get().keyCertId().equals(p.key())) {
            problems.add(Problem.error("key-cert", p.object().line(), "The key-cert name must be the key's id: "
                    + key.get().keyCertId()));
        }
    }

    private void nameUnchanged(Proposal p, List<Problem> problems) {
        if (p.action() != Action.MODIFY) {
            return;
        }
        String attribute = p.type().attributeName();
        String before = p.current().value(attribute);
        String after = p.object().value(attribute);
        if (before != null && after != null && !before.equalsIgnoreCase(after)) {
            problems.add(Problem.error(attribute, p.object().line(), "Person/Role name cannot be changed"));
        }
    }
}
