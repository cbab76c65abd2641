package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.ObjectVersion;
import net.whoisd.storage.Operation;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentDatabaseTest {
    @TempDir
    Path dir;

    private static final Set<ObjectType> ALL = EnumSet.allOf(ObjectType.class);

    @Test
    void commitThenGetByIdSizeSerial() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertEquals(0, db.currentSerial());
            CommitResult r = db.commit(List.of(Change.create(Objects.person("John Smith", "JS1-TEST", "TEST-MNT")),
                    Change.create(Objects.mntner("TEST-MNT", "JS1-TEST"))));
            assertEquals(1, r.firstSerial());
            assertEquals(2, r.lastSerial());
            assertEquals(2, db.currentSerial());
            assertEquals(2, db.size());
            StoredObject p = db.get(ObjectType.PERSON, "js1-test").orElseThrow();
            assertEquals("John Smith", p.object().value("person"));
            assertEquals(p.object(), db.byId(p.id()).orElseThrow().object());
            assertTrue(db.get(ObjectType.MNTNER, "test-mnt").isPresent());
            assertTrue(db.get(ObjectType.PERSON, "XX1-TEST").isEmpty());
        }
    }

    @Test
    void theStoredTextIsExactlyWhatWasCommitted() {
        RpslObject person = Objects.person("John Smith", "JS1-TEST", "TEST-MNT");
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(person)));
        }
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertEquals(person.toText(), db.get(ObjectType.PERSON, "JS1-TEST").orElseThrow().object().toText());
        }
    }

    @Test
    void failedCommitsChangeNothing() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(Objects.person("John Smith", "JS1-TEST", "TEST-MNT"))));
            RpslObject other = Objects.person("Other", "OT1-TEST", "TEST-MNT");
            assertThrows(StorageException.class, () -> db.commit(List.of(Change.create(other),
                    Change.create(Objects.person("Again", "JS1-TEST", "TEST-MNT")))));
            assertThrows(StorageException.class, () -> db.commit(List.of(Change.modify(Objects.person("X", "NO1-TEST", "M")))));
            assertThrows(StorageException.class, () -> db.commit(List.of(Change.delete(Objects.person("X", "NO1-TEST", "M")))));
            assertEquals(1, db.currentSerial());
            assertEquals(1, db.size());
            assertTrue(db.get(ObjectType.PERSON, "OT1-TEST").isEmpty());
            assertTrue(db.lookup("Other", ALL).isEmpty());
        }
    }

    @Test
    void aFailingPreconditionAbortsTheCommitAndChangesNothing() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(Objects.person("John Smith", "JS1-TEST", "TEST-MNT"))));
            RpslObject other = Objects.person("Other", "OT1-TEST", "TEST-MNT");
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> db.commit(List.of(Change.create(other)), () -> {
                        throw new IllegalStateException("stale plan");
                    }));
            assertEquals("stale plan", refused.getMessage());
            assertEquals(1, db.currentSerial());
            assertTrue(db.get(ObjectType.PERSON, "OT1-TEST").isEmpty());
            db.commit(List.of(Change.create(other)), () -> assertTrue(db.get(ObjectType.PERSON, "JS1-TEST").isPresent()));
            assertEquals(2, db.currentSerial());
        }
    }

    @Test
    void noOtherCommitLandsBetweenThePreconditionAndTheChanges() throws Exception {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            RpslObject mine = Objects.person("Mine", "MI1-TEST", "TEST-MNT");
            java.util.concurrent.CountDownLatch checking = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch otherStarted = new java.util.concurrent.CountDownLatch(1);
            Thread other = new Thread(() -> {
                try {
                    checking.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                otherStarted.countDown();
                db.commit(List.of(Change.create(Objects.person("Theirs", "TH1-TEST", "TEST-MNT"))));
            });
            other.start();
            CommitResult result = db.commit(List.of(Change.create(mine)), () -> {
                checking.countDown();
                try {
                    otherStarted.await();
                    awaitWaitingForTheWriterOrDone(other);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertTrue(waitsForTheWriter(other), "the other commit waits for the writer");
                assertTrue(db.get(ObjectType.PERSON, "TH1-TEST").isEmpty(), "no commit while the precondition runs");
            });
            other.join();
            assertEquals(1, result.firstSerial(), "the checked commit is applied before the one that waited");
            assertEquals(2, db.currentSerial());
        }
    }

    private static void awaitWaitingForTheWriterOrDone(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!waitsForTheWriter(thread) && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** Blocked on a monitor in the commit pipeline itself: the writer's. */
    private static boolean waitsForTheWriter(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return thread.getState() == Thread.State.BLOCKED && stack.length > 0
                && stack[0].getClassName().equals(CommitPipeline.class.getName()) && stack[0].getMethodName().equals("commit");
    }

    @Test
    void cachedReadsFollowEveryCommit() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertTrue(db.get(ObjectType.PERSON, "JS1-TEST").isEmpty()); // the miss is cached too
            assertTrue(db.lookup("JS1-TEST", ALL).isEmpty());
            assertTrue(db.inverse("mnt-by", "TEST-MNT", ALL).isEmpty());
            db.commit(List.of(Change.create(Objects.person("John Smith", "JS1-TEST", "TEST-MNT")),
                    Change.create(Objects.inetnum("192.0.2.0 - 192.0.2.255", "NET-A", "TEST-MNT"))));
            assertEquals("John Smith", db.get(ObjectType.PERSON, "JS1-TEST").orElseThrow().object().value("person"));
            assertEquals(1, db.lookup("js1-test", ALL).size());
            assertEquals(2, db.inverse("mnt-by", "TEST-MNT", ALL).size());
            IpRange net = IpRange.parse("192.0.2.0/24").orElseThrow();
            assertEquals(1, db.ranges(ObjectType.INETNUM, net, RangeQuery.EXACT).size());
            db.commit(List.of(Change.modify(Objects.person("John Smythe", "JS1-TEST", "TEST-MNT"))));
            assertEquals("John Smythe", db.get(ObjectType.PERSON, "JS1-TEST").orElseThrow().object().value("person"));
            assertEquals(1, db.lookup("js1-test", ALL).size());
            db.commit(List.of(Change.delete(Objects.person("John Smythe", "JS1-TEST", "TEST-MNT")),
                    Change.delete(Objects.inetnum("192.0.2.0 - 192.0.2.255", "NET-A", "TEST-MNT"))));
            assertTrue(db.get(ObjectType.PERSON, "JS1-TEST").isEmpty());
            assertTrue(db.lookup("js1-test", ALL).isEmpty());
            assertTrue(db.ranges(ObjectType.INETNUM, net, RangeQuery.EXACT).isEmpty());
            db.commit(List.of(Change.create(Objects.inetnum("192.0.2.0 - 192.0.2.255", "NET-B", "TEST-MNT"))));
            assertEquals("NET-B", db.ranges(ObjectType.INETNUM, net, RangeQuery.EXACT).get(0).object().value("netname"));
        }
    }

    /** Creates are indexed without a delete of an older document: one commit that creates and changes an object leaves one entry. */
    @Test
    void anObjectCreatedAndChangedInOneCommitIsFoundOnceAsItsLastVersion() {
        IpRange net = IpRange.parse("192.0.2.0/24").orElseThrow();
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(Objects.person("Anna Alpha", "AA1-TEST", "M")),
                    Change.modify(Objects.person("Anna Beta", "AA1-TEST", "M")),
                    Change.create(Objects.inetnum("192.0.2.0 - 192.0.2.255", "NET-A", "M")),
                    Change.modify(Objects.inetnum("192.0.2.0 - 192.0.2.255", "NET-B", "M"))));
            assertTrue(db.lookup("alpha", ALL).isEmpty());
            assertEquals(List.of("AA1-TEST"), keys(db.lookup("beta", ALL)));
            // the second change of the key builds on the history the first wrote in the same commit
            assertEquals(List.of("Anna Alpha", "Anna Beta"), db.history(ObjectType.PERSON, "AA1-TEST").stream()
                    .map(v -> v.object().value("person")).toList());
            assertEquals(List.of("NET-B"), netnames(db.ranges(ObjectType.INETNUM, net, RangeQuery.EXACT)));
            db.commit(List.of(Change.delete(Objects.person("Anna Beta", "AA1-TEST", "M")),
                    Change.create(Objects.person("Anna Gamma", "AA1-TEST", "M")),
                    Change.delete(Objects.inetnum("192.0.2.0 - 192.0.2.255", "NET-B", "M")),
                    Change.create(Objects.inetnum("192.0.2.0 - 192.0.2.255", "NET-C", "M"))));
            assertAnnaGammaAndNetC(db, net);
        }
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertAnnaGammaAndNetC(db, net);
        }
    }

    private static void assertAnnaGammaAndNetC(PersistentDatabase db, IpRange net) {
        assertTrue(db.lookup("beta", ALL).isEmpty());
        assertEquals(List.of("AA1-TEST"), keys(db.lookup("anna", ALL)));
        assertEquals(List.of("AA1-TEST"), keys(db.lookup("gamma", ALL)));
        assertEquals(2, db.inverse("mnt-by", "M", ALL).size());
        assertEquals(List.of("NET-C"), netnames(db.ranges(ObjectType.INETNUM, net, RangeQuery.EXACT)));
        assertEquals(List.of("NET-C"), netnames(db.ranges(ObjectType.INETNUM, IpRange.parse("192.0.2.7").orElseThrow(),
                RangeQuery.ALL_LESS)));
    }

    @Test
    void aSingleWordMatchesKeysAndNameWordsOnce() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            // the nic-hdl of one person is the one-word name of the other, and the first's name holds it too
            db.commit(List.of(Change.create(Objects.person("Anna AN1-TEST", "AN1-TEST", "TEST-MNT")),
                    Change.create(Objects.person("an1-test", "XY1-TEST", "TEST-MNT")),
                    Change.create(Objects.person("Bob", "BB1-TEST", "TEST-MNT"))));
            List<StoredObject> hits = db.lookup("AN1-TEST", ALL);
            assertEquals(List.of("AN1-TEST", "XY1-TEST"), hits.stream().map(o -> o.key().key()).toList());
            assertEquals(1, db.lookup("bob", ALL).size());
            assertEquals(List.of("AN1-TEST"), db.lookup("AN1-TEST", EnumSet.of(ObjectType.PERSON)).stream()
                    .filter(o -> o.object().value("person").startsWith("Anna")).map(o -> o.key().key()).toList());
            assertEquals(3, db.inverse("mnt-by", "test-mnt", ALL).size());
            db.commit(List.of(Change.delete(Objects.person("Bob", "BB1-TEST", "TEST-MNT"))));
            assertEquals(2, db.inverse("mnt-by", "TEST-MNT", ALL).size());
            assertTrue(db.lookup("bob", ALL).isEmpty());
        }
    }

    @Test
    void historyFollowsTheCurrentLife() {
        RpslObject v1 = Objects.person("John Smith", "JS1-TEST", "TEST-MNT");
        RpslObject v2 = v1.with("phone", "+31 20 111 1111");
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(v1)));
            db.commit(List.of(Change.modify(v2)));
            List<ObjectVersion> h = db.history(ObjectType.PERSON, "JS1-TEST");
            assertEquals(2, h.size());
            assertEquals(Operation.CREATE, h.get(0).operation());
            assertEquals(v1.toText(), h.get(0).object().toText());
            assertEquals(Operation.MODIFY, h.get(1).operation());
            assertEquals(2, h.get(1).version());
            assertEquals(2, h.get(1).serial());
            assertEquals(v2.toText(), h.get(1).object().toText());
            db.commit(List.of(Change.delete(v2)));
            assertEquals(3, db.history(ObjectType.PERSON, "JS1-TEST").size());
            assertTrue(db.get(ObjectType.PERSON, "JS1-TEST").isEmpty());
            db.commit(List.of(Change.create(v1)));
            List<ObjectVersion> reborn = db.history(ObjectType.PERSON, "JS1-TEST");
            assertEquals(1, reborn.size());
            assertEquals(4, reborn.get(0).serial());
        }
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertEquals(1, db.history(ObjectType.PERSON, "JS1-TEST").size());
            assertTrue(db.history(ObjectType.PERSON, "NEVER-TEST").isEmpty());
        }
    }

    @Test
    void lookupInverseAndFullText() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(Objects.person("John Smith", "JS1-TEST", "TEST-MNT")),
                    Change.create(Objects.person("Jane Smith", "JA1-TEST", "OTHER-MNT")),
                    Change.create(Objects.mntner("TEST-MNT", "JS1-TEST")),
                    Change.create(Objects.inetnum("192.0.2.0 - 192.0.2.255", "EXAMPLE-NET", "TEST-MNT"))));
            assertEquals(List.of("JS1-TEST"), keys(db.lookup("js1-test", ALL)));
            assertEquals(List.of("JS1-TEST"), keys(db.lookup("smith JOHN", ALL)));
            assertEquals(List.of("JA1-TEST", "JS1-TEST"), keys(db.lookup("Smith", EnumSet.of(ObjectType.PERSON))));
            assertTrue(db.lookup("Smith", EnumSet.of(ObjectType.ROLE)).isEmpty());
            assertEquals(List.of("192.0.2.0 - 192.0.2.255"), keys(db.lookup("example-net", ALL)));
            assertEquals(List.of("JS1-TEST"), keys(db.lookup("JS1-TEST@example.net", ALL)));
            assertEquals(List.of("192.0.2.0 - 192.0.2.255", "TEST-MNT", "JS1-TEST"), keys(db.inverse("mnt-by", "test-mnt", ALL)));
            assertEquals(List.of("TEST-MNT"), keys(db.inverse("admin-c", "JS1-TEST", EnumSet.of(ObjectType.MNTNER))));
            assertEquals(List.of("192.0.2.0 - 192.0.2.255"), keys(db.fullText("network example-net", ALL)));
            // a change is visible as soon as commit returns
            db.commit(List.of(Change.modify(Objects.person("John Smith", "JS1-TEST", "NEW-MNT"))));
            assertEquals(List.of("JS1-TEST"), keys(db.inverse("mnt-by", "NEW-MNT", ALL)));
            assertEquals(List.of("192.0.2.0 - 192.0.2.255", "TEST-MNT"), keys(db.inverse("mnt-by", "TEST-MNT", ALL)));
            db.commit(List.of(Change.delete(Objects.person("Jane Smith", "JA1-TEST", "OTHER-MNT"))));
            assertTrue(db.lookup("jane", ALL).isEmpty());
        }
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertEquals(List.of("JS1-TEST"), keys(db.inverse("mnt-by", "NEW-MNT", ALL)));
        }
    }

    @Test
    void rangeRelations() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(Objects.inetnum("192.0.0.0 - 192.0.255.255", "BIG", "M")),
                    Change.create(Objects.inetnum("192.0.2.0 - 192.0.2.255", "MID", "M")),
                    Change.create(Objects.inetnum("192.0.2.0 - 192.0.2.127", "SMALL", "M")),
                    Change.create(Objects.route("192.0.2.0/24", "AS64497", "M")),
                    Change.create(Objects.route("192.0.2.0/24", "AS64496", "M"))));
            IpRange q = IpRange.parse("192.0.2.5").orElseThrow();
            assertEquals(List.of("SMALL"), netnames(db.ranges(ObjectType.INETNUM, q, RangeQuery.ONE_LESS)));
            assertEquals(List.of("BIG", "MID", "SMALL"), netnames(db.ranges(ObjectType.INETNUM, q, RangeQuery.ALL_LESS)));
            IpRange mid = IpRange.parse("192.0.2.0/24").orElseThrow();
            assertEquals(List.of("MID"), netnames(db.ranges(ObjectType.INETNUM, mid, RangeQuery.EXACT)));
            assertEquals(List.of("MID", "SMALL"), netnames(db.ranges(ObjectType.INETNUM, IpRange.parse("192.0.0.0/16").orElseThrow(), RangeQuery.ALL_MORE)));
            assertEquals(List.of("192.0.2.0/24AS64496", "192.0.2.0/24AS64497"), keys(db.ranges(ObjectType.ROUTE, mid, RangeQuery.EXACT)));
            assertEquals(List.of("192.0.2.0/24AS64496"), keys(List.of(db.get(ObjectType.ROUTE, "192.0.2.0/24as64496").orElseThrow())));
            assertThrows(StorageException.class, () -> db.commit(List.of(Change.create(Objects.inetnum("192.0.2.100 - 192.0.3.10", "BAD", "M")))));
            db.commit(List.of(Change.delete(Objects.inetnum("192.0.2.0 - 192.0.2.255", "MID", "M"))));
            assertEquals(List.of("BIG", "SMALL"), netnames(db.ranges(ObjectType.INETNUM, q, RangeQuery.ALL_LESS)));
        }
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            IpRange q = IpRange.parse("192.0.2.5").orElseThrow();
            assertEquals(List.of("BIG", "SMALL"), netnames(db.ranges(ObjectType.INETNUM, q, RangeQuery.ALL_LESS)));
            assertEquals(2, db.ranges(ObjectType.ROUTE, IpRange.parse("192.0.2.0/24").orElseThrow(), RangeQuery.EXACT).size());
        }
    }

    @Test
    void forEachVisitsClassesInOrder() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.commit(List.of(Change.create(Objects.person("John Smith", "JS1-TEST", "TEST-MNT")),
                    Change.create(Objects.mntner("TEST-MNT", "JS1-TEST")),
                    Change.create(Objects.inetnum("192.0.2.0 - 192.0.2.255", "EXAMPLE-NET", "TEST-MNT"))));
            List<ObjectType> seen = new ArrayList<>();
            db.forEach(o -> seen.add(o.key().type()));
            assertEquals(List.of(ObjectType.INETNUM, ObjectType.MNTNER, ObjectType.PERSON), seen);
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            StorageException e = assertThrows(StorageException.class, () -> PersistentDatabase.open(dir, "TEST"));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        PersistentDatabase.open(dir, "TEST").close();
    }

    @Test
    void anotherSourceIsRefused() {
        PersistentDatabase.open(dir, "TEST").close();
        assertThrows(StorageException.class, () -> PersistentDatabase.open(dir, "RIPE"));
    }

    static List<String> keys(List<StoredObject> objects) {
        return objects.stream().map(o -> o.key().key()).toList();
    }

    static List<String> netnames(List<StoredObject> objects) {
        return objects.stream().map(o -> o.object().value("netname")).toList();
    }
}
