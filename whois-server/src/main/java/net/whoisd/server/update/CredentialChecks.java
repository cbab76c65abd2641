package net.whoisd.server.update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.whoisd.rpsl.Problem;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.auth.OverrideCredentials;
import net.whoisd.server.auth.PasswordChecker;

/**
 * The password and override checks of one message. Each distinct password is hashed at most once
 * against each distinct {@code auth:} hash, each distinct override credential at most once, however
 * many objects, re-attempts and accounts ask. Every password hashed against an account costs a guess
 * from the {@link GuessBudget} of the message's client and of the account, given back when it
 * matches; when a budget is empty the check is refused without hashing. Refused accounts are
 * remembered to explain the failure.
 *
 * <p>Used first on the request's own thread (overrides, the {@code mnt-by:} maintainers), then by
 * the writer for whatever else the authorisation needs; never by two threads at once.
 */
final class CredentialChecks {
    enum Verdict { MATCH, NO_MATCH, REFUSED }

    private final PasswordChecker checker;
    private final OverrideCredentials overrides;
    private final GuessBudget budget;
    private final String client;
    private final List<String> passwords;
    /** Per auth value, per password index: the outcome of hashing it. */
    private final Map<String, Boolean[]> hashed = new HashMap<>();
    private final Map<String, Verdict> overrideVerdicts = new HashMap<>();
    private final Set<String> refused = new LinkedHashSet<>();

    CredentialChecks(PasswordChecker checker, OverrideCredentials overrides, GuessBudget budget, String client,
                     List<String> passwords) {
        this.checker = checker;
        this.overrides = overrides;
        this.budget = budget;
        this.client = client;
        this.passwords = List.copyOf(new LinkedHashSet<>(passwords));
    }

    /** A maintainer (or irt) whose {@code auth:} values may be satisfied, under the name its guesses are charged to. */
    record Guard(String account, List<String> authValues) {
    }

    /**
     * Whether one of the message's passwords satisfies one of the guards. Matches already known
     * (from this message, or remembered by the checker) are looked for first, so an object with
     * several maintainers whose user holds one of them is not charged for the others once its
     * password is remembered; then the guards are hashed in order, each password costing one guess
     * per guard, given back if it matches.
     */
    Verdict anyOf(List<Guard> guards) {
        List<Guard> checkable = new ArrayList<>();
        for (Guard g : guards) {
            List<String> auths = g.authValues().stream().filter(checker::isPasswordAuth).distinct().toList();
            if (!auths.isEmpty() && !passwords.isEmpty()) {
                checkable.add(new Guard(g.account(), auths));
            }
        }
        for (Guard g : checkable) {
            if (knownMatch(g)) {
                return Verdict.MATCH;
            }
        }
        boolean anyRefused = false;
        List<Guard> open = new ArrayList<>();
        for (Guard g : checkable) {
            if (allKnown(g)) {
                continue; // every password was hashed against it already (and none matched)
            }
            if (budget.exhausted(client, g.account())) {
                refused.add(g.account());
                anyRefused = true;
            } else if (rememberedMatch(g)) {
                return Verdict.MATCH;
            } else {
                open.add(g);
            }
        }
        for (Guard g : open) {
            Verdict v = hash(g);
            if (v == Verdict.MATCH) {
                return v;
            }
            anyRefused |= v == Verdict.REFUSED;
        }
        return anyRefused ? Verdict.REFUSED : Verdict.NO_MATCH;
    }

    private boolean knownMatch(Guard g) {
        for (String auth : g.authValues()) {
            for (Boolean outcome : outcomes(auth)) {
                if (Boolean.TRUE.equals(outcome)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean rememberedMatch(Guard g) {
        for (String auth : g.authValues()) {
            Boolean[] outcomes = outcomes(auth);
            for (int i = 0; i < passwords.size(); i++) {
                if (outcomes[i] == null && checker.remembered(auth, passwords.get(i))) {
                    outcomes[i] = true;
                    return true;
                }
            }
        }
        return false;
    }

    /** Hashes each password not yet hashed against all of the guard's values, one guess each. */
    private Verdict hash(Guard g) {
        for (int i = 0; i < passwords.size(); i++) {
            if (allKnown(g.authValues(), i)) {
                continue; // hashed against every one of them already: no new guess
            }
            if (!budget.tryCharge(client, g.account())) {
                refused.add(g.account());
                return Verdict.REFUSED;
            }
            for (String auth : g.authValues()) {
                Boolean[] outcomes = outcomes(auth);
                if (outcomes[i] == null) {
                    outcomes[i] = checker.matches(auth, passwords.get(i));
                }
                if (outcomes[i]) {
                    budget.refund(client, g.account());
                    return Verdict.MATCH;
                }
            }
        }
        return Verdict.NO_MATCH;
    }

    /** Whether {@code user,password[,reason]} names an override user and its password. */
    Verdict override(String value) {
        String[] fields = value.split(",", 3);
        if (fields.length < 2) {
            return Verdict.NO_MATCH;
        }
        String user = fields[0].trim();
        String password = fields[1].trim();
        String account = overrideAccount(value);
        return overrideVerdicts.computeIfAbsent(user + '\n' + password, k -> {
            if (!budget.tryCharge(client, account)) {
                refused.add(account);
                return Verdict.REFUSED;
            }
            if (overrides.authenticate(user, password)) {
                budget.refund(client, account);
                return Verdict.MATCH;
            }
            return Verdict.NO_MATCH;
        });
    }

    /** The account guesses at an {@code override:} value are charged to: its user. */
    static String overrideAccount(String value) {
        return GuessBudget.overrideAccount(value.split(",", 3)[0]);
    }

    /** Whether any check of this message was refused. */
    boolean refusedAny() {
        return !refused.isEmpty();
    }

    /** Why checks against the account were refused, or null if none was. */
    Problem refusal(String account) {
        return refusal(account, "password", account);
    }

    /**
     * Why the check of an {@code override:} value was refused, or null if it was not. The user is
     * not named: a value written the wrong way round would show its password.
     */
    Problem overrideRefusal(String value) {
        return refusal(overrideAccount(value), "override", "this override user");
    }

    private Problem refusal(String account, String kind, String shownAs) {
        if (!refused.contains(account)) {
            return null;
        }
        long minutes = Math.max(1, (budget.retryAfter(client, account).toSeconds() + 59) / 60);
        return Problem.error(null, 0, "Too many failed " + kind + " attempts (from this client or for " + shownAs
                + "); " + kind + " checks for " + shownAs + " are refused for now. Try again in " + minutes
                + (minutes == 1 ? " minute" : " minutes"));
    }

    private boolean allKnown(Guard g) {
        for (int i = 0; i < passwords.size(); i++) {
            if (!allKnown(g.authValues(), i)) {
                return false;
            }
        }
        return true;
    }

    private boolean allKnown(List<String> auths, int password) {
        for (String auth : auths) {
            if (outcomes(auth)[password] == null) {
                return false;
            }
        }
        return true;
    }

    private Boolean[] outcomes(String auth) {
        return hashed.computeIfAbsent(auth.trim(), a -> new Boolean[passwords.size()]);
    }
}
