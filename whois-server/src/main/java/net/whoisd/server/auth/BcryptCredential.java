package net.whoisd.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** {@code auth: BCRYPT-PW $2b$...}: a password checked against a bcrypt hash (favre bcrypt). */
public final class BcryptCredential {
    public static final String SCHEME = "BCRYPT-PW";

    private BcryptCredential() {
    }

    /**
     * True if the password matches the hash. The library compares digests in constant time; a
     * malformed hash simply does not match.
     */
    public static boolean matches(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$2")) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A new {@code $2b$} hash of the password with the given cost. */
    public static String hash(String password, int cost) {
        return BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(cost, password.toCharArray());
    }
}
