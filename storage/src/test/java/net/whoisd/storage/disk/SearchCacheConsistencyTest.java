package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectTemplate;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.index.LuceneIndex;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The search cache survives commits but never answers from before one: random creates, modifies and
 * deletes of objects sharing names, words, e-mail addresses and maintainers, interleaved with
 * lookups and inverse searches that are asked again and again (so most are answered from the
 * cache), each compared with a brute-force answer over every object committed so far. Run with the
 * Lucene reader refreshed at every commit, every few objects (answers merged from the reader and
 * the recent changes in memory), and never (every change since the start answered from memory).
 */
@Tag("slow")
class SearchCacheConsistencyTest {
    private static final String[] WORDS = {"Ann", "Bob", "Smith", "Jones", "van", "Dijk"};
    private static final String[] MNTNERS = {"A-MNT", "B-MNT", "C-MNT"};
    private static final String[] EMAILS = {"one@example.net", "two@example.net", "three@example.net"};
    private static final Set<ObjectType> CLASSES = EnumSet.of(ObjectType.PERSON, ObjectType.ROLE, ObjectType.MNTNER);
    /** The name attributes a lookup matches word by word. */
    private static final Set<String> WORD_MATCHED = Set.of("person", "role");

    @TempDir
    Path dir;

    static Stream<Arguments> seeds() {
        List<LuceneIndex.RefreshPolicy> policies = List.of(LuceneIndex.RefreshPolicy.EVERY_CHANGE,
                new LuceneIndex.RefreshPolicy(3_600_000, 5), new LuceneIndex.RefreshPolicy(3_600_000, Integer.MAX_VALUE));
        return LongStream.range(1, 9).boxed().flatMap(seed -> policies.stream().map(p -> Arguments.of(seed, p)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void cachedAnswersAlwaysEqualTheBruteForceAnswer(long seed, LuceneIndex.RefreshPolicy refresh) {
        Random random = new Random(seed);
        Map<ObjectKey, RpslObject> committed = new LinkedHashMap<>();
        List<Query> queries = queries(random);
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST", refresh)) {
            int handle = 0;
            for (int step = 0; step < 120; step++) {
                List<Change> changes = new ArrayList<>();
                Map<ObjectKey, RpslObject> after = new LinkedHashMap<>(committed);
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    List<ObjectKey> existing = new ArrayList<>(after.keySet());
                    int op = existing.isEmpty() ? 0 : random.nextInt(3);
                    if (op == 0) {
                        RpslObject o = object(random, ++handle);
                        changes.add(Change.create(o));
                        after.put(ObjectKey.of(o), o);
                    } else {
                        ObjectKey key = existing.get(random.nextInt(existing.size()));
                        if (op == 1) {
                            RpslObject o = modified(random, after.get(key));
                            changes.add(Change.modify(o));
                            after.put(key, o);
                        } else {
                            changes.add(Change.delete(after.get(key)));
                            after.remove(key);
                        }
                    }
                }
                db.commit(changes);
                committed = after;
                for (int q = 0; q < 12; q++) {
                    Query query = queries.get(random.nextInt(queries.size()));
                    assertEquals(query.expected(committed.values()), query.actual(db),
                            "seed " + seed + " step " + step + ": " + query);
                }
            }
        }
    }

    private static RpslObject object(Random random, int handle) {
        String mnt = MNTNERS[random.nextInt(MNTNERS.length)];
        return switch (random.nextInt(3)) {
            case 0 -> RpslObject.parse("person: " + name(random) + "\ne-mail: " + EMAILS[random.nextInt(EMAILS.length)]
                    + "\nnic-hdl: H" + handle + "-TEST\nmnt-by: " + mnt + "\nsource: TEST\n");
            case 1 -> RpslObject.parse("role: " + name(random) + "\ne-mail: " + EMAILS[random.nextInt(EMAILS.length)]
                    + "\nadmin-c: H" + (1 + random.nextInt(handle)) + "-TEST\nnic-hdl: H" + handle
                    + "-TEST\nmnt-by: " + mnt + "\nsource: TEST\n");
            default -> RpslObject.parse("mntner: M" + handle + "-MNT\nadmin-c: H" + (1 + random.nextInt(handle))
                    + "-TEST\nupd-to: " + EMAILS[random.nextInt(EMAILS.length)] + "\nauth: MD5-PW x\nmnt-by: "
                    + mnt + ", " + MNTNERS[random.nextInt(MNTNERS.length)] + "\nsource: TEST\n");
        };
    }

    /** The same object (same key) with one of its searchable values changed. */
    private static RpslObject modified(Random random, RpslObject o) {
        String mnt = MNTNERS[random.nextInt(MNTNERS.length)];
        return switch (o.type().orElseThrow()) {
            case PERSON, ROLE -> random.nextBoolean()
                    ? o.with(o.type().orElseThrow().attributeName(), name(random))
                    : random.nextBoolean() ? o.with("mnt-by", mnt) : o.with("e-mail", EMAILS[random.nextInt(EMAILS.length)]);
            default -> random.nextBoolean() ? o.with("mnt-by", mnt) : o.with("upd-to", EMAILS[random.nextInt(EMAILS.length)]);
        };
    }

    private static String name(Random random) {
        int n = 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static List<Query> queries(Random random) {
        List<Query> out = new ArrayList<>();
        List<Set<ObjectType>> typeSets = List.of(EnumSet.allOf(ObjectType.class), EnumSet.of(ObjectType.PERSON),
                EnumSet.of(ObjectType.PERSON, ObjectType.ROLE), EnumSet.of(ObjectType.MNTNER));
        for (int i = 0; i < 40; i++) {
            Set<ObjectType> types = typeSets.get(random.nextInt(typeSets.size()));
            String key = switch (random.nextInt(4)) {
                case 0 -> name(random);
                case 1 -> "H" + (1 + random.nextInt(30)) + "-TEST";
                case 2 -> EMAILS[random.nextInt(EMAILS.length)];
                default -> "M" + (1 + random.nextInt(30)) + "-MNT";
            };
            key = random.nextBoolean() ? key.toUpperCase(Locale.ROOT) : " " + key.replace(" ", "  ") + " ";
            out.add(new Query(null, key, types));
        }
        String[] attributes = {"mnt-by", "admin-c", "upd-to"};
        for (int i = 0; i < 20; i++) {
            String attribute = attributes[random.nextInt(attributes.length)];
            String value = switch (attribute) {
                case "mnt-by" -> MNTNERS[random.nextInt(MNTNERS.length)];
                case "admin-c" -> "h" + (1 + random.nextInt(30)) + "-test";
                default -> EMAILS[random.nextInt(EMAILS.length)];
            };
            out.add(new Query(attribute, value, typeSets.get(random.nextInt(typeSets.size()))));
        }
        return out;
    }

    /** A lookup (attribute null) or an inverse search. */
    private record Query(String attribute, String value, Set<ObjectType> types) {
        Set<String> actual(PersistentDatabase db) {
            List<StoredObject> found = attribute == null ? db.lookup(value, types) : db.inverse(attribute, value, types);
            Set<String> keys = new TreeSet<>();
            found.forEach(o -> keys.add(o.key().toString()));
            return keys;
        }

        Set<String> expected(Iterable<RpslObject> objects) {
            String key = value.trim().toLowerCase(Locale.ROOT);
            Set<String> words = new HashSet<>(List.of(key.split("\\s+")));
            Set<String> keys = new TreeSet<>();
            for (RpslObject o : objects) {
                ObjectType type = o.type().orElseThrow();
                if (!types.contains(type) || !CLASSES.contains(type)) {
                    continue;
                }
                ObjectTemplate template = ObjectTemplate.of(type);
                boolean match = false;
                for (RpslAttribute a : o.attributes()) {
                    String clean = a.cleanValue().toLowerCase(Locale.ROOT);
                    if (attribute == null && template.lookupKeys().contains(a.name())) {
                        match |= clean.equals(key)
                                || WORD_MATCHED.contains(a.name()) && new HashSet<>(List.of(clean.split("\\s+"))).containsAll(words);
                    } else if (attribute != null && a.name().equals(attribute) && template.inverseKeys().contains(a.name())) {
                        match |= a.cleanValues().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(key));
                    }
                }
                if (match) {
                    keys.add(ObjectKey.of(o).toString());
                }
            }
            return keys;
        }
    }
}
