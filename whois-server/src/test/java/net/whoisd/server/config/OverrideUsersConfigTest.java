package net.whoisd.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import net.whoisd.server.auth.OverrideCredentials;
import net.whoisd.server.cli.WhoisdMain;
import org.junit.jupiter.api.Test;

/** {@code override.users} takes the hash bare or as {@code hash-password} prints it ({@code BCRYPT-PW $2b$...}). */
class OverrideUsersConfigTest {

    private static OverrideCredentials credentials(String value) {
        Properties p = new Properties();
        p.setProperty("override.users", value);
        return new OverrideCredentials(ServerConfig.fromProperties(p).overrideUsers());
    }

    /** What {@code echo PASSWORD | ./whoisd hash-password --cost 4} prints. */
    private static String hashPasswordPrints(String password) {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertEquals(0, WhoisdMain.run("hash-password", "--cost", "4"));
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void theLineHashPasswordPrintsWorksAsItIs() {
        String printed = hashPasswordPrints("a long passphrase");
        assertTrue(printed.startsWith("BCRYPT-PW $2b$04$"), printed);
        OverrideCredentials users = credentials("hostmaster:" + printed);
        assertTrue(users.authenticate("hostmaster", "a long passphrase"));
        assertFalse(users.authenticate("hostmaster", "a long passphrasE"));
    }

    @Test
    void theBareHashWorksToo() {
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        OverrideCredentials users = credentials("one:" + hash + ", two:bcrypt-pw " + hash);
        assertTrue(users.authenticate("one", "pw"));
        assertTrue(users.authenticate("two", "pw"));
    }

    @Test
    void somethingElseIsRefusedAtStart() {
        var e = assertThrows(IllegalArgumentException.class, () -> credentials("hostmaster:MD5-PW $1$abc"));
        assertTrue(e.getMessage().contains("name:bcrypt-hash"), e.getMessage());
    }
}
