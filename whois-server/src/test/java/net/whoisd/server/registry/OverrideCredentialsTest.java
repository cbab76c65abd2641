package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverrideCredentialsTest {
    private final OverrideCredentials creds = new OverrideCredentials(Map.of(
            "hostmaster", "BCRYPT-PW " + BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray()),
            "other", BCrypt.withDefaults().hashToString(4, "pw:with:colons".toCharArray())));

    @Test
    void acceptsOnlyTheRightPair() {
        assertEquals("hostmaster", creds.authenticate("hostmaster", "s3cret").orElseThrow());
        assertTrue(creds.authenticate("hostmaster", "wrong").isEmpty());
        assertTrue(creds.authenticate("nobody", "s3cret").isEmpty());
        assertTrue(creds.authenticate(null, null).isEmpty());
    }

    @Test
    void readsBasicHeaders() {
        assertEquals("other", creds.authenticateHeader(basic("other:pw:with:colons")).orElseThrow());
        assertTrue(creds.authenticateHeader(basic("other:pw")).isEmpty());
        assertTrue(creds.authenticateHeader("Basic !!!not-base64").isEmpty());
        assertTrue(creds.authenticateHeader("Bearer abc").isEmpty());
        assertTrue(creds.authenticateHeader(null).isEmpty());
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
