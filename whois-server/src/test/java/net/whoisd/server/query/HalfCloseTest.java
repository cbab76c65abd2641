package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that half-close after their query ({@code nc -N}, {@code shutdownOutput()}) get the whole
 * answer, then the close, whichever thread answers the query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HalfCloseTest {
    private static final int TRIES = 8;
    @TempDir
    static Path dataDir;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        Properties unlimited = new Properties();
        unlimited.setProperty("acl.connections-per-ip", "0");
        server = TestServer.start(dataDir, unlimited, WhoisListener.Settings.defaults());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String halfClosed(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            s.shutdownOutput();
            return TestServer.readAll(s.getInputStream());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "LIR1-MNT",                         // key, event loop
            "193.0.0.1",                        // IP, event loop
            "-i mnt-by LIR1-MNT",               // inverse, pool
            "-m 193.0.0.0 - 193.0.15.255",      // one more, pool
            "-M 193.0.0.0 - 193.15.255.255",    // all more, pool
            "Lisa Hoffmann",                    // name, pool
            "--list-versions AS64496",          // versions, pool
            "help"})
    void halfClosedClientGetsTheWholeAnswer(String query) throws Exception {
        String expected = server.query(query);
        assertTrue(expected.endsWith(")\n\n\n"), expected);
        for (int i = 0; i < TRIES; i++) {
            assertEquals(expected, halfClosed(query + "\n"), "try " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-k\n-i mnt-by LIR1-MNT\n-r AS64496\n-M 193.0.0.0 - 193.15.255.255\n"})
    void persistentHalfClosedClientGetsEveryQueuedAnswerThenTheClose(String request) throws Exception {
        for (int i = 0; i < TRIES; i++) {
            String response = halfClosed(request);
            assertEquals(5, response.split("% This is the " + QueryMessages.SERVICE, -1).length - 1,
                    "the banner, then once more after each of the four answers (-k's included):\n" + response);
            assertTrue(response.contains("inetnum:        193.0.4.64 - 193.0.4.127"), response);
            assertTrue(response.endsWith(QueryMessages.banner() + "\n"), response);
        }
    }
}
