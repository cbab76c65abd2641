package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WritesRefusedException;
import net.whoisd.storage.index.LuceneIndex;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database on a real file system that fills up: every commit is either acknowledged and
 * complete after a restart, or refused and absent everywhere, journal included; ids are never
 * given twice; commits are refused with a clear reason while the disk is full, reads go on, and
 * commits are taken again by themselves once space is freed.
 */
@Tag("slow")
class DiskFullTest {
    private static final long MB = 1L << 20;

    @TempDir
    Path tmp;

    /** Each seed leaves a different amount of room, so the disk runs out in the journal, the store or the index. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void everyCommitIsCompleteOrAbsentAndWritesResumeWhenSpaceReturns(int seed) throws Exception {
        Random random = new Random(seed);
        Map<String, RpslObject> acknowledged = new HashMap<>();
        List<String> refused = new ArrayList<>();
        try (TmpfsMount fs = TmpfsMount.mount(tmp.resolve("mnt"), 40)) {
            Path data = fs.dir().resolve("data");
            int n = 0;
            try (PersistentDatabase db = PersistentDatabase.open(data, "TEST", LuceneIndex.RefreshPolicy.DEFAULT, 8 * MB, 0)) {
                for (; n < 20; n++) {
                    commit(db, n, random, acknowledged, refused);
                }
                assertTrue(refused.isEmpty(), "commits refused before the disk filled: " + refused);
                Path filler = fs.fill("filler", random.nextInt(2 * 1024 * 1024));
                int refusedBefore = refused.size();
                for (int i = 0; i < 60; i++, n++) {
                    commit(db, n, random, acknowledged, refused);
                }
                assertTrue(refused.size() > refusedBefore, "no commit was refused on a full disk");
                // reads go on while the disk is full
                for (String key : acknowledged.keySet()) {
                    assertTrue(db.get(ObjectType.PERSON, key).isPresent(), key + " unreadable while the disk is full");
                }
                Files.delete(filler);
                int refusedAfterFreeing = refused.size();
                for (int i = 0; i < 20; i++, n++) {
                    commit(db, n, random, acknowledged, refused);
                }
                assertEquals(refusedAfterFreeing, refused.size(), "commits still refused after space was freed: "
                        + refused.subList(refusedAfterFreeing, refused.size()));
                assertTrue(db.writesRefused().isEmpty(), "writes still marked refused: " + db.writesRefused());
                assertHolds(db, acknowledged, refused);
            }
            try (PersistentDatabase db = PersistentDatabase.open(data, "TEST", LuceneIndex.RefreshPolicy.DEFAULT, 8 * MB, 0)) {
                assertHolds(db, acknowledged, refused);
                assertEquals(acknowledged.size(), db.currentSerial(), "the journal holds exactly the acknowledged changes");
            }
            long takenBack = refused.stream().filter(r -> r.contains("nothing was changed")).count();
            System.out.println("disk full, seed " + seed + ": " + refused.size() + " commits refused (" + takenBack
                    + " taken back after their journal write), " + acknowledged.size() + " acknowledged and all present after a restart");
        }
    }

    /** With a minimum of free space configured, commits are refused before anything is written, with the reason. */
    @ParameterizedTest
    @ValueSource(ints = {1})
    void belowTheMinimumFreeSpaceCommitsAreRefusedUpFrontWithTheReason(int seed) throws Exception {
        try (TmpfsMount fs = TmpfsMount.mount(tmp.resolve("mnt"), 24)) {
            Path data = fs.dir().resolve("data");
            Map<String, RpslObject> acknowledged = new HashMap<>();
            List<String> refused = new ArrayList<>();
            try (PersistentDatabase db = PersistentDatabase.open(data, "TEST", LuceneIndex.RefreshPolicy.DEFAULT, 2 * MB, 4 * MB)) {
                commit(db, 0, new Random(seed), acknowledged, refused);
                Path filler = fs.fill("filler", 3 * MB);
                long serial = db.currentSerial();
                WritesRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(WritesRefusedException.class,
                        () -> db.commit(List.of(Change.create(Objects.person("Late", "LT1-TEST", "TEST-MNT")))));
                assertTrue(e.getMessage().contains("is full"), e.getMessage());
                assertEquals(serial, db.currentSerial());
                assertTrue(db.writesRefused().isPresent());
                Files.delete(filler);
                db.commit(List.of(Change.create(Objects.person("Late", "LT1-TEST", "TEST-MNT"))));
                assertTrue(db.get(ObjectType.PERSON, "LT1-TEST").isPresent());
                assertFalse(db.writesRefused().isPresent());
            }
        }
    }

    private static void commit(PersistentDatabase db, int n, Random random, Map<String, RpslObject> acknowledged, List<String> refused) {
        String key = "DF" + n + "-TEST";
        StringBuilder text = new StringBuilder(Objects.person("Disk Full " + n, key, "TEST-MNT").toText());
        int remarks = 1 + random.nextInt(random.nextBoolean() ? 200 : 8000); // up to 500 KB: past the store's slack
        text.insert(text.indexOf("nic-hdl:"), ("remarks:        filler text to make the object larger " + n + "\n").repeat(remarks));
        RpslObject object = RpslObject.parse(text.toString());
        try {
            db.commit(List.of(Change.create(object)));
            acknowledged.put(key, object);
        } catch (StorageException e) {
            refused.add(key + " (" + e.getMessage() + ")");
        }
    }

    private static void assertHolds(PersistentDatabase db, Map<String, RpslObject> acknowledged, List<String> refused) {
        for (Map.Entry<String, RpslObject> e : acknowledged.entrySet()) {
            assertEquals(e.getValue(), db.get(ObjectType.PERSON, e.getKey()).map(StoredObject::object).orElse(null),
                    e.getKey() + " was acknowledged");
            assertEquals(1, db.lookup(e.getKey(), java.util.EnumSet.of(ObjectType.PERSON)).size(), e.getKey() + " in the index once");
        }
        for (String refusal : refused) {
            String key = refusal.substring(0, refusal.indexOf(' '));
            assertTrue(db.get(ObjectType.PERSON, key).isEmpty(), key + " was refused but is stored");
            assertTrue(db.lookup(key, java.util.EnumSet.of(ObjectType.PERSON)).isEmpty(), key + " was refused but is indexed");
        }
        Map<Long, String> ids = new HashMap<>();
        long[] count = {0};
        db.forEach(o -> {
            count[0]++;
            String other = ids.put(o.id(), o.key().key());
            assertEquals(null, other, "id " + o.id() + " held by " + other + " and " + o.key().key());
        });
        assertEquals(acknowledged.size(), count[0], "objects stored");
    }
}
