package net.whoisd.server.auth;

import java.util.Map;

/**
 * The users allowed to use {@code override:} ({@code override.users}: name to bcrypt hash). A
 * password for an unknown user is still hashed against a fixed hash of the same bcrypt cost as the
 * users' own, so the answer takes the same time whether or not the user exists.
 */
public final class OverrideCredentials {
    private static final int DEFAULT_COST = 10;

    private final Map<String, String> users;
    private final String dummyHash;

    public OverrideCredentials(Map<String, String> users) {
        this.users = Map.copyOf(users);
        this.dummyHash = BcryptCredential.hash("no such override user",
                this.users.values().stream().mapToInt(OverrideCredentials::cost).max().orElse(DEFAULT_COST));
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    /** True if the user exists and the password matches its hash. */
    public boolean authenticate(String user, String password) {
        String hash = user == null ? null : users.get(user.trim());
        boolean matches = BcryptCredential.matches(password, hash != null ? hash : dummyHash);
        return hash != null && matches;
    }

    /** The cost of a {@code $2b$12$...} hash, or the default for anything else. */
    static int cost(String hash) {
        String[] parts = hash.split("\\$");
        try {
            int cost = parts.length > 2 ? Integer.parseInt(parts[2]) : DEFAULT_COST;
            return cost >= 4 && cost <= 31 ? cost : DEFAULT_COST;
        } catch (NumberFormatException e) {
            return DEFAULT_COST;
        }
    }
}
