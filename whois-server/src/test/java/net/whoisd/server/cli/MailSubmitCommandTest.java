package net.whoisd.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.whoisd.server.mail.MailListener;
import net.whoisd.server.mail.MailSpool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI command against a real SMTP listener. */
class MailSubmitCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldErr = System.err;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return WhoisdMain.run(args);
        } finally {
            System.setIn(oldIn);
            System.setErr(oldErr);
        }
    }

    @Test
    void pipedMessageWithMboxLineIsDeliveredWithItsEnvelopeSender() throws Exception {
        MailSpool spool = MailSpool.open(dir.resolve("spool"));
        try (MailListener listener = new MailListener(spool, () -> { }, 100_000)) {
            int port = listener.start("127.0.0.1", 0);
            String message = "From ann@example.com Sun Nov 22 03:00:00 2026\n"
                    + "Return-Path: <ann@example.com>\n"
                    + "From: Ann <ann@example.com>\nSubject: NEW\n\nperson: Ann\n.leading dot\n";
            assertEquals(0, run(message, "mail-submit", "--smtp-port", String.valueOf(port)), err.toString());
        }
        String stored = new String(spool.read(spool.pending().get(0)), StandardCharsets.UTF_8);
        assertTrue(stored.startsWith("X-Whoisd-Peer: 127.0.0.1\r\nReturn-Path: <ann@example.com>\r\n"), stored);
        assertTrue(stored.contains("\r\nSubject: NEW\r\n"), stored);
        assertTrue(stored.contains("\r\n.leading dot\r\n"), stored);
        assertTrue(!stored.contains("From ann@example.com Sun"), stored);
    }

    @Test
    void serverNotRunningIsATemporaryFailure() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        assertEquals(75, run("Subject: x\n\nbody\n", "mail-submit", "--smtp-port", String.valueOf(freePort), "--timeout", "5"));
        assertTrue(err.toString().contains("cannot be reached"), err.toString());
    }

    @Test
    void tooLargeIsAPermanentFailure() throws Exception {
        MailSpool spool = MailSpool.open(dir.resolve("spool"));
        try (MailListener listener = new MailListener(spool, () -> { }, 100)) {
            int port = listener.start("127.0.0.1", 0);
            assertEquals(65, run("From: a@example.com\nSubject: x\n\n" + "x".repeat(500) + "\n",
                    "mail-submit", "--smtp-port", String.valueOf(port)));
        }
        assertTrue(err.toString().contains("552"), err.toString());
        assertTrue(spool.pending().isEmpty());
    }

    @Test
    void emptyInputIsRefused() {
        assertEquals(65, run("", "mail-submit", "--smtp-port", "1"));
    }
}
