package net.whoisd.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks offered passwords against the password {@code auth:} lines of a maintainer
 * ({@code BCRYPT-PW}, and {@code MD5-PW} unless disabled).
 *
 * <p>bcrypt is slow on purpose, which would limit updates to a few dozen a second. Successful
 * matches are therefore remembered for a while, keyed by an HMAC (with a random key that lives
 * only in this process) of hash and password, so neither passwords nor anything that could be
 * brute-forced offline is kept. Failures are never remembered.
 */
public final class PasswordChecker {
    private static final int CACHE_ENTRIES = 10_000;
    private static final long CACHE_MILLIS = 10 * 60 * 1000L;

    private final boolean md5Enabled;
    /**
     * One initialised HMAC per thread: {@code Mac.getInstance} and {@code init} (a provider
     * look-up and two SHA-256 blocks of key schedule) cost more than the HMAC of a short input,
     * and the writer checks every update's credential. {@code doFinal} resets a Mac to its
     * initialised state with the same key.
     */
    private final ThreadLocal<Mac> macs;
    private final Map<String, Long> verified = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    public PasswordChecker(boolean md5Enabled) {
        this.md5Enabled = md5Enabled;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        java.util.Arrays.fill(secret, (byte) 0);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    public boolean md5Enabled() {
        return md5Enabled;
    }

    /** The scheme of an {@code auth:} value ({@code BCRYPT-PW}, {@code MD5-PW}, {@code PGPKEY-...}), upper case. */
    public static String scheme(String authValue) {
        String v = authValue.trim();
        int space = v.indexOf(' ');
        return (space < 0 ? v : v.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** True if one of the passwords satisfies this {@code auth:} value. */
    public boolean satisfies(String authValue, List<String> passwords) {
        for (String password : passwords) {
            if (remembered(authValue, password) || matches(authValue, password)) {
                return true;
            }
        }
        return false;
    }

    /** True for an {@code auth:} value a password can satisfy ({@code BCRYPT-PW}, {@code MD5-PW} while enabled). */
    public boolean isPasswordAuth(String authValue) {
        String scheme = scheme(authValue);
        return scheme.equals(BcryptCredential.SCHEME) || scheme.equals(Md5Credential.SCHEME) && md5Enabled;
    }

    /** True if this password was recently found to match this {@code auth:} value (no hashing). */
    public boolean remembered(String authValue, String password) {
        return isPasswordAuth(authValue) && isCached(cacheKey(hash(authValue), password));
    }

    /** Hashes the password and compares it with the {@code auth:} value; a match is remembered. */
    public boolean matches(String authValue, String password) {
        if (!isPasswordAuth(authValue)) {
            return false;
        }
        String hash = hash(authValue);
        boolean ok = scheme(authValue).equals(BcryptCredential.SCHEME) ? BcryptCredential.matches(password, hash)
                : Md5Credential.matches(password, hash);
        if (ok) {
            remember(cacheKey(hash, password));
        }
        return ok;
    }

    private static String hash(String authValue) {
        String hash = authValue.trim().substring(scheme(authValue).length()).trim();
        int comment = hash.indexOf('#');
        return comment >= 0 ? hash.substring(0, comment).trim() : hash;
    }

    private synchronized boolean isCached(String key) {
        Long until = verified.get(key);
        if (until == null) {
            return false;
        }
        if (until < System.currentTimeMillis()) {
            verified.remove(key);
            return false;
        }
        return true;
    }

    private synchronized void remember(String key) {
        verified.put(key, System.currentTimeMillis() + CACHE_MILLIS);
    }

    private String cacheKey(String hash, String password) {
        Mac mac = macs.get();
        mac.reset(); // a computation an exception cut short leaves nothing behind
        mac.update(hash.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(password.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal());
    }
}
