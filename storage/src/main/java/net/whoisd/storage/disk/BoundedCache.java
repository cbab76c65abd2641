package net.whoisd.storage.disk;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A concurrent map with a size bound for read caches. When it grows past the bound, one thread
 * drops an eighth of the entries (in hash order, so effectively at random) instead of clearing it
 * all: a hot working set survives, and no reader ever waits for the eviction.
 */
final class BoundedCache<K, V> {
    private final ConcurrentHashMap<K, V> map;
    private final int limit;
    private final ReentrantLock evicting = new ReentrantLock();

    BoundedCache(int limit) {
        this.limit = Math.max(16, limit);
        this.map = new ConcurrentHashMap<>(Math.min(this.limit, 1 << 16));
    }

    V get(K key) {
        return map.get(key);
    }

    void put(K key, V value) {
        map.put(key, value);
        if (map.size() > limit && evicting.tryLock()) {
            try {
                int drop = map.size() - limit + limit / 8;
                Iterator<K> it = map.keySet().iterator();
                while (drop-- > 0 && it.hasNext()) {
                    it.next();
                    it.remove();
                }
            } finally {
                evicting.unlock();
            }
        }
    }

    void remove(K key) {
        map.remove(key);
    }

    void clear() {
        map.clear();
    }

    int size() {
        return map.size();
    }
}
