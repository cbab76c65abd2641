package net.whoisd.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.whoisd.server.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whoisd config} and the check every command makes of its configuration before it starts. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    private Path threeBadKeys() throws Exception {
        Path file = dir.resolve("whoisd.properties");
        Files.writeString(file, """
                source = TEST
                whois.prot = 43
                acl.trusted = 192.0.2.0/24, 300.0.0.0/8
                store.checkpoint-ms = often
                """);
        return file;
    }

    @Test
    void serveRefusesToStartAndNamesEveryBadKey() throws Exception {
        CheckCommandTest.Run run = CheckCommandTest.run("serve", "--config", threeBadKeys().toString(),
                "--data", dir.resolve("data").toString(), "--whois-port", "0", "--http-port", "0", "--smtp-port", "0");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("has 3 errors"), run.err());
        assertTrue(run.err().contains("whois.prot: unknown key (did you mean whois.port?)"), run.err());
        assertTrue(run.err().contains("acl.trusted: not an address, prefix or range: 300.0.0.0/8"), run.err());
        assertTrue(run.err().contains("store.checkpoint-ms: not a duration: often"), run.err());
        assertFalse(Files.exists(dir.resolve("data")), "nothing was started");
    }

    @Test
    void checkNamesEveryBadKeyOrPrintsTheEffectiveValues() throws Exception {
        CheckCommandTest.Run bad = CheckCommandTest.run("config", "--check", "--config", threeBadKeys().toString());
        assertEquals(1, bad.exit());
        for (String key : new String[] {"whois.prot", "acl.trusted", "store.checkpoint-ms"}) {
            assertTrue(bad.err().contains("\n  " + key + ": "), bad.err());
        }
        Path good = dir.resolve("good.properties");
        Files.writeString(good, "whois.port = 43\noverride.users = ops:$2b$12$secrethash\nstore.checkpoint-ms = 2s\n");
        CheckCommandTest.Run ok = CheckCommandTest.run("config", "--check", "--config", good.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("\nwhois.port = 43\n"), ok.out());
        assertTrue(ok.out().contains("\nstore.checkpoint-ms = 2000\n"), ok.out());
        assertTrue(ok.out().contains("\noverride.users = ops:****\n"), ok.out());
        assertFalse(ok.out().contains("secrethash"), ok.out());
        assertTrue(ok.out().endsWith("whoisd: the configuration " + good + " is valid\n"), ok.out());
    }

    @Test
    void defaultsListsEveryKeyCommentedWithItsDefault() {
        CheckCommandTest.Run run = CheckCommandTest.run("config", "--defaults");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\n#whois.port = 4343\n"), run.out());
        assertTrue(run.out().contains("\n#store.checkpoint-ms = 10000\n"), run.out());
        for (var key : ConfigKeys.all()) {
            assertTrue(run.out().contains("\n# " + key.meaning().replace("`", "") + "\n"), key.name());
        }
    }
}
