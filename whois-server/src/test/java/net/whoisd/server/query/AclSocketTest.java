package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACL, connection limits and timeouts over real sockets, each with its own server configuration. */
class AclSocketTest {
    @TempDir
    Path dataDir;

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private TestServer start(Properties p) throws Exception {
        return TestServer.start(dataDir, p, WhoisListener.Settings.defaults());
    }

    /** Opens a connection and waits until its banner arrived, so the server has counted it. */
    private static Socket connected(int port) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        byte[] banner = (QueryMessages.banner() + "\n").getBytes(StandardCharsets.UTF_8);
        int read = 0;
        while (read < banner.length) {
            int n = in.read(new byte[banner.length - read]);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return s;
    }

    @Test
    void deniedAddressIsRefusedAtConnect() throws Exception {
        try (TestServer server = start(props("acl.denied", "127.0.0.0/8"))) {
            String body = TestServer.body(server.query("-r LIR1-MNT"));
            assertTrue(body.startsWith("%ERROR:201: access denied for 127.0.0.1\n%\n% Sorry, access from your host has been permanently\n"), body);
            assertFalse(body.contains("mntner:"));
        }
    }

    @Test
    void fourthConnectionFromOneAddressGetsError306() throws Exception {
        try (TestServer server = start(props("acl.connections-per-ip", "3"))) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(connected(server.port));
                }
                String body = TestServer.body(server.query("-r LIR1-MNT"));
                assertTrue(body.startsWith("%ERROR:306: connections exceeded\n%\n% Number of connections from a single IP address\n"
                        + "% has exceeded the maximum number allowed (3).\n\n% This query was served by"), body);
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
            assertTrue(answersSoon(server, "-r LIR1-MNT", "mntner:         LIR1-MNT"), "closed connections are no longer counted");
        }
    }

    @Test
    void trustedAddressesAreExemptFromBothLimits() throws Exception {
        try (TestServer server = start(props("acl.trusted", "127.0.0.1", "acl.denied", "127.0.0.0/8",
                "acl.connections-per-ip", "1", "acl.personal-objects-per-day", "1"))) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(connected(server.port));
                }
                for (int i = 0; i < 3; i++) {
                    String body = server.query("193.0.0.1");
                    assertTrue(body.contains("person:         Lisa Hoffmann"), body);
                }
                assertTrue(server.query("-V proxy,198.51.100.7 -r LIR1-MNT").contains("mntner:"), "trusted clients may act as proxies");
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    @Test
    void personalDataLimitBlocksMidResponseAndThenAtTheStart() throws Exception {
        try (TestServer server = start(props("acl.personal-objects-per-day", "2"))) {
            String first = server.query("-r Lisa Hoffmann");
            assertTrue(first.contains("person:         Lisa Hoffmann"));
            // 193.0.0.1 returns one role without abuse-mailbox and one person: the second exceeds the allowance
            String second = TestServer.body(server.query("193.0.0.1"));
            assertTrue(second.contains("role:           Example Networks NOC"), second);
            assertFalse(second.contains("person:         Lisa Hoffmann"), second);
            assertTrue(second.contains("%ERROR:201: access denied for 127.0.0.1\n%\n% Queries from your IP address have passed the daily limit of controlled objects.\n"), second);
            String third = TestServer.body(server.query("-r LIR1-MNT"));
            assertTrue(third.startsWith("%ERROR:201: access denied for 127.0.0.1\n"), third);
            assertTrue(TestServer.body(server.query("-q version")).startsWith("% whois-server-"), "system queries are not accounted");
        }
    }

    @Test
    void abuseRolesAndKeysOnlyOutputAreNotCounted() throws Exception {
        try (TestServer server = start(props("acl.personal-objects-per-day", "1"))) {
            for (int i = 0; i < 3; i++) {
                assertTrue(server.query("-r ENA1-TEST").contains("abuse-mailbox:  abuse@lir1.example"));
                assertTrue(server.query("-K 193.0.0.1").contains("inetnum:        193.0.0.0 - 193.0.0.255"));
            }
        }
    }

    @Test
    void idleConnectionGetsError305() throws Exception {
        try (TestServer server = TestServer.start(dataDir, new Properties(), TestServer.settings(Duration.ofMillis(300), 100));
             Socket s = new Socket("127.0.0.1", server.port)) {
            s.setSoTimeout(10_000);
            String all = TestServer.readAll(s.getInputStream());
            assertEquals(QueryMessages.banner() + "\n" + QueryMessages.timeout() + "\n", all);
        }
    }

    @Test
    void globalConnectionCap() throws Exception {
        try (TestServer server = TestServer.start(dataDir, props("acl.connections-per-ip", "0"), TestServer.settings(Duration.ofSeconds(30), 2))) {
            try (Socket a = connected(server.port); Socket b = connected(server.port)) {
                String body = TestServer.body(server.query("-r LIR1-MNT"));
                assertTrue(body.startsWith(QueryMessages.serverBusy()), body);
            }
            assertTrue(answersSoon(server, "-r LIR1-MNT", "mntner:         LIR1-MNT"), "closed connections no longer count against the cap");
        }
    }

    /** The server notices closed connections on its own time: asks again until it answers, for 10 s at most. */
    private static boolean answersSoon(TestServer server, String query, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.query(query).contains(expected)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void closeFinishesQueriesInFlightAndStopsAccepting() throws Exception {
        TestServer server = start(new Properties());
        Socket s = connected(server.port);
        s.getOutputStream().write("-k\n".getBytes(StandardCharsets.UTF_8));
        server.close();
        String rest = TestServer.readAll(s.getInputStream());
        assertTrue(rest.isEmpty() || rest.contains("% This query was served by"), rest);
        s.close();
        try (Socket refused = new Socket("127.0.0.1", server.port)) {
            assertEquals(-1, refused.getInputStream().read(), "nothing is served after close");
        } catch (java.net.ConnectException expected) {
            // the port is closed
        }
    }
}
