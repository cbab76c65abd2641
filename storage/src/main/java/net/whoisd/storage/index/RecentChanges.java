package net.whoisd.storage.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;

/**
 * The objects changed since the published Lucene reader was opened, searchable from memory, so that
 * a commit is searchable the moment it is shown without a Lucene refresh of its own (a segment
 * flush, a reader opened, later merges: most of a single-object commit's CPU). The index refreshes
 * its reader now and then and starts a new, empty set of recent changes with it.
 *
 * <p>Each change is staged with the generation in which it becomes visible; a search sees the
 * versions of its own generation or older and ignores newer ones still being staged, so the one
 * writer adds entries while searches run without a lock. For an id held here, the newest version a
 * search may see decides: the search drops the reader's hit for that id and matches the version in
 * memory instead.
 */
final class RecentChanges {
    /** A version of an object as a search matches it; {@code object == null}: deleted. */
    private record Version(long generation, ObjectType type, RpslObject object, Set<String> lookups, Set<String> words,
                           Set<String> inverses, Version older) {
        Version visibleAt(long generation) {
            Version v = this;
            while (v != null && v.generation > generation) {
                v = v.older;
            }
            return v;
        }
    }

    private final ConcurrentHashMap<Long, Version> versions = new ConcurrentHashMap<>();
    // term -> ids of every version staged with it (candidates: the visible version is checked)
    private final ConcurrentHashMap<String, Set<Long>> byLookup = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Long>> byWord = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Long>> byInverse = new ConcurrentHashMap<>();

    /** Number of objects changed (the writer's measure of when to refresh). */
    int size() {
        return versions.size();
    }

    boolean isEmpty() {
        return versions.isEmpty();
    }

    /** Records the version an object has from {@code generation} on; null for a deletion. Writer only. */
    void stage(long id, ObjectType type, RpslObject object, long generation) {
        Set<String> lookups = new HashSet<>();
        Set<String> words = new HashSet<>();
        Set<String> inverses = new HashSet<>();
        if (object != null) {
            IndexedFields.keyTerms(type, object, new IndexedFields.KeyTermSink() {
                @Override
                public void lookup(String term) {
                    lookups.add(term);
                }

                @Override
                public void word(String term) {
                    words.add(term);
                }

                @Override
                public void inverse(String attribute, String term) {
                    inverses.add(inverseKey(attribute, term));
                }
            });
        }
        // the terms first: a search that finds the new version by id also finds it by its terms
        addAll(byLookup, lookups, id);
        addAll(byWord, words, id);
        addAll(byInverse, inverses, id);
        versions.put(id, new Version(generation, type, object, lookups, words, inverses, versions.get(id)));
    }

    private static void addAll(ConcurrentHashMap<String, Set<Long>> map, Set<String> terms, long id) {
        for (String term : terms) {
            map.computeIfAbsent(term, t -> ConcurrentHashMap.newKeySet()).add(id);
        }
    }

    /** A lookup's answer: the index's ids as of its reader, corrected by the changes visible at {@code generation}. */
    List<Long> lookup(List<Long> indexed, String key, List<String> words, Set<ObjectType> types, long generation) {
        Set<Long> candidates = new LinkedHashSet<>(ids(byLookup, key));
        if (!words.isEmpty()) {
            candidates.addAll(ids(byWord, words.get(0)));
        }
        return merge(indexed, candidates, generation, types,
                v -> v.lookups.contains(key) || !words.isEmpty() && v.words.containsAll(words));
    }

    /** An inverse search's answer, corrected likewise. */
    List<Long> inverse(List<Long> indexed, String attribute, String value, Set<ObjectType> types, long generation) {
        String term = inverseKey(attribute, value);
        return merge(indexed, ids(byInverse, term), generation, types, v -> v.inverses.contains(term));
    }

    /** A full-text search's answer, corrected likewise: {@code holdsWords} tells whether an object's text holds the query's words. */
    List<Long> fullText(List<Long> indexed, Set<ObjectType> types, long generation, Predicate<RpslObject> holdsWords) {
        return merge(indexed, versions.keySet(), generation, types, v -> holdsWords.test(v.object));
    }

    private List<Long> merge(List<Long> indexed, Set<Long> candidates, long generation, Set<ObjectType> types, Predicate<Version> matches) {
        List<Long> out = new ArrayList<>(indexed.size() + candidates.size());
        for (long id : indexed) {
            if (visible(id, generation) == null) { // not changed since the reader opened: the index is right
                out.add(id);
            }
        }
        for (long id : candidates) {
            Version v = visible(id, generation);
            if (v != null && v.object != null && typeAllowed(v.type, types) && matches.test(v)) {
                out.add(id);
            }
        }
        return out;
    }

    private Version visible(long id, long generation) {
        Version newest = versions.get(id);
        return newest == null ? null : newest.visibleAt(generation);
    }

    private static Set<Long> ids(ConcurrentHashMap<String, Set<Long>> map, String term) {
        Set<Long> ids = map.get(term);
        return ids == null ? Set.of() : ids;
    }

    private static boolean typeAllowed(ObjectType type, Set<ObjectType> types) {
        return LuceneIndex.allTypes(types) || types.contains(type);
    }

    private static String inverseKey(String attribute, String term) {
        return attribute + '\u0000' + term;
    }
}
