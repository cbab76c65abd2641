package net.whoisd.storage.index;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;

/**
 * The answers of {@link LuceneIndex#lookup} and {@link LuceneIndex#inverse}, kept until a change
 * can alter them. A commit calls {@link #invalidate} with every version of every object it touches
 * (before and after), and only the answers that version's index terms could appear in are dropped,
 * so the rest of the cache survives a stream of updates.
 *
 * <p>Answers are grouped in buckets by what makes them depend on an object:
 * <ul>
 * <li>a lookup by the first word of its key: an object is in the answer of a lookup only if one of
 *     its lookup terms equals the key (so the term's first word is the key's first word) or its name
 *     words hold every word of the key (the key's first word among them);</li>
 * <li>an inverse search by its attribute and value: only an object holding that very term is in it.</li>
 * </ul>
 * The terms of an object come from {@link IndexedFields#keyTerms}, which walks the same per-class
 * roles as the document the index holds. Thread safety: lookups and puts run concurrently (under the
 * database's read lock); {@link #invalidate} and {@link #clear} run while no search runs (under its
 * write lock), so an answer computed from the index before a change is never put after it.
 */
public final class SearchCache {
    /** Answers longer than this are not kept (an inverse lookup of a big maintainer). */
    public static final int MAX_IDS = 256;
    /** Answers one bucket keeps (a first word shared by many different keys). */
    private static final int BUCKET_LIMIT = 64;

    private record LookupKey(String key, long types) {
    }

    private record InverseKey(String attribute, String value) {
    }

    private final ConcurrentHashMap<String, ConcurrentHashMap<LookupKey, List<Long>>> lookups;
    private final ConcurrentHashMap<InverseKey, ConcurrentHashMap<Long, List<Long>>> inverses;
    private final AtomicInteger size = new AtomicInteger();
    private final int limit;
    private final ReentrantLock evicting = new ReentrantLock();

    public SearchCache(int limit) {
        this.limit = Math.max(16, limit);
        this.lookups = new ConcurrentHashMap<>(Math.min(this.limit, 1 << 16));
        this.inverses = new ConcurrentHashMap<>(Math.min(this.limit, 1 << 16));
    }

    /** The cached answer of {@code lookup(searchKey, types)}, or null. */
    public List<Long> lookup(String searchKey, Set<ObjectType> types) {
        String key = normalise(searchKey);
        ConcurrentHashMap<LookupKey, List<Long>> bucket = lookups.get(firstWord(key));
        return bucket == null ? null : bucket.get(new LookupKey(key, mask(types)));
    }

    /** Keeps the answer of {@code lookup(searchKey, types)}; returns it as kept (immutable) or as given. */
    public List<Long> putLookup(String searchKey, Set<ObjectType> types, List<Long> ids) {
        if (ids.size() > MAX_IDS) {
            return ids;
        }
        String key = normalise(searchKey);
        ConcurrentHashMap<LookupKey, List<Long>> bucket = lookups.computeIfAbsent(firstWord(key), k -> new ConcurrentHashMap<>(4));
        List<Long> kept = List.copyOf(ids);
        if (bucket.size() < BUCKET_LIMIT && bucket.put(new LookupKey(key, mask(types)), kept) == null) {
            grown();
        }
        return kept;
    }

    /** The cached answer of {@code inverse(attribute, value, types)}, or null. */
    public List<Long> inverse(String attribute, String value, Set<ObjectType> types) {
        ConcurrentHashMap<Long, List<Long>> bucket = inverses.get(new InverseKey(normalise(attribute), normalise(value)));
        return bucket == null ? null : bucket.get(mask(types));
    }

    /** Keeps the answer of {@code inverse(attribute, value, types)}; returns it as kept (immutable) or as given. */
    public List<Long> putInverse(String attribute, String value, Set<ObjectType> types, List<Long> ids) {
        if (ids.size() > MAX_IDS) {
            return ids;
        }
        ConcurrentHashMap<Long, List<Long>> bucket = inverses.computeIfAbsent(
                new InverseKey(normalise(attribute), normalise(value)), k -> new ConcurrentHashMap<>(2));
        List<Long> kept = List.copyOf(ids);
        if (bucket.size() < BUCKET_LIMIT && bucket.put(mask(types), kept) == null) {
            grown();
        }
        return kept;
    }

    /**
     * Drops every answer this version of an object could be in or could have been in: called for the
     * version before and the version after each change, before the change is shown to searches.
     */
    public void invalidate(ObjectType type, RpslObject object) {
        IndexedFields.keyTerms(type, object, new IndexedFields.KeyTermSink() {
            @Override
            public void lookup(String term) {
                drop(lookups.remove(firstWord(term)));
            }

            @Override
            public void word(String term) {
                drop(lookups.remove(term));
            }

            @Override
            public void inverse(String attribute, String term) {
                drop(inverses.remove(new InverseKey(attribute, term)));
            }
        });
    }

    /** Drops every answer (the whole index changed). */
    public void clear() {
        lookups.clear();
        inverses.clear();
        size.set(0);
    }

    /** Answers kept (approximate while searches run). */
    public int size() {
        return Math.max(0, size.get());
    }

    private void drop(ConcurrentHashMap<?, ?> bucket) {
        if (bucket != null) {
            size.addAndGet(-bucket.size());
        }
    }

    /** Counts a new answer; past the limit one thread drops buckets (in hash order: effectively at random). */
    private void grown() {
        if (size.incrementAndGet() > limit && evicting.tryLock()) {
            try {
                // recount first: a put into a bucket that another thread was dropping counted an answer not kept
                size.set(count(lookups.values()) + count(inverses.values()));
                int target = limit - limit / 8;
                evict(lookups.values().iterator(), target);
                evict(inverses.values().iterator(), target);
            } finally {
                evicting.unlock();
            }
        }
    }

    private static int count(Iterable<? extends ConcurrentHashMap<?, ?>> buckets) {
        int n = 0;
        for (ConcurrentHashMap<?, ?> bucket : buckets) {
            n += bucket.size();
        }
        return n;
    }

    private void evict(Iterator<? extends ConcurrentHashMap<?, ?>> it, int target) {
        while (size.get() > target && it.hasNext()) {
            ConcurrentHashMap<?, ?> bucket = it.next();
            it.remove();
            size.addAndGet(-bucket.size());
        }
    }

    /** The key as the index matches it: trimmed, lower case. */
    private static String normalise(String s) {
        return IndexedFields.lower(s.trim());
    }

    /** The first white-space separated word of an already normalised key (empty for an empty key). */
    private static String firstWord(String normalised) {
        List<String> words = IndexedFields.words(normalised);
        return words.isEmpty() ? "" : words.get(0);
    }

    private static long mask(Set<ObjectType> types) {
        long mask = 0;
        if (types != null) {
            for (ObjectType t : types) {
                mask |= 1L << t.ordinal();
            }
        }
        return mask;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SearchCache[%d answers]", size());
    }
}
