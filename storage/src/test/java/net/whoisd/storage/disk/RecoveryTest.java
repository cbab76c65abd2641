package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.storage.Change;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.store.MapStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery from a lost or damaged store, a torn journal tail and a lost or stale index. */
class RecoveryTest {
    private static final Set<ObjectType> ALL = EnumSet.allOf(ObjectType.class);

    @TempDir
    Path dir;

    private void fill(int from, int to) {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            for (int i = from; i < to; i++) {
                db.commit(List.of(Change.create(Objects.person("Person " + i, "P" + i + "-TEST", "M" + (i % 3) + "-MNT")),
                        Change.create(Objects.inetnum("10." + i + ".0.0 - 10." + i + ".0.255", "NET-" + i, "M" + (i % 3) + "-MNT"))));
            }
            if (from == 0) {
                db.commit(List.of(Change.modify(Objects.person("Person 0 renamed", "P0-TEST", "M0-MNT"))));
            }
        }
    }

    private void assertComplete(int count, long serial) {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertEquals(serial, db.currentSerial());
            assertEquals(count * 2L, db.size());
            for (int i = 0; i < count; i++) {
                assertTrue(db.get(ObjectType.PERSON, "P" + i + "-TEST").isPresent(), "P" + i);
                assertEquals(1, db.ranges(ObjectType.INETNUM, IpRange.parse("10." + i + ".0.7").orElseThrow(), RangeQuery.ALL_LESS).size());
            }
            assertEquals(2, db.history(ObjectType.PERSON, "P0-TEST").size());
            assertEquals(List.of("P0-TEST"), PersistentDatabaseTest.keys(db.lookup("renamed", ALL)));
            long expected = (count + 2) / 3 * 2; // objects with mnt-by M0-MNT
            assertEquals(expected, db.inverse("mnt-by", "M0-MNT", ALL).size());
        }
    }

    @Test
    void aMissingStoreIsRebuiltFromTheJournal() throws IOException {
        fill(0, 20);
        MapStore.delete(dir);
        assertComplete(20, 41);
    }

    @Test
    void aGarbledStoreIsRebuilt() throws IOException {
        fill(0, 20);
        Path store = dir.resolve(MapStore.FILE);
        byte[] bytes = Files.readAllBytes(store);
        for (int i = 0; i < bytes.length; i += 7) {
            bytes[i] = (byte) (bytes[i] ^ 0x5A);
        }
        Files.write(store, bytes);
        assertComplete(20, 41);
    }

    @Test
    void aStoreOfAnOlderFormatIsRebuilt() {
        fill(0, 20);
        try (org.mapdb.DB db = org.mapdb.DBMaker.fileDB(dir.resolve(MapStore.FILE).toFile()).fileMmapEnableIfSupported()
                .transactionEnable().make()) {
            db.treeMap("meta", org.mapdb.Serializer.STRING, org.mapdb.Serializer.LONG).open().put("format", MapStore.FORMAT - 1);
            db.commit();
        }
        assertComplete(20, 41);
        try (org.mapdb.DB db = org.mapdb.DBMaker.fileDB(dir.resolve(MapStore.FILE).toFile()).fileMmapEnableIfSupported()
                .transactionEnable().make()) {
            assertEquals(MapStore.FORMAT, db.treeMap("meta", org.mapdb.Serializer.STRING, org.mapdb.Serializer.LONG).open().get("format"),
                    "the store was rebuilt in the current format");
        }
    }

    @Test
    void aStoreIsRebuiltFromTheSnapshotPlusTheJournalAfterIt() throws IOException {
        fill(0, 10);
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            db.snapshot();
        }
        fill(10, 20);
        MapStore.delete(dir);
        assertComplete(20, 41);
        try (Stream<Path> segments = Files.list(dir.resolve("journal"))) {
            assertEquals(2, segments.count(), "a snapshot starts a new journal segment");
        }
    }

    @Test
    void aRunningDatabaseWritesSnapshotsOnATimerSoRecoveryNeedsOnlyTheJournalAfterTheLast() throws Exception {
        System.setProperty(Maintenance.SNAPSHOT_INTERVAL_PROPERTY, "50");
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            for (int i = 0; i < 10; i++) {
                db.commit(List.of(Change.create(Objects.person("Person " + i, "P" + i + "-TEST", "M" + (i % 3) + "-MNT")),
                        Change.create(Objects.inetnum("10." + i + ".0.0 - 10." + i + ".0.255", "NET-" + i, "M" + (i % 3) + "-MNT"))));
            }
            awaitSnapshot(20);
            db.commit(List.of(Change.modify(Objects.person("Person 0 renamed", "P0-TEST", "M0-MNT"))));
            awaitSnapshot(21);
            for (int i = 10; i < 20; i++) {
                db.commit(List.of(Change.create(Objects.person("Person " + i, "P" + i + "-TEST", "M" + (i % 3) + "-MNT")),
                        Change.create(Objects.inetnum("10." + i + ".0.0 - 10." + i + ".0.255", "NET-" + i, "M" + (i % 3) + "-MNT"))));
            }
            awaitSnapshot(41);
        } finally {
            System.clearProperty(Maintenance.SNAPSHOT_INTERVAL_PROPERTY);
        }
        try (Stream<Path> s = Files.list(dir.resolve("snapshots"))) {
            assertEquals(List.of(String.format("%020d.snap", 41)), s.map(p -> p.getFileName().toString()).toList(), "older snapshots removed");
        }
        // the store and every journal segment older than the last snapshot are lost: nothing is missing
        MapStore.delete(dir);
        List<Path> segments;
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            segments = s.sorted().toList();
        }
        for (Path old : segments.subList(0, segments.size() - 1)) {
            Files.delete(old);
        }
        assertComplete(20, 41);
    }

    private void awaitSnapshot(long serial) throws InterruptedException {
        Path file = dir.resolve("snapshots").resolve(String.format("%020d.snap", serial));
        for (int i = 0; i < 600 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "no snapshot at serial " + serial + " after 30 s");
    }

    @Test
    void aStoreAheadOfItsJournalIsNeverThrownAway() throws IOException {
        fill(0, 3);
        delete(dir.resolve("journal"));
        StorageException e = org.junit.jupiter.api.Assertions.assertThrows(StorageException.class, () -> PersistentDatabase.open(dir, "TEST"));
        assertTrue(e.getMessage().contains("journal files are missing"), e.getMessage());
        assertTrue(Files.exists(dir.resolve(MapStore.FILE)), "the store is left as it was");
    }

    @Test
    void aTornJournalTailIsCutOff() throws IOException {
        fill(0, 5);
        Path segment;
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            segment = s.max(Comparator.naturalOrder()).orElseThrow();
        }
        Files.write(segment, new byte[] {0x57, 0x4A, 0x52, 0x31, 0, 0, 1, 0, 1, 2, 3}, StandardOpenOption.APPEND);
        assertComplete(5, 11);
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertEquals(12, db.commit(List.of(Change.create(Objects.person("After", "AF1-TEST", "M-MNT")))).firstSerial());
        }
    }

    @Test
    void aLostIndexIsRebuiltAndAStaleOneCatchesUp() throws IOException {
        fill(0, 10);
        Path index = dir.resolve("index");
        Path saved = dir.resolveSibling(dir.getFileName() + "-index-copy");
        copy(index, saved);
        fill(10, 20);
        // the index as it was at serial 21 while the store is at 41: catch up from the journal
        delete(index);
        copy(saved, index);
        assertComplete(20, 41);
        delete(index);
        assertComplete(20, 41);
        delete(saved);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("write.lock")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    private static void delete(Path d) throws IOException {
        try (Stream<Path> files = Files.walk(d)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
