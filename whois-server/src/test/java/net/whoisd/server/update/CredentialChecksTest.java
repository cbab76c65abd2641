package net.whoisd.server.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.auth.OverrideCredentials;
import net.whoisd.server.auth.PasswordChecker;
import org.junit.jupiter.api.Test;

/** The checks of one message: each distinct password once per hash, charged to the budget, refused when it is empty. */
class CredentialChecksTest {
    private static final String A = "BCRYPT-PW " + BcryptCredential.hash("a-pw", 4);
    private static final String B = "BCRYPT-PW " + BcryptCredential.hash("b-pw", 4);

    private final GuessBudget budget = new GuessBudget(new GuessBudget.Limits(5, 100, Duration.ofMinutes(10)),
            Clock.systemUTC());
    private final PasswordChecker checker = new PasswordChecker(true);
    private final OverrideCredentials overrides = new OverrideCredentials(Map.of("dbm", BcryptCredential.hash("o-pw", 4)));

    private CredentialChecks checks(String... passwords) {
        return new CredentialChecks(checker, overrides, budget, "192.0.2.1", List.of(passwords));
    }

    private static CredentialChecks.Guard guard(String account, String... auths) {
        return new CredentialChecks.Guard(account, List.of(auths));
    }

    /** Guesses left to the client: charges until refused, on a fresh account. */
    private int left() {
        int n = 0;
        while (budget.tryCharge("192.0.2.1", "PROBE-" + n)) {
            n++;
        }
        return n;
    }

    @Test
    void askingAgainCostsNothingEvenWithTheLastGuessSpent() {
        CredentialChecks checks = checks("w1", "w2", "w1");
        for (int i = 0; i < 10; i++) {
            assertEquals(CredentialChecks.Verdict.NO_MATCH, checks.anyOf(List.of(guard("A-MNT", A))));
        }
        assertEquals(3, left(), "two distinct passwords against one hash: two guesses");
        assertEquals(CredentialChecks.Verdict.NO_MATCH, checks.anyOf(List.of(guard("A-MNT", A))),
                "what was hashed before the budget ran out is still known, not refused");
    }

    @Test
    void aRightPasswordCostsNothingAndOtherMaintainersAreNotChargedOnceItIsRemembered() {
        assertEquals(CredentialChecks.Verdict.MATCH, checks("b-pw").anyOf(List.of(guard("A-MNT", A), guard("B-MNT", B))));
        assertEquals(CredentialChecks.Verdict.MATCH, checks("b-pw").anyOf(List.of(guard("A-MNT", A), guard("B-MNT", B))));
        assertEquals(4, left(), "only the first message hashed b-pw against A-MNT");
    }

    @Test
    void aSuccessInBetweenNeitherCostsNorResets() {
        GuessBudget three = new GuessBudget(new GuessBudget.Limits(3, 100, Duration.ofMinutes(10)), Clock.systemUTC());
        for (String pw : List.of("x1", "x2")) {
            assertEquals(CredentialChecks.Verdict.NO_MATCH, new CredentialChecks(checker, overrides, three, "c", List.of(pw))
                    .anyOf(List.of(guard("A-MNT", A))));
        }
        assertEquals(CredentialChecks.Verdict.MATCH, new CredentialChecks(checker, overrides, three, "c", List.of("b-pw"))
                .anyOf(List.of(guard("B-MNT", B))));
        assertEquals(CredentialChecks.Verdict.NO_MATCH, new CredentialChecks(checker, overrides, three, "c", List.of("x3"))
                .anyOf(List.of(guard("A-MNT", A))));
        assertEquals(CredentialChecks.Verdict.REFUSED, new CredentialChecks(checker, overrides, three, "c", List.of("x4"))
                .anyOf(List.of(guard("A-MNT", A))));
    }

    @Test
    void anEmptyBudgetRefusesAndExplains() {
        CredentialChecks checks = checks("1", "2", "3", "4", "5", "6");
        assertEquals(CredentialChecks.Verdict.REFUSED, checks.anyOf(List.of(guard("A-MNT", A))));
        assertNotNull(checks.refusal("A-MNT"));
        assertNull(checks.refusal("B-MNT"));
        assertEquals(0, left());
        assertEquals(CredentialChecks.Verdict.REFUSED, checks("a-pw").anyOf(List.of(guard("A-MNT", A))));
    }

    @Test
    void overridesAreCheckedOncePerCredentialAndCharged() {
        CredentialChecks checks = checks();
        for (int i = 0; i < 30; i++) {
            assertEquals(CredentialChecks.Verdict.NO_MATCH, checks.override("dbm,wrong-" + (i % 2) + ",reason " + i));
        }
        assertEquals(CredentialChecks.Verdict.MATCH, checks.override("dbm, o-pw ,fixing"));
        assertEquals(3, left());
        assertTrue(checks("x").override("dbm,o-pw").equals(CredentialChecks.Verdict.REFUSED));
    }
}
