package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.whoisd.server.acl.AddressRanges;
import net.whoisd.server.acl.ConnectionLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP door's connection limits over real sockets: a 421 greeting and a close over the limit. */
class SmtpConnectionLimitTest {
    @TempDir
    Path dir;

    private MailListener listener;
    private int port;
    private final List<Socket> open = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    private void start(int perAddress, int total) throws IOException {
        listener = new MailListener(MailSpool.open(dir.resolve("spool")), () -> { }, 100_000,
                new ConnectionLimits(perAddress, total, AddressRanges.parse("acl.trusted", List.of("127.0.0.2"))));
        port = listener.start("127.0.0.1", 0);
    }

    /** Connects and returns the greeting line; the connection stays open. */
    private String greeting(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(20_000);
        open.add(s);
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    private Socket last() {
        return open.get(open.size() - 1);
    }

    @Test
    void connectionOverTheAddressLimitGets421AndIsClosed() throws Exception {
        start(2, 0);
        assertTrue(greeting("127.0.0.1").startsWith("220 "));
        assertTrue(greeting("127.0.0.1").startsWith("220 "));
        String refused = greeting("127.0.0.1");
        assertEquals("421 4.7.0 Too many connections from 127.0.0.1 (at most 2 at once), try again later", refused);
        assertEquals(-1, last().getInputStream().read(), "closed after the 421");

        for (int i = 0; i < 3; i++) {
            assertTrue(greeting("127.0.0.2").startsWith("220 "), "trusted addresses are exempt");
        }
        assertTrue(greeting("127.0.0.3").startsWith("220 "), "other addresses are not limited");

        open.get(0).close();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!greeting("127.0.0.1").startsWith("220 ")) {
            assertTrue(System.nanoTime() < deadline, "a closed connection frees its slot");
            Thread.sleep(20);
        }
    }

    @Test
    void connectionOverTheTotalLimitGets421() throws Exception {
        start(0, 2);
        assertTrue(greeting("127.0.0.1").startsWith("220 "));
        assertTrue(greeting("127.0.0.2").startsWith("220 "));
        assertEquals("421 4.3.2 Too many connections, try again later", greeting("127.0.0.3"));
        assertEquals(-1, last().getInputStream().read(), "closed after the 421");
    }
}
