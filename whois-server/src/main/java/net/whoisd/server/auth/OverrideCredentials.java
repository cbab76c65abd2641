package net.whoisd.server.auth;

import java.util.Map;

/**
 * The users allowed to use {@code override:} ({@code override.users}: name to bcrypt hash). A
 * password for an unknown user is still hashed against a fixed hash, so the answer takes the same
 * time whether or not the user exists.
 */
public final class OverrideCredentials {
    private static final String DUMMY_HASH = BcryptCredential.hash("no such override user", 10);

    private final Map<String, String> users;

    public OverrideCredentials(Map<String, String> users) {
        this.users = Map.copyOf(users);
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    /** True if the user exists and the password matches its hash. */
    public boolean authenticate(String user, String password) {
        String hash = user == null ? null : users.get(user.trim());
        boolean matches = BcryptCredential.matches(password, hash != null ? hash : DUMMY_HASH);
        return hash != null && matches;
    }
}
