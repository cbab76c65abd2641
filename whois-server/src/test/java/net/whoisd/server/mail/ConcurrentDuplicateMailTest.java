package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.whoisd.storage.disk.PersistentDatabase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.update.UpdateResponse;
import net.whoisd.server.update.UpdateService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two copies of one message handled by two mail workers at the same moment are applied and answered once. */
class ConcurrentDuplicateMailTest {
    private static final String ROBOT = "auto-dbm@example.net";

    @TempDir
    Path dir;

    @Test
    void aSecondCopyWaitsForTheFirstAndIsThenDropped() throws Exception {
        CountDownLatch inEngine = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicInteger applied = new AtomicInteger();
        UpdateService engine = request -> {
            applied.incrementAndGet();
            inEngine.countDown();
            await(letGo);
            return new UpdateResponse("Create SUCCEEDED: [person] AA1-TEST\n", 1, 0, List.of());
        };
        Path outbox = dir.resolve("outbox");
        try (ProcessedMessageIds processed = ProcessedMessageIds.open(dir.resolve("ids"), 100);
             PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST")) {
            MailRobot robot = new MailRobot(engine, id -> Optional.empty(), new MailSender(ROBOT, null, outbox),
                    processed, StoredAnswers.open(dir.resolve("answers"), Set.of()),
                    MailCommits.open(db, dir.resolve("answered-serial"), Set.of()), "TEST");
            byte[] copy = ("Return-Path: <ann@example.com>\r\nFrom: Ann <ann@example.com>\r\nTo: " + ROBOT
                    + "\r\nSubject: update\r\nMessage-ID: <twice@example.com>\r\n\r\nperson: Ann\r\npassword: x\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread first = handling(robot, "000000000000001-000000001.eml", copy, failure);
            first.start();
            assertTrue(inEngine.await(30, TimeUnit.SECONDS));
            Thread second = handling(robot, "000000000000002-000000002.eml", copy, failure);
            second.start();
            waitUntilWaiting(second);
            letGo.countDown();
            first.join(30_000);
            second.join(30_000);
            assertFalse(first.isAlive() || second.isAlive());
            assertEquals(null, failure.get());
        }
        assertEquals(1, applied.get());
        try (var answers = Files.list(outbox)) {
            assertEquals(1, answers.count());
        }
    }

    @Test
    void whenTheFirstCopyFailsTheSecondIsHandled() throws Exception {
        try (ProcessedMessageIds ids = ProcessedMessageIds.open(dir.resolve("ids"), 10)) {
            assertTrue(ids.claim("<m@x>"));
            AtomicReference<Boolean> secondClaim = new AtomicReference<>();
            Thread second = new Thread(() -> {
                try {
                    secondClaim.set(ids.claim("m@x"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            second.start();
            waitUntilWaiting(second);
            ids.release("<m@x>");
            second.join(30_000);
            assertEquals(Boolean.TRUE, secondClaim.get());
            ids.add("m@x");
            assertFalse(ids.claim("m@x"));
        }
    }

    private static Thread handling(MailRobot robot, String name, byte[] raw, AtomicReference<Exception> failure) {
        return new Thread(() -> {
            try {
                robot.handle(name, raw);
            } catch (Exception e) {
                failure.set(e);
            }
        });
    }

    /** Until the thread waits for a claim held by another (ProcessedMessageIds#claim's wait). */
    private static void waitUntilWaiting(Thread thread) throws InterruptedException {
        for (int i = 0; i < 30_000 && thread.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, thread.getState());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
