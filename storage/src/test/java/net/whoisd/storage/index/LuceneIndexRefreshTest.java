package net.whoisd.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refresh in two steps: the slow one opens the reader, searches see the change only when it is published. */
class LuceneIndexRefreshTest {
    @TempDir
    Path dir;

    @Test
    void changesAreSearchableOnlyOncePublished() {
        try (LuceneIndex index = LuceneIndex.open(dir, false)) {
            index.put(1, ObjectType.PERSON, person("AA1-TEST"));
            index.refresh();
            assertEquals(List.of(1L), index.lookup("AA1-TEST", Set.of()));

            index.put(2, ObjectType.PERSON, person("BB2-TEST"));
            index.prepareRefresh();
            assertEquals(List.of(), index.lookup("BB2-TEST", Set.of()), "prepared, not yet published");
            assertEquals(List.of(1L), index.lookup("AA1-TEST", Set.of()));
            index.publish();
            assertEquals(List.of(2L), index.lookup("BB2-TEST", Set.of()));

            index.remove(1);
            index.prepareRefresh();
            assertEquals(List.of(1L), index.lookup("AA1-TEST", Set.of()), "a removal, too, waits for publish");
            index.publish();
            assertEquals(List.of(), index.lookup("AA1-TEST", Set.of()));
        }
    }

    private static RpslObject person(String handle) {
        return RpslObject.parse("person: Some Person\naddress: Street 1\nphone: +31 20 000 0000\nnic-hdl: " + handle
                + "\nmnt-by: TEST-MNT\nsource: TEST\n");
    }
}
