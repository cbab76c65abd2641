package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    @Test
    void staysWithinItsBoundWithoutForgettingEverything() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(1000);
        for (int i = 0; i < 10_000; i++) {
            cache.put(i, "v" + i);
            assertTrue(cache.size() <= 1000, "size " + cache.size() + " after " + i);
        }
        assertTrue(cache.size() >= 800, "an eviction drops a slice, not the whole cache: " + cache.size());
        assertEquals("v9999", cache.get(9999));
        cache.remove(9999);
        assertNull(cache.get(9999));
        cache.clear();
        assertEquals(0, cache.size());
    }
}
