package net.whoisd.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.whoisd.storage.PersistentDatabase;
import net.whoisd.storage.TestStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whoisd serve} as an operator runs it: a separate JVM, a fresh data directory, SIGTERM to stop. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesTheSampleDataOnAFreshDirectoryAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stdout = dir.resolve("stdout.log");
        // the server's own logging (INFO to stderr), not the WARN level of the tests' logback-test.xml
        Process p = new ProcessBuilder(java, "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                WhoisdMain.class.getName(), "serve", "--data", data.toString(), "--whois-port", String.valueOf(port), "--http-port", "0",
                "--smtp-port", "0")
                .redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(stdout).contains("\n") && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(100);
            }
            String first = Files.readString(stdout);
            assertTrue(first.startsWith("whoisd: serving TEST (99 objects)"), "first line: " + first);
            String answer;
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                OutputStream o = s.getOutputStream();
                o.write("-r LIR1-MNT\n".getBytes(StandardCharsets.UTF_8));
                o.flush();
                answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            assertTrue(answer.contains("mntner:         LIR1-MNT\n"), answer);
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGTERM");
            assertTrue(Files.readString(stdout).endsWith("whoisd: stopped cleanly\n"), Files.readString(stdout));
            String log = Files.readString(dir.resolve("stderr.log"));
            assertTrue(log.contains("effective configuration: source=TEST, data.dir=" + data + ", bind.address=127.0.0.1, whois.port="
                    + port + ", "), log);
        } finally {
            p.destroyForcibly();
        }
        try (PersistentDatabase db = TestStorage.open(data, "TEST")) {
            assertEquals(99, db.size(), "the database was closed cleanly and keeps the sample data");
        }
    }
}
