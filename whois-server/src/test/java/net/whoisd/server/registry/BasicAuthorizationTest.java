package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.auth.OverrideCredentials;
import org.junit.jupiter.api.Test;

class BasicAuthorizationTest {
    private final BasicAuthorization auth = new BasicAuthorization(new OverrideCredentials(Map.of(
            "hostmaster", BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray()),
            "other", BCrypt.withDefaults().hashToString(4, "pw:with:colons".toCharArray()))));

    @Test
    void acceptsOnlyTheRightPair() {
        assertEquals("hostmaster", auth.user(basic("hostmaster:s3cret")).orElseThrow());
        assertEquals("other", auth.user(basic("other:pw:with:colons")).orElseThrow(), "the password may hold colons");
        assertTrue(auth.user(basic("hostmaster:wrong")).isEmpty());
        assertTrue(auth.user(basic("nobody:s3cret")).isEmpty());
        assertTrue(auth.user(basic(":s3cret")).isEmpty());
        assertTrue(auth.user(basic("hostmaster")).isEmpty());
    }

    @Test
    void malformedHeadersAreRefused() {
        assertTrue(auth.user("Basic !!!not-base64").isEmpty());
        assertTrue(auth.user("Bearer abc").isEmpty());
        assertTrue(auth.user(null).isEmpty());
    }

    @Test
    void wrongPairsCostGuessesAndAnEmptyBudgetRefusesUnchecked() {
        GuessBudget guesses = new GuessBudget(new GuessBudget.Limits(2, 100, Duration.ofMinutes(10)), Clock.systemUTC());
        BasicAuthorization budgeted = new BasicAuthorization(new OverrideCredentials(Map.of(
                "hostmaster", BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray()))), guesses);
        assertEquals("hostmaster", budgeted.check(basic("hostmaster:s3cret"), "192.0.2.1").user().orElseThrow());
        assertFalse(budgeted.check(basic("hostmaster:wrong1"), "192.0.2.1").refused());
        assertEquals("hostmaster", budgeted.check(basic("hostmaster:s3cret"), "192.0.2.1").user().orElseThrow(),
                "a right pair costs nothing");
        assertFalse(budgeted.check(basic("hostmaster:wrong2"), "192.0.2.1").refused());
        assertTrue(budgeted.check(basic("hostmaster:wrong3"), "192.0.2.1").refused());
        assertTrue(budgeted.check(basic("hostmaster:s3cret"), "192.0.2.1").refused());
        assertEquals("hostmaster", budgeted.check(basic("hostmaster:s3cret"), "192.0.2.2").user().orElseThrow(),
                "another client is not affected");
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
