package net.whoisd.server.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.Fixtures;
import net.whoisd.server.ForwardingDatabase;
import net.whoisd.server.Outbox;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A close that comes after a message's change is committed but before its caller has queued the
 * notifications: the caller still gets its acknowledgement and the maintainer its mail. The
 * database below holds the caller at that point (its look-up of the maintainer to notify) until
 * the close has begun.
 */
class UpdateEngineCloseTest {

    /** Pauses the first maintainer look-up the given thread makes after a commit. */
    private static final class PauseAfterCommit extends ForwardingDatabase {
        final AtomicReference<Thread> caller = new AtomicReference<>();
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean committed;

        PauseAfterCommit(WhoisDatabase real) {
            super(real);
        }

        @Override
        public CommitResult commit(List<Change> changes) {
            CommitResult r = real.commit(changes);
            committed = true;
            return r;
        }

        @Override
        public Optional<StoredObject> get(ObjectType type, String primaryKey) {
            if (committed && type == ObjectType.MNTNER && Thread.currentThread() == caller.get() && held.getCount() > 0) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.get(type, primaryKey);
        }
    }

    @Test
    void aCommittedMessageIsAnsweredAndNotifiedThoughTheEngineClosesMeanwhile(@TempDir Path dir) throws Exception {
        Path outbox = dir.resolve("outbox");
        try (PersistentDatabase stored = PersistentDatabase.open(dir.resolve("data"), "TEST")) {
            stored.commit(List.of(
                    Change.create(RpslObject.parse(Fixtures.person("Admin Person", "AP1-TEST", "OWNER-MNT"))),
                    Change.create(RpslObject.parse(Fixtures.mntner("OWNER-MNT", "owner-pw", "mnt-nfy:        owner-nfy@example.net\n")))));
            PauseAfterCommit db = new PauseAfterCommit(stored);
            UpdateEngine engine = new UpdateEngine(db, new ParserSyntaxChecks("TEST"),
                    new UpdateSettings("TEST-NCC-HM-MNT", Map.of(), true, "dbm@example.net", "testhost"),
                    new MailSender("auto-dbm@example.net", null, outbox), Clock.systemUTC());

            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread client = new Thread(() -> {
                try {
                    outcome.set(engine.process(new UpdateRequest("""
                            person:         New Person
                            address:        Street 2
                            e-mail:         np1@example.net
                            nic-hdl:        NP1-TEST
                            mnt-by:         OWNER-MNT
                            source:         TEST
                            password:       owner-pw
                            """, UpdateOrigin.SYNCUPDATES, "192.0.2.1", List.of())));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            db.caller.set(client);
            client.start();
            assertTrue(db.held.await(30, TimeUnit.SECONDS), "the message reached its notifications");

            Thread closing = new Thread(engine::close);
            closing.start();
            closing.join(300);
            assertTrue(closing.isAlive(), "the close waits for the message still being answered");
            db.release.countDown();
            closing.join(30_000);
            client.join(30_000);
            assertFalse(closing.isAlive());

            UpdateResponse response = assertInstanceOf(outcome.get());
            assertEquals(1, response.succeeded(), response.acknowledgement());
            assertNotNull(stored.get(ObjectType.PERSON, "NP1-TEST").orElse(null));
            assertTrue(Outbox.read(outbox).stream().anyMatch(m -> m.contains("owner-nfy@example.net") && m.contains("NP1-TEST")),
                    "the maintainer's notification was sent");
            assertThrowsClosed(engine);
        }
    }

    private static UpdateResponse assertInstanceOf(Object outcome) {
        if (outcome instanceof UpdateResponse r) {
            return r;
        }
        throw new AssertionError("the caller got no acknowledgement: " + outcome, outcome instanceof Throwable t ? t : null);
    }

    private static void assertThrowsClosed(UpdateEngine engine) {
        try {
            engine.process(new UpdateRequest("person: x\n", UpdateOrigin.SYNCUPDATES, "192.0.2.1", List.of()));
        } catch (IllegalStateException closed) {
            return;
        }
        throw new AssertionError("a message after the close was accepted");
    }
}
