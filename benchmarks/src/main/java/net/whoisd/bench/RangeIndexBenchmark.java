package net.whoisd.bench;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.whoisd.rpsl.IpRange;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.range.IpRangeIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookups in an IpRangeIndex of about one million nested IPv4 ranges shaped like a registry:
 * /8 free-pool blocks, /12../20 allocations, /21../23 sub-allocations, and /21../29 assignments.
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar RangeIndexBenchmark -f 1 -wi 3 -i 5
 * java -cp benchmarks/target/benchmarks.jar net.whoisd.bench.RangeIndexBenchmark   # footprint and bulk-load time
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class RangeIndexBenchmark {

    @Param("1000000")
    public int ranges;

    private IpRangeIndex index;
    private Ranges data;
    /** Pre-drawn query inputs (random addresses inside indexed ranges, and indexed ranges), cycled. */
    private static final int QUERIES = 1 << 16;
    private final IpRange[] addresses = new IpRange[QUERIES];
    private final IpRange[] indexedRanges = new IpRange[QUERIES];

    @Setup(Level.Trial)
    public void build() {
        data = Ranges.registryShaped(ranges, 1);
        index = IpRangeIndex.bulkLoad(data.startHi, data.startLo, data.endHi, data.endLo, false, data.ids, data.count);
        Random random = new Random(42);
        for (int q = 0; q < QUERIES; q++) {
            int i = random.nextInt(data.count);
            indexedRanges[q] = IpRange.ipv4(data.startLo[i], data.endLo[i]);
            long a = data.startLo[i] + (long) (random.nextDouble() * (data.endLo[i] - data.startLo[i] + 1));
            addresses[q] = IpRange.ipv4(a, a);
        }
    }

    /** Per-thread random choice, so reader and writer threads share no counter. */
    private static int nextQuery() {
        return ThreadLocalRandom.current().nextInt(QUERIES);
    }

    @Benchmark
    public long[] mostSpecificOfAddressAllLess() {
        return index.query(addresses[nextQuery()], RangeQuery.ALL_LESS);
    }

    @Benchmark
    public long[] mostSpecificOfAddressOneLess() {
        return index.query(addresses[nextQuery()], RangeQuery.ONE_LESS);
    }

    @Benchmark
    public long[] exact() {
        return index.query(indexedRanges[nextQuery()], RangeQuery.EXACT);
    }

    @Benchmark
    public long[] oneMore() {
        return index.query(indexedRanges[nextQuery()], RangeQuery.ONE_MORE);
    }

    /** One writer update pair: another id on an indexed range, then its removal (two path copies). */
    @Benchmark
    public boolean addThenRemove() {
        IpRange r = indexedRanges[nextQuery()];
        index.add(r, -1);
        return index.remove(r, -1);
    }

    /** Lookups measured while another thread keeps adding and removing ranges. */
    @Benchmark
    @Group("readWhileWriting")
    @GroupThreads(1)
    public long[] lookupUnderWrites() {
        return index.query(addresses[nextQuery()], RangeQuery.ALL_LESS);
    }

    @Benchmark
    @Group("readWhileWriting")
    @GroupThreads(1)
    public boolean writer() {
        return addThenRemove();
    }

    /** Prints the heap the index holds and the bulk-load time for one million ranges. */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Ranges data = Ranges.registryShaped(count, 1);
        Runtime rt = Runtime.getRuntime();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            IpRangeIndex index = IpRangeIndex.bulkLoad(data.startHi, data.startLo, data.endHi, data.endLo, false, data.ids, data.count);
            long t1 = System.nanoTime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            index = null;
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            System.out.printf("bulkLoad of %,d ranges: %d ms; index heap about %,d MB%n",
                    data.count, (t1 - t0) / 1_000_000, (before - after) / (1024 * 1024));
        }
    }

    /** Parallel arrays of registry-shaped nested IPv4 ranges. */
    static final class Ranges {
        final long[] startHi;
        final long[] startLo;
        final long[] endHi;
        final long[] endLo;
        final long[] ids;
        int count;

        private Ranges(int capacity) {
            startHi = new long[capacity];
            startLo = new long[capacity];
            endHi = new long[capacity];
            endLo = new long[capacity];
            ids = new long[capacity];
        }

        static Ranges registryShaped(int target, long seed) {
            Ranges r = new Ranges(target);
            Random random = new Random(seed);
            for (int slash8 = 2; slash8 < 224 && r.count < target; slash8++) {
                long start = (long) slash8 << 24;
                r.add(start, start + (1L << 24) - 1);
                r.fill(random, start, 8, 1, target);
            }
            return r;
        }

        private void add(long start, long end) {
            startLo[count] = start;
            endLo[count] = end;
            ids[count] = count;
            count++;
        }

        /** Packs children of random prefix lengths into a block, leaving random gaps. */
        private void fill(Random random, long start, int length, int depth, int target) {
            long end = start + (1L << (32 - length));
            long pos = start;
            while (pos < end && count < target) {
                int childLength = depth == 1 ? 12 + random.nextInt(9)
                        : Math.min(29, Math.max(length + 1, 21) + random.nextInt(depth == 2 ? 8 : 4));
                long size = 1L << (32 - childLength);
                pos = (pos + size - 1) / size * size;
                if (pos + size > end) {
                    break;
                }
                if (random.nextInt(5) > 0) {
                    add(pos, pos + size - 1);
                    if (depth == 1 || (depth == 2 && childLength <= 23 && random.nextInt(3) == 0)) {
                        fill(random, pos, childLength, depth + 1, target);
                    }
                }
                pos += size;
            }
        }
    }
}
