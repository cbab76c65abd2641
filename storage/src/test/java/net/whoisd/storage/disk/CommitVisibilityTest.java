package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.ObjectVersion;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers running beside commits see each commit whole or not at all: every commit moves a group
 * of persons and of inetnums to the next generation together (and creates one more person), while
 * readers ask for the whole group in one call (an inverse search, a range query) and for single
 * objects, serials and history. The store's writes no longer happen under the readers' lock, so
 * this is what stops a reader from meeting a commit half written.
 */
@Tag("slow")
class CommitVisibilityTest {
    private static final int GROUP = 40;
    private static final int COMMITS = 150;

    @TempDir
    Path dir;

    @Test
    void readersSeeEveryCommitWholeOrNotAtAll() throws Exception {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            List<Change> first = new ArrayList<>();
            first.add(Change.create(RpslObject.parse("inetnum: 10.0.0.0 - 10.255.255.255\nnetname: TOP\nremarks: top\nsource: TEST\n")));
            for (int i = 0; i < GROUP; i++) {
                first.add(Change.create(person(i, 0)));
                first.add(Change.create(inetnum(i, 0)));
            }
            db.commit(first);

            AtomicBoolean done = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int reader = r;
                Thread t = new Thread(() -> {
                    while (!done.get() && problems.size() < 10) {
                        try {
                            check(db, reader, problems);
                            reads.incrementAndGet();
                        } catch (RuntimeException e) {
                            problems.add(e.toString());
                        }
                    }
                });
                t.start();
                readers.add(t);
            }
            for (int generation = 1; generation <= COMMITS; generation++) {
                List<Change> changes = new ArrayList<>();
                for (int i = 0; i < GROUP; i++) {
                    changes.add(Change.modify(person(i, generation)));
                    changes.add(Change.modify(inetnum(i, generation)));
                }
                changes.add(Change.create(RpslObject.parse("person: Extra " + generation + "\nnic-hdl: EX" + generation
                        + "-TEST\nmnt-by: GEN-MNT\nremarks: generation " + generation + "\nsource: TEST\n")));
                db.commit(changes);
            }
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            assertTrue(reads.get() > 0);
            assertEquals(1 + 2 * GROUP + COMMITS, db.size());
        }
    }

    /** One reader's look: each single call must show one generation only. */
    private static void check(PersistentDatabase db, int reader, ConcurrentLinkedQueue<String> problems) {
        switch (reader) {
            case 0 -> {
                List<StoredObject> persons = db.inverse("mnt-by", "GEN-MNT", Set.of(ObjectType.PERSON));
                Set<Integer> generations = new TreeSet<>();
                int extras = 0;
                for (StoredObject s : persons) {
                    if (s.object().classValue().startsWith("Extra")) {
                        extras++;
                    } else {
                        generations.add(generation(s.object()));
                    }
                }
                if (generations.size() != 1) {
                    problems.add("an inverse search mixed generations " + generations);
                } else if (persons.size() - extras != GROUP || extras != generations.iterator().next()) {
                    problems.add("an inverse search at generation " + generations + " found " + extras + " extras of "
                            + persons.size());
                }
            }
            case 1 -> {
                List<StoredObject> nets = db.ranges(ObjectType.INETNUM, IpRange.parse("10.0.0.0/8").orElseThrow(), RangeQuery.ALL_MORE);
                Set<Integer> generations = new TreeSet<>();
                for (StoredObject s : nets) {
                    generations.add(generation(s.object()));
                }
                if (generations.size() != 1 || nets.size() != GROUP) {
                    problems.add("a range query mixed generations " + generations + " in " + nets.size() + " objects");
                }
            }
            default -> {
                long serial = db.currentSerial();
                int newest = db.get(ObjectType.PERSON, "P" + (GROUP - 1) + "-TEST").map(s -> generation(s.object())).orElse(-1);
                // serial 1 + 2*GROUP is the first commit's last; each later commit adds 2*GROUP + 1 changes
                long shownGeneration = (serial - (1 + 2 * GROUP)) / (2 * GROUP + 1);
                if (newest < shownGeneration) {
                    problems.add("serial " + serial + " shown before its objects (generation " + newest + ")");
                }
                List<ObjectVersion> history = db.history(ObjectType.PERSON, "P0-TEST");
                if (!history.isEmpty() && generation(history.get(history.size() - 1).object()) != history.size() - 1) {
                    problems.add("the newest of " + history.size() + " versions is generation "
                            + generation(history.get(history.size() - 1).object()));
                }
            }
        }
    }

    private static int generation(RpslObject o) {
        String remarks = o.values("remarks").get(0);
        return Integer.parseInt(remarks.substring(remarks.lastIndexOf(' ') + 1));
    }

    private static RpslObject person(int i, int generation) {
        return RpslObject.parse("person: Person " + i + "\nnic-hdl: P" + i + "-TEST\nmnt-by: GEN-MNT\nremarks: generation "
                + generation + "\nsource: TEST\n");
    }

    private static RpslObject inetnum(int i, int generation) {
        return RpslObject.parse("inetnum: 10.0." + i + ".0 - 10.0." + i + ".255\nnetname: NET-" + i + "\nremarks: generation "
                + generation + "\nsource: TEST\n");
    }
}
