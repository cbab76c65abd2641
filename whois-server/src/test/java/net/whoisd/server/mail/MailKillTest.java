package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.Outbox;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robot in a child JVM is stopped dead (kill -9, or a halt at a named point between the commit
 * and the end of the answer) while mails submitted over SMTP are being handled, then started again.
 * Every mail the listener accepted must then be applied exactly once (each creates a person with an
 * {@code AUTO-1} nic-hdl, so a second application would make a second person) and answered exactly
 * once (one acknowledgement in the outbox per Message-ID).
 */
@Tag("slow")
class MailKillTest {
    private static final int MAILS = 8;
    private static final String PASSWORD = "kill-test-pw";

    @TempDir
    Path dir;

    @Test
    void haltedAfterCommitBeforeTheAnswerIsStored() throws Exception {
        String log = crashAndRecover(FaultPoint.AFTER_COMMIT);
        assertTrue(log.contains("were applied before the last stop but not answered"), log);
        assertTrue(Outbox.read(outbox()).stream().anyMatch(m -> m.contains("This answer was rebuilt")),
                "the answer of the mail applied before the halt is rebuilt from its committed changes");
    }

    @Test
    void haltedAfterTheAnswerIsStoredBeforeItIsSent() throws Exception {
        String log = crashAndRecover(FaultPoint.AFTER_ANSWER_STORED);
        assertTrue(log.contains("mail answer stored before the last stop"), log);
    }

    @Test
    void haltedAfterTheAnswerWasSentBeforeTheMailIsRecorded() throws Exception {
        String log = crashAndRecover(FaultPoint.AFTER_SEND);
        assertTrue(log.contains("is already in the outbox; not written again"), log);
    }

    @Test
    void killedWhileMailsAreHandled() throws Exception {
        crashAndRecover(null);
    }

    /** Returns the log of the restarted robot. */
    private String crashAndRecover(String haltAt) throws Exception {
        seed();
        List<Integer> accepted = Collections.synchronizedList(new ArrayList<>());
        Process first = start(haltAt, "first.log");
        try {
            int port = readPort(first);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    for (int n = client; n < MAILS; n += 4) {
                        if (submit(port, n)) {
                            accepted.add(n);
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            if (haltAt == null) {
                awaitAnswers(1, Duration.ofSeconds(60));
                first.destroyForcibly(); // SIGKILL
            }
            assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the robot did not stop");
            for (Thread t : clients) {
                t.join(60_000);
            }
            if (haltAt != null) {
                assertEquals(137, first.exitValue(), "the robot halted at " + haltAt);
            }
        } finally {
            first.destroyForcibly();
        }
        assertFalse(accepted.isEmpty(), "mails were accepted before the crash");

        Process second = start(null, "second.log");
        try {
            int port = readPort(second);
            for (int n = 0; n < MAILS; n++) {
                if (!accepted.contains(n)) {
                    assertTrue(submit(port, n), "mail " + n + " accepted after the restart");
                }
            }
            awaitAnswers(MAILS, Duration.ofSeconds(120));
            awaitEmptySpool(Duration.ofSeconds(60));
            second.getOutputStream().close(); // a clean stop
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        } finally {
            second.destroyForcibly();
        }

        List<String> answers = Outbox.read(outbox());
        try (PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST")) {
            for (int n = 0; n < MAILS; n++) {
                String name = personName(n);
                List<RpslObject> persons = new ArrayList<>();
                db.forEach(o -> {
                    if (o.key().type() == ObjectType.PERSON && name.equals(o.object().value("person"))) {
                        persons.add(o.object());
                    }
                });
                assertEquals(1, persons.size(), "mail " + n + " applied once: " + persons);
                String messageId = messageId(n);
                long answered = answers.stream().filter(m -> m.contains("In-Reply-To: " + messageId)).count();
                assertEquals(1, answered, "mail " + n + " answered once");
            }
        }
        assertEquals(MAILS, answers.size(), "no answer to anything else");
        return Files.readString(dir.resolve("second.log"));
    }

    private void seed() {
        try (PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST")) {
            db.commit(List.of(
                    Change.create(RpslObject.parse("person:         Kill Admin\naddress:        1 Street\n"
                            + "phone:          +31 20 000 0000\ne-mail:         admin@example.com\nnic-hdl:        KA1-TEST\n"
                            + "mnt-by:         KILL-MNT\nsource:         TEST\n")),
                    Change.create(RpslObject.parse("mntner:         KILL-MNT\nadmin-c:        KA1-TEST\n"
                            + "upd-to:         admin@example.com\nauth:           BCRYPT-PW "
                            + BcryptCredential.hash(PASSWORD, 4) + "\nmnt-by:         KILL-MNT\nsource:         TEST\n"))));
        }
    }

    private Process start(String haltAt, String log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                // the server's own logging (INFO), not a test configuration that a dependency's test jar brings
                "-Dlogback.configurationFile=logback.xml"));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("whoisd."))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        if (haltAt != null) {
            command.add("-Dwhoisd.test.halt-at=" + haltAt);
        }
        command.addAll(List.of(MailRobotChild.class.getName(), dir.resolve("data").toString(), outbox().toString()));
        return new ProcessBuilder(command).redirectError(dir.resolve(log).toFile()).start();
    }

    private Path outbox() {
        return dir.resolve("outbox");
    }

    /** Whether the robot accepted mail {@code n} (250); false if it died meanwhile. */
    private static boolean submit(int port, int n) {
        String body = "person:         " + personName(n) + "\naddress:        1 Street\nphone:          +31 20 000 0000\n"
                + "e-mail:         kill" + n + "@example.com\nnic-hdl:        AUTO-1\nmnt-by:         KILL-MNT\n"
                + "source:         TEST\n\npassword: " + PASSWORD + "\n";
        byte[] mail = TestMessages.plain("Sender " + n + " <sender" + n + "@example.com>", "create " + n, messageId(n), body);
        try {
            return new SmtpSubmitter("127.0.0.1", port, Duration.ofSeconds(30))
                    .submit(mail, "sender" + n + "@example.com", MailRobotChild.ROBOT).accepted();
        } catch (IOException dead) {
            return false;
        }
    }

    private static String personName(int n) {
        return "Kill Person " + (char) ('A' + n);
    }

    private static String messageId(int n) {
        return "<kill-" + n + "@example.com>";
    }

    private void awaitAnswers(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Outbox.read(outbox()).size() < count) {
            assertTrue(System.nanoTime() < deadline, "answers in the outbox: " + Outbox.read(outbox()).size()
                    + ", expected " + count);
            Thread.sleep(20);
        }
    }

    private void awaitEmptySpool(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path spool = dir.resolve("data").resolve("mail-spool").resolve("new");
        while (true) {
            try (Stream<Path> left = Files.list(spool)) {
                if (left.findAny().isEmpty()) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "the spool was worked through");
            Thread.sleep(20);
        }
    }

    private static int readPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("the robot did not start");
    }
}
