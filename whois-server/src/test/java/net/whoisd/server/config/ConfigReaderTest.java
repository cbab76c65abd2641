package net.whoisd.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.whoisd.server.transport.NettyTransport;
import net.whoisd.server.update.UpdateSettings;
import net.whoisd.storage.disk.StorageOptions;
import org.junit.jupiter.api.Test;

/** The key table parses, checks and reports the configuration as documented in docs/configuration.md. */
class ConfigReaderTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void everyProblemIsReportedAtOnceEachWithItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.fromProperties(props(
                "whois.prot", "43", "store.checkpoint-ms", "soon", "acl.trusted", "10.0.0.0/8, 10.1.0.0/33",
                "http.port", "70000", "auth.md5-pw", "maybe", "mail.relay", "smtp.example.net:0")));
        List<String> problems = e.problems();
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.contains("whois.prot: unknown key (did you mean whois.port?)"), problems.toString());
        for (String key : List.of("store.checkpoint-ms: not", "acl.trusted: not an address, prefix or range: 10.1.0.0/33",
                "http.port: out of range", "auth.md5-pw: must be enabled or disabled", "mail.relay: out of range")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(key)), key + " in " + problems);
        }
        assertTrue(e.getMessage().startsWith("configuration has 6 errors:"), e.getMessage());
    }

    @Test
    void aTuningKeyWithItsSystemPropertyPrefixInTheFileIsSuggestedWithout() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ServerConfig.fromProperties(props("whoisd.store.checkpoint-ms", "5000")));
        assertEquals(List.of("whoisd.store.checkpoint-ms: unknown key (did you mean store.checkpoint-ms?)"), e.problems());
        assertEquals(List.of("colour: unknown key"), assertThrows(ConfigException.class,
                () -> ServerConfig.fromProperties(props("colour", "blue"))).problems(), "no suggestion for a far miss");
    }

    @Test
    void aSystemPropertyOverridesTheFileForTuningKeysOnly() throws Exception {
        Properties file = props("store.checkpoint-ms", "3000", "whois.port", "4300", "cache.keys", "7");
        Properties system = props("whoisd.store.checkpoint-ms", "7000", "whoisd.skipSlow", "", "other", "x");
        ServerConfig config = ServerConfig.fromProperties(file, system);
        assertEquals(Duration.ofMillis(7000), config.get(ConfigKeys.STORE_CHECKPOINT_INTERVAL));
        assertEquals(4300, config.whoisPort());
        assertEquals(7, config.storageOptions().cacheKeys(), "the file's value where no system property is set");
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.fromProperties(file,
                props("whoisd.snapshot.changes", "0", "whoisd.whois.port", "4399", "whoisd.store.chekpoint-ms", "5")));
        assertEquals(List.of("-Dwhoisd.store.chekpoint-ms: unknown tuning key (did you mean -Dwhoisd.store.checkpoint-ms?)",
                "-Dwhoisd.whois.port: only tuning keys are read from system properties; set whois.port in the --config file",
                "-Dwhoisd.snapshot.changes: out of range 1..: 0"), e.problems());
    }

    @Test
    void valuesTakeUnitsAndBlankMeansTheDefault() {
        ServerConfig config = ServerConfig.fromProperties(props("store.checkpoint-ms", "5s", "store.reserve-mb", "1GB",
                "auth.guess-window-minutes", "2h", "smtp.max-message-size", "64KB", "whois.port", " ", "transport", "NIO",
                "source", "ripe", "mail.outbox", "/var/spool/whoisd"));
        assertEquals(Duration.ofSeconds(5), config.storageOptions().checkpointInterval());
        assertEquals(1L << 30, config.storageOptions().reserveBytes());
        assertEquals(Duration.ofHours(2), config.guessLimits().window());
        assertEquals(64 * 1024, config.smtpMaxMessageSize());
        assertEquals(4343, config.whoisPort());
        assertEquals(NettyTransport.Choice.NIO, config.get(ConfigKeys.TRANSPORT));
        assertEquals("nio", config.transport().name());
        assertEquals("RIPE", config.source());
        assertEquals(Path.of("/var/spool/whoisd"), config.mailOutbox());
        assertEquals(null, config.mailRelay());
        assertThrows(ConfigException.class, () -> ServerConfig.fromProperties(props("store.checkpoint-ms", "5 fortnights")));
        for (String address : List.of("0.0.0.0", "::", "2001:db8::1", "whois.example.net")) {
            assertEquals(address, ServerConfig.fromProperties(props("bind.address", address)).bindAddress());
        }
        for (String bad : List.of("256.1.1.1", "2001:db8::g", "who is")) {
            assertThrows(ConfigException.class, () -> ServerConfig.fromProperties(props("bind.address", bad)), bad);
        }
    }

    @Test
    void theExampleConfigurationOfThePackagingIsValid() throws Exception {
        ServerConfig config = ServerConfig.load(Path.of("..", "packaging", "whoisd.properties"));
        assertEquals(43, config.whoisPort());
        assertEquals("0.0.0.0", config.bindAddress());
    }

    @Test
    void theDefaultsOfTheTableAreTheStorageDefaults() {
        assertEquals(StorageOptions.defaults(), ServerConfig.defaults().storageOptions());
        assertEquals(Duration.ofMillis(5), UpdateSettings.from(ServerConfig.defaults()).commitInterval());
        assertEquals(Duration.ofMillis(20),
                UpdateSettings.from(ServerConfig.fromProperties(props("update.commit-interval-ms", "20"))).commitInterval());
        for (ConfigKey<?> key : ConfigKeys.all()) {
            assertShownValueReadsBack(key);
        }
    }

    private static <T> void assertShownValueReadsBack(ConfigKey<T> key) {
        T value = key.defaultValue();
        if (key != ConfigKeys.OVERRIDE_USERS) { // shown masked
            assertEquals(value, key.type().parse(key.type().show(value)), key.name());
        }
    }

    @Test
    void theEffectiveConfigurationNamesEveryKeyAndMasksTheOverrideHashes() {
        String hash = "$2b$12$abcdefghijklmnopqrstuu";
        ServerConfig config = ServerConfig.fromProperties(props("override.users", "ops:" + hash + ", admin:" + hash,
                "acl.trusted", "192.0.2.0/24"));
        assertEquals(Map.of("ops", hash, "admin", hash), config.overrideUsers());
        String effective = config.effective();
        assertFalse(effective.contains("$2b$"), effective);
        assertTrue(effective.contains("override.users=admin:****, ops:****"), effective);
        assertTrue(effective.contains("acl.trusted=192.0.2.0/24"), effective);
        for (ConfigKey<?> key : ConfigKeys.all()) {
            assertTrue(config.effectiveValues().containsKey(key.name()), key.name());
        }
    }
}
