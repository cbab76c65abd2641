package net.whoisd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import net.whoisd.server.cli.WhoisdMain;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port in use is reported with the listener and its address, before the sample is loaded. */
class BusyPortTest {
    @TempDir
    Path dir;

    private static ServerSocket occupy() throws Exception {
        ServerSocket taken = new ServerSocket();
        taken.bind(new InetSocketAddress("127.0.0.1", 0));
        return taken;
    }

    @Test
    void serveNamesTheListenerAndAddressAndLoadsNothing() throws Exception {
        try (ServerSocket taken = occupy()) {
            int port = taken.getLocalPort();
            Path data = dir.resolve("data");
            PrintStream err = System.err;
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int exit;
            try {
                System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
                exit = WhoisdMain.run("serve", "--data", data.toString(), "--whois-port", "0", "--http-port", String.valueOf(port),
                        "--smtp-port", "0");
            } finally {
                System.setErr(err);
            }
            assertEquals(1, exit);
            String said = e.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("whoisd: http listener: cannot bind 127.0.0.1:" + port + ": Address already in use"), said);
            assertFalse(Files.exists(data) && Files.list(data).findAny().isPresent(), "the sample was not loaded");
        }
    }

    @Test
    void aListenerThatFailsToBindSaysWhichOne() throws Exception {
        try (ServerSocket taken = occupy()) {
            int port = taken.getLocalPort();
            Properties p = new Properties();
            p.setProperty("whois.port", String.valueOf(port));
            p.setProperty("http.port", "0");
            p.setProperty("smtp.port", "0");
            PersistentDatabase db = PersistentDatabase.open(dir.resolve("server"), "TEST");
            WhoisServer server = new WhoisServer(ServerConfig.fromProperties(p), db);
            var e = assertThrows(IllegalStateException.class, server::start);
            assertTrue(e.getMessage().startsWith("whois listener: cannot bind 127.0.0.1:" + port + ": "), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("address already in use"), e.getMessage());
        }
    }
}
