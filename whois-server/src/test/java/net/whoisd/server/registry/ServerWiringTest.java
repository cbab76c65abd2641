package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.sample.SyntheticDatabase;
import net.whoisd.server.WhoisServer;
import net.whoisd.server.cli.WhoisdMain;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root serves /registry/, and the CLI finds it from the configuration file alone. */
class ServerWiringTest {
    @Test
    void cliReachesTheServersRegistryEndpointFromTheConfig(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("whoisd.properties");
        Files.writeString(config, "http.port = " + port + "\nwhois.port = 0\nsmtp.port = 0\nnrtm.port = 0\n"
                + "override.users = hostmaster:" + BCrypt.withDefaults().hashToString(4, "pw".toCharArray()) + "\n"
                + "mail.outbox = " + dir.resolve("outbox") + "\n");
        PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST");
        List<Change> load = new ArrayList<>();
        new SyntheticDatabase(7, "TEST").write(60, (type, text) -> load.add(Change.create(RpslObject.parse(text))));
        db.commit(load);
        try (WhoisServer server = new WhoisServer(ServerConfig.load(config), db).start()) {
            PrintStream out = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                exit = WhoisdMain.run("lir-closure", "start", "--mntner", "LIR1-MNT", "--dry-run",
                        "--config", config.toString(), "--override", "hostmaster:pw");
            } finally {
                System.setOut(out);
            }
            String text = captured.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, text);
            assertTrue(text.startsWith("Dry run: nothing was changed."), text);
            assertTrue(text.strip().endsWith("LIR LIR1-MNT is closing: 2 allocation(s) marked, no further assignments"), text);
        }
    }
}
