package net.whoisd.storage.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.whoisd.rpsl.IpRange;
import net.whoisd.storage.RangeQuery;
import org.junit.jupiter.api.Test;

/**
 * A writer repeatedly inserts and removes a range that adopts 256 children (the most disruptive
 * change: the children move one level down); readers must only ever see the state before or after.
 */
class IpRangeIndexConcurrencyTest {

    private static final IpRange PARENT = IpRange.parse("193.0.0.0/16").orElseThrow();
    private static final IpRange MIDDLE = IpRange.parse("193.0.0.0/17").orElseThrow();
    private static final long PARENT_ID = 1;
    private static final long MIDDLE_ID = 2;

    @Test
    void readersSeeEitherTheOldOrTheNewStateNeverHalf() throws Exception {
        IpRangeIndex index = new IpRangeIndex();
        index.add(PARENT, PARENT_ID);
        long[] children = new long[256];
        for (int i = 0; i < 256; i++) {
            index.add(IpRange.ipv4(0xC1000000L + i * 256L, 0xC1000000L + i * 256L + 255), 100 + i);
            children[i] = 100 + i;
        }
        long[] withoutMiddle = children;
        long[] withMiddle = new long[129];
        withMiddle[0] = MIDDLE_ID;
        System.arraycopy(children, 128, withMiddle, 1, 128);
        long[] allMoreWith = new long[257];
        allMoreWith[0] = MIDDLE_ID;
        System.arraycopy(children, 0, allMoreWith, 1, 256);

        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads < 1000) {
                        long[] oneMore = index.query(PARENT, RangeQuery.ONE_MORE);
                        assertTrue(Arrays.equals(oneMore, withoutMiddle) || Arrays.equals(oneMore, withMiddle),
                                () -> "torn ONE_MORE " + Arrays.toString(oneMore));
                        long[] allMore = index.query(PARENT, RangeQuery.ALL_MORE);
                        assertTrue(Arrays.equals(allMore, children) || Arrays.equals(allMore, allMoreWith));
                        long[] lineage = index.query(IpRange.parse("193.0.5.7").orElseThrow(), RangeQuery.ALL_LESS);
                        assertTrue(Arrays.equals(lineage, new long[] {PARENT_ID, 105})
                                || Arrays.equals(lineage, new long[] {PARENT_ID, MIDDLE_ID, 105}));
                        int size = index.size();
                        assertTrue(size == 257 || size == 258);
                        reads++;
                    }
                    return reads;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 0; i < 5000; i++) {
                        index.add(MIDDLE, MIDDLE_ID);
                        assertTrue(index.remove(MIDDLE, MIDDLE_ID));
                    }
                } finally {
                    writing.set(false);
                }
            });
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(60, TimeUnit.SECONDS) >= 1000);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(257, index.size());
    }
}
