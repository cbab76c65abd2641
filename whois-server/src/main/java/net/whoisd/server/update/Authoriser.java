package net.whoisd.server.update;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.References;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.PasswordChecker;
import net.whoisd.storage.RangeQuery;

/**
 * Decides which maintainers must agree to a change and whether the offered credentials satisfy
 * them (RIPE's authorisation strategies; every applicable check must pass).
 */
final class Authoriser {
    /** Attributes whose newly added targets' {@code mnt-ref:} must agree (reference protection). */
    private static final List<String> REFERENCE_PROTECTED = List.of("abuse-c", "admin-c", "tech-c", "zone-c", "author",
            "ping-hdl", "mnt-irt", "mnt-by", "mnt-domains", "mnt-routes", "mnt-lower", "mnt-ref", "org");

    private final String registryMntner;
    private final SyntaxChecks syntax;

    Authoriser(String registryMntner, SyntaxChecks syntax) {
        this.registryMntner = registryMntner.toUpperCase(Locale.ROOT);
        this.syntax = syntax;
    }

    /**
     * The outcome: errors (empty when authorised), whether a missing maintainer might appear later in
     * the message, and whether a password check was refused because too many had failed.
     */
    record Outcome(List<Problem> errors, boolean mayResolveLater, boolean guessesRefused) {
    }

    /** One check: at least one of the candidates must authenticate. */
    private record Check(String subject, String attribute, List<String> candidates, String explanation, RpslObject guard) {
        Check(String subject, String attribute, List<String> candidates, String explanation) {
            this(subject, attribute, candidates, explanation, null);
        }
    }

    Outcome authorise(ObjectView view, Proposal p, Credentials credentials) {
        List<Problem> errors = new ArrayList<>();
        boolean[] missing = new boolean[1];
        for (Check check : checks(view, p)) {
            if (check.guard() != null) {
                if (!satisfies(List.of(check.guard()), credentials, errors)) {
                    errors.add(Problem.error(null, 0, "Authorisation for " + check.subject() + " failed\nusing \""
                            + check.attribute() + ":\"\nnot authenticated by: " + check.candidates().get(0)));
                }
                continue;
            }
            if (check.candidates().isEmpty()) {
                errors.add(Problem.error(null, 0, check.explanation() != null ? check.explanation()
                        : "Authorisation for " + check.subject() + " failed\nusing \"" + check.attribute()
                        + ":\"\nno valid maintainer found"));
                continue;
            }
            List<RpslObject> guards = new ArrayList<>();
            for (String mntner : check.candidates()) {
                maintainer(view, p, mntner, missing).ifPresent(guards::add);
            }
            if (!satisfies(guards, credentials, errors)) {
                String text = "Authorisation for " + check.subject() + " failed\nusing \"" + check.attribute()
                        + ":\"\nnot authenticated by: " + String.join(", ", check.candidates());
                errors.add(Problem.error(null, 0, check.explanation() != null ? check.explanation() + "\n" + text : text));
            }
        }
        return new Outcome(errors, missing[0], credentials.checks().refusedAny());
    }

    /** The maintainer (or irt) as the check sees it; empty (and {@code missing} set) if there is none. */
    private static Optional<RpslObject> maintainer(ObjectView view, Proposal p, String name, boolean[] missing) {
        Optional<RpslObject> m = view.get(ObjectType.MNTNER, name);
        if (m.isEmpty()) {
            m = view.current(ObjectType.MNTNER, name); // a maintainer deleted in the same group still guards
        }
        if (m.isEmpty() && p.type() == ObjectType.MNTNER && p.key().equalsIgnoreCase(name)) {
            m = Optional.of(p.object());
        }
        if (m.isEmpty()) {
            missing[0] = true;
        }
        return m;
    }

    /**
     * True if a PGP signature or a password satisfies one of the guards. Password checks refused
     * because too many passwords failed are explained in {@code errors}.
     */
    private static boolean satisfies(List<RpslObject> guards, Credentials credentials, List<Problem> errors) {
        for (RpslObject guard : guards) {
            for (String auth : guard.values("auth")) {
                String scheme = PasswordChecker.scheme(auth);
                if (scheme.startsWith("PGPKEY-") && credentials.pgpKeyIds().contains(scheme)) {
                    return true;
                }
            }
        }
        List<CredentialChecks.Guard> passwordGuards = new ArrayList<>();
        for (RpslObject guard : guards) {
            passwordGuards.add(new CredentialChecks.Guard(ObjectKey.of(guard).key().toUpperCase(Locale.ROOT),
                    guard.values("auth")));
        }
        CredentialChecks.Verdict verdict = credentials.checks().anyOf(passwordGuards);
        if (verdict == CredentialChecks.Verdict.REFUSED) {
            for (RpslObject guard : guards) {
                String account = ObjectKey.of(guard).key().toUpperCase(Locale.ROOT);
                Problem refusal = credentials.checks().refusal(account);
                if (refusal != null && !errors.contains(refusal)) {
                    errors.add(refusal);
                }
            }
        }
        return verdict == CredentialChecks.Verdict.MATCH;
    }

    private List<Check> checks(ObjectView view, Proposal p) {
        List<Check> checks = new ArrayList<>();
        RpslObject guarding = p.guarding();
        List<String> mntBy = guarding.values("mnt-by");
        if (p.action() == Action.MODIFY && mntBy.isEmpty()) {
            mntBy = p.object().values("mnt-by");
        }
        if (!(p.action() == Action.DELETE && mntBy.isEmpty())) {
            checks.add(new Check(p.subject(), "mnt-by", upper(mntBy), null));
        }
        if (p.action() == Action.CREATE) {
            switch (p.type()) {
                case INETNUM, INET6NUM -> parentAddressSpace(view, p, checks);
                case DOMAIN -> reverseDomain(view, p, checks);
                case ROUTE, ROUTE6 -> routeSpace(view, p, checks);
                default -> {
                }
            }
            if (needsRegistry(p)) {
                checks.add(new Check(p.subject(), "mnt-by", List.of(registryMntner), registryExplanation(p)));
            }
        } else if (p.action() == Action.MODIFY && p.type() == ObjectType.ORGANISATION
                && !sameValue(p.current().value("org-type"), p.object().value("org-type"))) {
            checks.add(new Check(p.subject(), "mnt-by", List.of(registryMntner),
                    "The org-type of an organisation can only be changed by the registry (" + registryMntner + ")"));
        }
        if (p.action() != Action.DELETE) {
            referenceProtection(view, p, checks);
        }
        return checks;
    }

    boolean needsRegistry(Proposal p) {
        return switch (p.type()) {
            case INETNUM, INET6NUM -> Statuses.isRegistryOnly(p.type(), p.object().value("status"));
            case ORGANISATION -> !"OTHER".equalsIgnoreCase(p.object().value("org-type"));
            default -> false;
        };
    }

    private String registryExplanation(Proposal p) {
        if (p.type() == ObjectType.ORGANISATION) {
            return "An organisation with org-type " + p.object().value("org-type")
                    + " can only be created by the registry (" + registryMntner + ")";
        }
        return "Status " + p.object().value("status") + " can only be set by the registry (" + registryMntner + ")";
    }

    private void parentAddressSpace(ObjectView view, Proposal p, List<Check> checks) {
        Optional<IpRange> range = IpRange.parse(p.key());
        if (range.isEmpty()) {
            return;
        }
        List<RpslObject> parents = view.ranges(p.type(), range.get(), RangeQuery.ONE_LESS);
        if (parents.isEmpty()) {
            checks.add(new Check(p.subject(), "mnt-by", List.of(registryMntner),
                    "There is no parent object; top-level address space can only be created by the registry ("
                            + registryMntner + ")"));
            return;
        }
        RpslObject parent = parents.get(0);
        String subject = "parent [" + p.type().attributeName() + "] " + ObjectKey.of(parent).key();
        List<String> lower = parent.values("mnt-lower");
        checks.add(lower.isEmpty() ? new Check(subject, "mnt-by", upper(parent.values("mnt-by")), null)
                : new Check(subject, "mnt-lower", upper(lower), null));
    }

    private void reverseDomain(ObjectView view, Proposal p, List<Check> checks) {
        Optional<IpRange> range = syntax.reverseRange(p.key());
        if (range.isEmpty()) {
            return;
        }
        ObjectType addressType = range.get().ipv6() ? ObjectType.INET6NUM : ObjectType.INETNUM;
        List<RpslObject> exact = view.ranges(addressType, range.get(), RangeQuery.EXACT);
        boolean isExact = !exact.isEmpty();
        List<RpslObject> holders = isExact ? exact : view.ranges(addressType, range.get(), RangeQuery.ONE_LESS);
        if (holders.isEmpty()) {
            return; // the business rules report the missing address space
        }
        RpslObject space = holders.get(0);
        String subject = "[" + addressType.attributeName() + "] " + ObjectKey.of(space).key();
        if (space.has("mnt-domains")) {
            checks.add(new Check(subject, "mnt-domains", upper(space.values("mnt-domains")), null));
        } else if (!isExact && space.has("mnt-lower")) {
            checks.add(new Check(subject, "mnt-lower", upper(space.values("mnt-lower")), null));
        } else {
            checks.add(new Check(subject, "mnt-by", upper(space.values("mnt-by")), null));
        }
    }

    private void routeSpace(ObjectView view, Proposal p, List<Check> checks) {
        Optional<IpRange> prefix = IpRange.parse(p.object().classValue());
        if (prefix.isEmpty()) {
            return;
        }
        List<RpslObject> candidates = exactOrEnclosing(view, p.type(), prefix.get());
        if (candidates.isEmpty()) {
            candidates = exactOrEnclosing(view, prefix.get().ipv6() ? ObjectType.INET6NUM : ObjectType.INETNUM, prefix.get());
        }
        if (candidates.isEmpty()) {
            return;
        }
        RpslObject first = candidates.get(0);
        String subject = "[" + first.className() + "] " + ObjectKey.of(first).key();
        Set<String> routes = new LinkedHashSet<>();
        boolean anyMntRoutes = false;
        for (RpslObject c : candidates) {
            for (var a : c.findAll("mnt-routes")) {
                anyMntRoutes = true;
                MntRoutes.parse(a.cleanValue()).filter(m -> m.covers(prefix.get()))
                        .ifPresent(m -> routes.add(m.mntner()));
            }
        }
        if (anyMntRoutes) {
            checks.add(new Check(subject, "mnt-routes", List.copyOf(routes), null));
            return;
        }
        Set<String> lower = new LinkedHashSet<>();
        for (RpslObject c : candidates) {
            if (!IpRange.parse(c.classValue()).map(r -> r.equals(prefix.get())).orElse(false)) {
                lower.addAll(upper(c.values("mnt-lower")));
            }
        }
        if (!lower.isEmpty()) {
            checks.add(new Check(subject, "mnt-lower", List.copyOf(lower), null));
            return;
        }
        Set<String> by = new LinkedHashSet<>();
        candidates.forEach(c -> by.addAll(upper(c.values("mnt-by"))));
        checks.add(new Check(subject, "mnt-by", List.copyOf(by), null));
    }

    private static List<RpslObject> exactOrEnclosing(ObjectView view, ObjectType type, IpRange range) {
        List<RpslObject> exact = view.ranges(type, range, RangeQuery.EXACT);
        return exact.isEmpty() ? view.ranges(type, range, RangeQuery.ONE_LESS) : exact;
    }

    /** Newly added references to objects that carry {@code mnt-ref:} need one of those maintainers; a new {@code mnt-irt:} needs the irt's own auth. */
    private void referenceProtection(ObjectView view, Proposal p, List<Check> checks) {
        for (String attribute : REFERENCE_PROTECTED) {
            Set<String> before = new HashSet<>();
            if (p.current() != null) {
                p.current().values(attribute).forEach(v -> before.add(referenceValue(attribute, v)));
            }
            Set<String> seen = new HashSet<>();
            for (String raw : p.object().values(attribute)) {
                String value = referenceValue(attribute, raw);
                if (before.contains(value) || !seen.add(value)) {
                    continue;
                }
                Set<ObjectType> targets = References.targets(attribute);
                if (targets.contains(p.type()) && p.key().equalsIgnoreCase(value)) {
                    continue;
                }
                Optional<RpslObject> target = view.get(targets, value);
                if (target.isEmpty()) {
                    continue; // the reference check reports it
                }
                RpslObject t = target.get();
                String subject = "[" + t.className() + "] " + ObjectKey.of(t).key();
                if (attribute.equals("mnt-irt")) {
                    checks.add(new Check(subject, "auth", List.of(ObjectKey.of(t).key()), null, t));
                }
                List<String> mntRef = t.values("mnt-ref");
                if (!mntRef.isEmpty()) {
                    checks.add(new Check(subject, "mnt-ref", upper(mntRef), null));
                } else if (t.type().orElse(null) == ObjectType.ORGANISATION) {
                    checks.add(new Check(subject, "mnt-ref", List.of(), null));
                }
            }
        }
    }

    static String referenceValue(String attribute, String value) {
        String v = value.trim();
        if (attribute.equals("mnt-routes")) {
            int cut = 0;
            while (cut < v.length() && !Character.isWhitespace(v.charAt(cut)) && v.charAt(cut) != '{') {
                cut++;
            }
            v = v.substring(0, cut);
        }
        return v.toUpperCase(Locale.ROOT);
    }

    private static boolean sameValue(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b == null ? "" : b);
    }

    private static List<String> upper(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            String u = v.toUpperCase(Locale.ROOT);
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }
}
