package net.whoisd.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Tag;
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
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WhoisdMain.class.getName(),
                "serve", "--data", data.toString(), "--whois-port", String.valueOf(port), "--http-port", "0",
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
            assertEquals(0, p.exitValue(), "a clean stop on SIGTERM is a success, not a death by signal (143)");
            assertTrue(Files.readString(stdout).endsWith("whoisd: stopped cleanly\n"), Files.readString(stdout));
        } finally {
            p.destroyForcibly();
        }
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(99, db.size(), "the database was closed cleanly and keeps the sample data");
        }
    }

    @Test
    @Tag("slow")
    void sigtermDuringABurstOfQueriesAndUpdatesExitsZeroWithoutAStackTrace() throws Exception {
        int whoisPort = freePort();
        int httpPort = freePort();
        Process p = startServe(whoisPort, httpPort);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger updates = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        try {
            awaitServing(p);
            for (int i = 0; i < 8; i++) {
                clients.add(client(stop, () -> {
                    if (query(whoisPort, "-r LIR1-MNT").contains("mntner:         LIR1-MNT")) {
                        answers.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < 4; i++) {
                clients.add(client(stop, () -> {
                    if (syncupdate(httpPort).contains("SUCCEEDED")) {
                        updates.incrementAndGet();
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((answers.get() < 50 || updates.get() < 5) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(answers.get() >= 50 && updates.get() >= 5, "the burst is running: " + answers + " answers, " + updates + " updates");
            signal(p, "TERM");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGTERM under load");
            assertEquals(0, p.exitValue());
        } finally {
            stop.set(true);
            p.destroyForcibly();
            for (Thread t : clients) {
                t.join(30_000);
            }
        }
        String output = Files.readString(dir.resolve("stdout.log")) + Files.readString(dir.resolve("stderr.log"));
        assertTrue(output.contains("whoisd: stopped cleanly\n"), output);
        assertFalse(STACK_FRAME.matcher(output).find(), "no stack trace at shutdown:\n" + output);
        assertFalse(output.contains("Exception"), "no exception at shutdown:\n" + output);
    }

    @Test
    void sigintStopsCleanlyAndExitsZeroLikeSigterm() throws Exception {
        int whoisPort = freePort();
        Process p = startServe(whoisPort, 0);
        try {
            awaitServing(p);
            assertTrue(query(whoisPort, "-r LIR1-MNT").contains("mntner:         LIR1-MNT"));
            signal(p, "INT");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGINT");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.readString(dir.resolve("stdout.log")).endsWith("whoisd: stopped cleanly\n"));
    }

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$/]+\\(");

    private Process startServe(int whoisPort, int httpPort) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WhoisdMain.class.getName(),
                "serve", "--data", dir.resolve("data").toString(), "--whois-port", String.valueOf(whoisPort),
                "--http-port", String.valueOf(httpPort), "--smtp-port", "0")
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
    }

    private void awaitServing(Process p) throws Exception {
        Path stdout = dir.resolve("stdout.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(stdout).contains("\n") && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(stdout).startsWith("whoisd: serving TEST"), Files.readString(stdout));
    }

    /** Sends the signal as an operator or a service manager would: kill -SIG pid. */
    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue(), "kill -" + name);
    }

    private interface Exchange {
        void run() throws IOException;
    }

    /** A client thread that repeats an exchange until told to stop; refused or cut connections are part of a shutdown. */
    private static Thread client(AtomicBoolean stop, Exchange exchange) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                try {
                    exchange.run();
                } catch (IOException e) {
                    // the server is going away
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String query(int port, String line) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** A person created with LIR1-MNT's password (docs/sample-data.md), over a plain socket. */
    private static String syncupdate(int port) throws IOException {
        String message = "person: Burst Person\naddress: Street 1\ne-mail: b@example.net\nnic-hdl: AUTO-1\n"
                + "mnt-by: LIR1-MNT\nsource: TEST\n\npassword: lir1-secret\n";
        byte[] body = ("DATA=" + URLEncoder.encode(message, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream o = s.getOutputStream();
            o.write(("POST /syncupdates HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.write(body);
            o.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
