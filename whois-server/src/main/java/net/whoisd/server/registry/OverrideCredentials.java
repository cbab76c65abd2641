package net.whoisd.server.registry;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an {@code override.users} credential: user name and password against the configured
 * bcrypt hash. An unknown user costs one bcrypt verification too, so timing does not tell which
 * user names exist; bcrypt's own comparison is constant-time.
 */
public final class OverrideCredentials {
    private final Map<String, String> users;
    /** A hash of a random password at the configured cost, verified for unknown users. */
    private final String dummy;

    /** @param users {@code ServerConfig.overrideUsers()}: name -> bcrypt hash ({@code BCRYPT-PW } prefix allowed) */
    public OverrideCredentials(Map<String, String> users) {
        this.users = Map.copyOf(users);
        int cost = users.values().stream().map(h -> h.replaceFirst("^(?i)BCRYPT-PW\\s+", ""))
                .filter(h -> h.length() > 6 && h.charAt(3) == '$').map(h -> h.substring(4, 6))
                .filter(c -> c.chars().allMatch(Character::isDigit)).map(Integer::parseInt).findFirst().orElse(10);
        byte[] random = new byte[16];
        new java.security.SecureRandom().nextBytes(random);
        this.dummy = BCrypt.withDefaults().hashToString(Math.max(4, Math.min(cost, 31)),
                Base64.getEncoder().encodeToString(random).toCharArray());
    }

    /** The user name if the pair is valid. */
    public Optional<String> authenticate(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        String hash = users.get(user);
        String checked = hash == null ? dummy : hash.replaceFirst("^(?i)BCRYPT-PW\\s+", "");
        boolean ok;
        try {
            ok = BCrypt.verifyer().verify(password.toCharArray(), checked.toCharArray()).verified;
        } catch (RuntimeException e) {
            ok = false;
        }
        return ok && hash != null ? Optional.of(user) : Optional.empty();
    }

    /** Reads an {@code Authorization: Basic} header. */
    public Optional<String> authenticateHeader(String authorization) {
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
        return colon <= 0 ? Optional.empty() : authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
