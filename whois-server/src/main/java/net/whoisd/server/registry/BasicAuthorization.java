package net.whoisd.server.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import net.whoisd.server.auth.OverrideCredentials;

/** Reads an {@code Authorization: Basic} header and checks the pair as an {@code override.users} credential. */
public final class BasicAuthorization {
    private final OverrideCredentials credentials;

    public BasicAuthorization(OverrideCredentials credentials) {
        this.credentials = credentials;
    }

    /** The override user's name if the header carries a valid pair. */
    public Optional<String> user(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        return credentials.authenticate(user, decoded.substring(colon + 1)) ? Optional.of(user) : Optional.empty();
    }
}
