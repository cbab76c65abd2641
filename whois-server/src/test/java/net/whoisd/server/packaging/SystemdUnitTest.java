package net.whoisd.server.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.whoisd.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** packaging/whoisd.service and the example configuration it runs with. */
class SystemdUnitTest {
    private static final Path PACKAGING = Path.of("").toAbsolutePath().getParent().resolve("packaging");
    private static final Path UNIT = PACKAGING.resolve("whoisd.service");

    @TempDir
    Path dir;

    @Test
    void theServiceRunsTheLauncherAsItsOwnUserInAHardenedSandboxAndMayBindPort43() throws IOException {
        Map<String, List<String>> service = section("Service");
        assertEquals(List.of("exec"), service.get("Type"));
        assertEquals(List.of("whoisd"), service.get("User"));
        assertTrue(one(service, "ExecStart").matches("/\\S+/whoisd serve --config /etc/whoisd/whoisd.properties"),
                one(service, "ExecStart"));
        assertEquals("65536", one(service, "LimitNOFILE"));
        assertEquals("CAP_NET_BIND_SERVICE", one(service, "AmbientCapabilities"));
        assertEquals("CAP_NET_BIND_SERVICE", one(service, "CapabilityBoundingSet"));
        for (String yes : List.of("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices", "ProtectKernelTunables",
                "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups")) {
            assertEquals("yes", one(service, yes), yes);
        }
        assertEquals("strict", one(service, "ProtectSystem"));
        assertEquals(Set.of("AF_INET", "AF_INET6", "AF_UNIX"), Set.of(one(service, "RestrictAddressFamilies").split("\\s+")));
        assertEquals("@system-service", one(service, "SystemCallFilter"));
        assertFalse(service.containsKey("MemoryDenyWriteExecute"), "the JIT compiler needs writable, executable memory");
        assertEquals("on-failure", one(service, "Restart"));
        assertTrue(Integer.parseInt(one(service, "TimeoutStopSec")) >= 30, "the server's own stop takes up to ~25 s");
        assertFalse(service.containsKey("SuccessExitStatus"), "a clean stop exits 0");
    }

    @Test
    void theExampleConfigurationKeepsItsDataWhereTheSandboxMayWrite() throws IOException {
        ServerConfig config = ServerConfig.load(PACKAGING.resolve("whoisd.properties"));
        String writable = one(section("Service"), "ReadWritePaths");
        assertTrue(config.dataDir().startsWith(Path.of(writable)), config.dataDir() + " outside " + writable);
        assertEquals(43, config.whoisPort());
    }

    /** systemd's own check, where systemd is installed; the launcher stands in for the installed one. */
    @Test
    void systemdAnalyzeVerifyAcceptsTheUnit() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed");
        Path launcher = PACKAGING.getParent().resolve("whoisd");
        Path unit = dir.resolve("whoisd.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/opt/whoisd/whoisd", launcher.toString()));
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, verify.exitValue(), output);
        assertEquals("", output.strip());
    }

    /** The settings of one section, each key with its values in order (a key may repeat). */
    private static Map<String, List<String>> section(String name) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String current = null;
        for (String raw : Files.readAllLines(UNIT)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(eq > 0 && current != null, "not a unit file line: " + raw);
            if (current.equals(name)) {
                settings.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
            }
        }
        return settings;
    }

    private static String one(Map<String, List<String>> section, String key) {
        List<String> values = section.get(key);
        assertTrue(values != null && values.size() == 1, key + ": " + values);
        return values.get(0);
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
