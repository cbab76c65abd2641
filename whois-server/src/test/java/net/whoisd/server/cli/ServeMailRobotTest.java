package net.whoisd.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.whoisd.server.Outbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robot as an operator runs it: {@code whoisd serve} in its own JVM with the SMTP listener on,
 * {@code whoisd mail-submit} piping a message to it, the answer written to {@code mail.outbox}.
 */
class ServeMailRobotTest {
    @TempDir
    Path dir;

    @Test
    void mailSubmitToARunningServerIsAnsweredThroughTheOutbox() throws Exception {
        int whoisPort = freePort();
        int smtpPort = freePort();
        Path outbox = dir.resolve("outbox");
        Path config = dir.resolve("whoisd.properties");
        Files.writeString(config, "mail.outbox = " + outbox + "\nmail.from = auto-dbm@example.net\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stdout = dir.resolve("stdout.log");
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WhoisdMain.class.getName(),
                "serve", "--config", config.toString(), "--data", dir.resolve("data").toString(),
                "--whois-port", String.valueOf(whoisPort), "--http-port", "0", "--smtp-port", String.valueOf(smtpPort))
                .redirectOutput(stdout.toFile()).redirectError(dir.resolve("stderr.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(stdout).contains("\n") && System.nanoTime() < deadline && server.isAlive()) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(stdout).contains("smtp port " + smtpPort), Files.readString(stdout));

            String message = "From ann@example.com Sun Nov 22 03:00:00 2026\n"
                    + "From: Ann Example <ann@example.com>\nSubject: HELP\nMessage-ID: <help-1@example.com>\n\n\n";
            assertEquals(0, submit(message, "mail-submit", "--config", config.toString(), "--smtp-port", String.valueOf(smtpPort)));

            List<String> answers = List.of();
            while (answers.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                answers = Outbox.read(outbox);
            }
            assertEquals(1, answers.size());
            assertTrue(answers.get(0).contains("Subject: SUCCESS: HELP"), answers.get(0));
            assertTrue(answers.get(0).contains("In-Reply-To: <help-1@example.com>"), answers.get(0));
            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGTERM");
            assertTrue(Files.readString(stdout).endsWith("whoisd: stopped cleanly\n"), Files.readString(stdout));
        } finally {
            server.destroyForcibly();
        }
    }

    private static int submit(String stdin, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return WhoisdMain.run(args);
        } finally {
            System.setIn(old);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
