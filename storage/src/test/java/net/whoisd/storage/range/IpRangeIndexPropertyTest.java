package net.whoisd.storage.range;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.whoisd.rpsl.IpRange;
import net.whoisd.storage.RangeQuery;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random nested range families, random adds and removes, every relation against brute force. */
@Tag("slow")
class IpRangeIndexPropertyTest {

    private static final int SPACE = 4096;

    static Stream<Long> seeds() {
        return LongStream.range(0, 200).mapToObj(i -> 7919L * i + 17);
    }

    /** Maps a small address 0..SPACE-1 into the family's space (IPv6 uses both words, sign bits set). */
    private static IpRange range(boolean ipv6, int from, int to) {
        if (!ipv6) {
            return IpRange.ipv4(0xFFFFF000L + from, 0xFFFFF000L + to);
        }
        long base = 0x20010db800000000L;
        long sHi = base + (from >>> 6);
        long sLo = ((long) (from & 63)) << 58;
        long eHi = base + (to >>> 6);
        long eLo = (((long) (to & 63)) << 58) | ((1L << 58) - 1);
        return IpRange.ipv6(sHi, sLo, eHi, eLo);
    }

    /** A random prefix-shaped block, a random sub-range of an indexed range, or an arbitrary range. */
    private static int[] candidate(Random random, List<int[]> present) {
        int kind = random.nextInt(3);
        if (kind == 0 || present.isEmpty()) {
            int bits = random.nextInt(13);
            int size = 1 << bits;
            int start = random.nextInt(SPACE / size) * size;
            return new int[] {start, start + size - 1};
        }
        if (kind == 1) {
            int[] outer = present.get(random.nextInt(present.size()));
            int a = outer[0] + random.nextInt(outer[1] - outer[0] + 1);
            int b = a + random.nextInt(outer[1] - a + 1);
            return new int[] {a, b};
        }
        int a = random.nextInt(SPACE);
        return new int[] {a, Math.min(SPACE - 1, a + random.nextInt(64))};
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyRelationMatchesBruteForce(long seed) {
        Random random = new Random(seed);
        boolean ipv6 = random.nextBoolean();
        IpRangeIndex index = new IpRangeIndex();
        Reference reference = new Reference();
        List<int[]> present = new ArrayList<>();
        int operations = 150 + random.nextInt(150);
        long nextId = 1;
        for (int op = 0; op < operations; op++) {
            if (!present.isEmpty() && random.nextInt(4) == 0) {
                int[] victim = present.remove(random.nextInt(present.size()));
                IpRange r = range(ipv6, victim[0], victim[1]);
                assertEquals(reference.remove(r, victim[2]), index.remove(r, victim[2]));
            } else {
                int[] c = candidate(random, present);
                IpRange r = range(ipv6, c[0], c[1]);
                long id = random.nextInt(8) == 0 && !present.isEmpty() ? present.get(0)[2] + 1000 : nextId++;
                if (reference.overlapsPartially(r)) {
                    assertThrows(PartialOverlapException.class, () -> index.add(r, id));
                } else {
                    index.add(r, id);
                    if (reference.add(r, id)) {
                        present.add(new int[] {c[0], c[1], (int) id});
                    }
                }
            }
            assertEquals(reference.size(), index.size());
        }
        for (int q = 0; q < 60; q++) {
            int[] c = q % 3 == 0 && !present.isEmpty() ? present.get(random.nextInt(present.size())) : candidate(random, present);
            IpRange query = range(ipv6, c[0], c[1]);
            for (RangeQuery relation : RangeQuery.values()) {
                assertArrayEquals(reference.query(query, relation), index.query(query, relation),
                        "seed " + seed + " " + relation + " " + query);
            }
        }
        // the other family is untouched
        assertArrayEquals(new long[0], index.query(ipv6 ? IpRange.ALL_IPV4 : IpRange.ALL_IPV6, RangeQuery.ALL_LESS));
        assertEquals(present.size(), index.query(ipv6 ? IpRange.ALL_IPV6 : IpRange.ALL_IPV4, RangeQuery.ALL_MORE).length
                + index.query(ipv6 ? IpRange.ALL_IPV6 : IpRange.ALL_IPV4, RangeQuery.EXACT).length);
        assertBulkLoadAgrees(index, reference, ipv6, random);
    }

    private static void assertBulkLoadAgrees(IpRangeIndex index, Reference reference, boolean ipv6, Random random) {
        int n = reference.size();
        long[] sHi = new long[n];
        long[] sLo = new long[n];
        long[] eHi = new long[n];
        long[] eLo = new long[n];
        long[] ids = new long[n];
        int i = 0;
        for (var e : reference.entries.entrySet()) {
            for (long id : e.getValue()) {
                sHi[i] = e.getKey().startHi();
                sLo[i] = e.getKey().startLo();
                eHi[i] = e.getKey().endHi();
                eLo[i] = e.getKey().endLo();
                ids[i++] = id;
            }
        }
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            swap(sHi, k, j);
            swap(sLo, k, j);
            swap(eHi, k, j);
            swap(eLo, k, j);
            swap(ids, k, j);
        }
        IpRangeIndex loaded = IpRangeIndex.bulkLoad(sHi, sLo, eHi, eLo, ipv6, ids, n);
        assertEquals(n, loaded.size());
        IpRange all = ipv6 ? IpRange.ALL_IPV6 : IpRange.ALL_IPV4;
        assertArrayEquals(index.query(all, RangeQuery.ALL_MORE), loaded.query(all, RangeQuery.ALL_MORE));
        for (int q = 0; q < 20; q++) {
            int a = random.nextInt(SPACE);
            IpRange query = range(ipv6, a, Math.min(SPACE - 1, a + random.nextInt(256)));
            for (RangeQuery relation : RangeQuery.values()) {
                assertArrayEquals(index.query(query, relation), loaded.query(query, relation));
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** The obvious quadratic implementation of the relations. */
    private static final class Reference {
        final TreeMap<IpRange, TreeSet<Long>> entries = new TreeMap<>();

        boolean overlapsPartially(IpRange r) {
            return entries.keySet().stream().anyMatch(r::overlapsPartially);
        }

        boolean add(IpRange r, long id) {
            return entries.computeIfAbsent(r, k -> new TreeSet<>()).add(id);
        }

        boolean remove(IpRange r, long id) {
            TreeSet<Long> ids = entries.get(r);
            if (ids == null || !ids.remove(id)) {
                return false;
            }
            if (ids.isEmpty()) {
                entries.remove(r);
            }
            return true;
        }

        int size() {
            return entries.values().stream().mapToInt(TreeSet::size).sum();
        }

        long[] query(IpRange q, RangeQuery relation) {
            if (relation == RangeQuery.EXACT_ELSE_ONE_LESS) {
                long[] exact = query(q, RangeQuery.EXACT);
                return exact.length > 0 ? exact : query(q, RangeQuery.ONE_LESS);
            }
            List<IpRange> hits = new ArrayList<>();
            for (IpRange r : entries.keySet()) {   // natural order: outermost first, pre-order
                boolean same = r.equals(q);
                boolean inside = q.contains(r) && !same;
                switch (relation) {
                    case EXACT -> { if (same) hits.add(r); }
                    case ALL_LESS -> { if (r.contains(q)) hits.add(r); }
                    case ONE_LESS -> { if (r.contains(q) && !same) hits.add(r); }
                    case ALL_MORE -> { if (inside) hits.add(r); }
                    case EXACT_ELSE_ONE_LESS -> throw new AssertionError("answered above");
                    case ONE_MORE -> {
                        if (inside && entries.keySet().stream().noneMatch(
                                o -> !o.equals(r) && !o.equals(q) && q.contains(o) && o.contains(r))) {
                            hits.add(r);
                        }
                    }
                }
            }
            if (relation == RangeQuery.ONE_LESS && !hits.isEmpty()) {
                hits = List.of(hits.get(hits.size() - 1));
            }
            return hits.stream().flatMap(r -> entries.get(r).stream()).mapToLong(Long::longValue).toArray();
        }
    }
}
