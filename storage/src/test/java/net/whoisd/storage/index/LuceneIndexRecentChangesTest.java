package net.whoisd.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live changes are searchable from the swap that shows them, answered from memory until a refresh
 * puts them into the Lucene reader; the answers are the same either way.
 */
class LuceneIndexRecentChangesTest {
    private static final LuceneIndex.RefreshPolicy NEVER = new LuceneIndex.RefreshPolicy(3_600_000, Integer.MAX_VALUE);
    private static final Set<ObjectType> ALL = Set.of();

    @TempDir
    Path dir;

    @Test
    void changesAreAnsweredFromMemoryFromTheSwapThatShowsThem() {
        try (LuceneIndex index = LuceneIndex.open(dir, false, NEVER)) {
            index.change(1, ObjectType.PERSON, person("John Smith", "JS1-TEST", "A-MNT", "corner office"), true);
            assertEquals(List.of(), index.lookup("JS1-TEST", ALL), "staged, not yet shown");
            index.swapPublished().run();
            assertEquals(1, index.recentChanges(), "answered from memory, no refresh");
            assertEquals(List.of(1L), index.lookup("js1-test", ALL));
            assertEquals(List.of(1L), index.lookup("  smith   JOHN ", ALL), "name words in any order");
            assertEquals(List.of(), index.lookup("John Smythe", ALL));
            assertEquals(List.of(1L), index.inverse("mnt-by", "a-mnt", ALL));
            assertEquals(List.of(), index.inverse("mnt-by", "a-mnt", EnumSet.of(ObjectType.ROLE)), "class filter");
            assertEquals(List.of(1L), index.fullText("Corner", ALL));

            index.change(1, ObjectType.PERSON, person("Jane Doe", "JS1-TEST", "B-MNT", "back office"), false);
            assertEquals(List.of(1L), index.lookup("john", ALL), "the older version until the swap");
            index.swapPublished().run();
            assertEquals(List.of(), index.lookup("john", ALL));
            assertEquals(List.of(1L), index.lookup("doe jane", ALL));
            assertEquals(List.of(), index.inverse("mnt-by", "A-MNT", ALL));
            assertEquals(List.of(1L), index.inverse("mnt-by", "B-MNT", EnumSet.of(ObjectType.PERSON)));
            assertEquals(List.of(), index.fullText("corner", ALL));
            assertEquals(List.of(1L), index.fullText("back office", ALL));
        }
    }

    @Test
    void aChangeOfWhatTheReaderHoldsOverridesTheReader() {
        try (LuceneIndex index = LuceneIndex.open(dir, false, NEVER)) {
            index.put(1, ObjectType.PERSON, person("John Smith", "JS1-TEST", "A-MNT", "corner office"));
            index.put(2, ObjectType.PERSON, person("Mary Smith", "MS2-TEST", "A-MNT", "corner office"));
            index.refresh();
            assertEquals(List.of(1L, 2L), index.inverse("mnt-by", "A-MNT", ALL));

            index.change(1, ObjectType.PERSON, null, false);
            index.change(2, ObjectType.PERSON, person("Mary Smith", "MS2-TEST", "B-MNT", "corner office"), false);
            index.change(3, ObjectType.PERSON, person("Kim Smith", "KS3-TEST", "A-MNT", "corner office"), true);
            index.swapPublished().run();
            assertEquals(List.of(3L), index.inverse("mnt-by", "A-MNT", ALL), "1 deleted, 2 moved, 3 new");
            assertEquals(List.of(2L), index.inverse("mnt-by", "B-MNT", ALL));
            assertEquals(List.of(2L, 3L), index.lookup("smith", ALL));
            assertEquals(List.of(2L, 3L), index.fullText("corner", ALL));
            assertEquals(List.of(), index.lookup("JS1-TEST", ALL));
        }
    }

    @Test
    void aRefreshPutsTheChangesIntoTheReaderWithTheSameAnswers() {
        try (LuceneIndex index = LuceneIndex.open(dir, false, new LuceneIndex.RefreshPolicy(3_600_000, 2))) {
            index.change(1, ObjectType.PERSON, person("John Smith", "JS1-TEST", "A-MNT", "corner office"), true);
            assertFalse(index.refreshIfDue(), "one object waiting, two make a refresh");
            index.swapPublished().run();
            index.change(2, ObjectType.PERSON, person("Mary Smith", "MS2-TEST", "A-MNT", "corner office"), true);
            assertTrue(index.refreshIfDue());
            assertEquals(List.of(1L), index.lookup("smith", ALL), "the refreshed reader is not shown before the swap");
            index.swapPublished().run();
            assertEquals(0, index.recentChanges(), "the reader holds them all");
            assertEquals(List.of(1L, 2L), index.lookup("smith", ALL));
            assertEquals(List.of(1L, 2L), index.inverse("mnt-by", "A-MNT", ALL));
        }
    }

    private static RpslObject person(String name, String handle, String mntner, String remarks) {
        return RpslObject.parse("person: " + name + "\naddress: Street 1\nphone: +31 20 000 0000\nremarks: " + remarks
                + "\nnic-hdl: " + handle + "\nmnt-by: " + mntner + "\nsource: TEST\n");
    }
}
