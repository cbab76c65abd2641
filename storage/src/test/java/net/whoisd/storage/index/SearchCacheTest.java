package net.whoisd.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;

class SearchCacheTest {
    private static final RpslObject ANN = RpslObject.parse("person: Ann Smith\ne-mail: ann@example.net\nnic-hdl: AS1-TEST\nmnt-by: A-MNT\nsource: TEST\n");
    private static final RpslObject BOB = RpslObject.parse("person: Bob Jones\ne-mail: bob@example.net\nnic-hdl: BJ1-TEST\nmnt-by: B-MNT\nsource: TEST\n");

    @Test
    void anAnswerSurvivesTheChangeOfAnObjectThatCannotBeInIt() {
        SearchCache cache = new SearchCache(1000);
        cache.putLookup("Bob Jones", null, List.of(2L));
        cache.putInverse("mnt-by", "B-MNT", Set.of(ObjectType.PERSON), List.of(2L));
        cache.invalidate(ObjectType.PERSON, ANN);
        assertEquals(List.of(2L), cache.lookup(" bob jones ", null));
        assertEquals(List.of(2L), cache.inverse("MNT-BY", "b-mnt", Set.of(ObjectType.PERSON)));
        assertEquals(2, cache.size());
    }

    @Test
    void anAnswerIsDroppedByTheChangeOfAnObjectThatCouldBeInIt() {
        SearchCache cache = new SearchCache(1000);
        cache.putLookup("jones", null, List.of());          // a word of the name
        cache.putLookup("BOB@example.net", null, List.of()); // a lookup key
        cache.putLookup("bj1-test", Set.of(ObjectType.ROLE), List.of()); // any class mask
        cache.putInverse("mnt-by", "b-mnt", null, List.of());
        cache.putLookup("Ann", null, List.of(1L));
        cache.invalidate(ObjectType.PERSON, BOB);
        assertNull(cache.lookup("jones", null));
        assertNull(cache.lookup("bob@example.net", null));
        assertNull(cache.lookup("BJ1-TEST", Set.of(ObjectType.ROLE)));
        assertNull(cache.inverse("mnt-by", "B-MNT", null));
        assertEquals(List.of(1L), cache.lookup("ann", null));
    }

    @Test
    void staysWithinItsBound() {
        SearchCache cache = new SearchCache(100);
        for (int i = 0; i < 1000; i++) {
            cache.putLookup("key" + i, null, List.of((long) i));
            cache.putInverse("mnt-by", "m" + i, null, List.of((long) i));
        }
        assertTrue(cache.size() <= 100, "size " + cache.size());
    }
}
