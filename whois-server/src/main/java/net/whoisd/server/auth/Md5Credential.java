package net.whoisd.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.commons.codec.digest.Md5Crypt;

/** {@code auth: MD5-PW $1$salt$hash}: legacy FreeBSD MD5-crypt passwords (commons-codec). */
public final class Md5Credential {
    public static final String SCHEME = "MD5-PW";

    private Md5Credential() {
    }

    /** True if MD5-crypt of the password with the stored salt gives the stored hash (constant-time compare). */
    public static boolean matches(String password, String storedHash) {
        if (password == null || storedHash == null || !storedHash.startsWith("$1$")) {
            return false;
        }
        try {
            String computed = Md5Crypt.md5Crypt(password.getBytes(StandardCharsets.UTF_8), storedHash);
            return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                    storedHash.getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
