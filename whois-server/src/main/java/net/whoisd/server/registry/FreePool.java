package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;

/**
 * The registry's free IPv4 space: its pool blocks minus every range in use, as sorted disjoint
 * intervals. {@link #take} hands out aligned CIDR blocks (lowest address first) and removes them.
 */
public final class FreePool {
    private final List<long[]> free = new ArrayList<>();   // {start, end}, sorted, disjoint

    /** @param pool the registry's blocks; @param used ranges inside them that are not free */
    public static FreePool of(Collection<IpRange> pool, Collection<IpRange> used) {
        FreePool p = new FreePool();
        List<long[]> blocks = merge(pool);
        List<long[]> taken = merge(used);
        int t = 0;
        for (long[] b : blocks) {
            long cursor = b[0];
            while (t < taken.size() && taken.get(t)[1] < b[0]) {
                t++;
            }
            for (int i = t; i < taken.size() && taken.get(i)[0] <= b[1]; i++) {
                long[] u = taken.get(i);
                if (u[0] > cursor) {
                    p.free.add(new long[] {cursor, u[0] - 1});
                }
                cursor = Math.max(cursor, u[1] + 1);
            }
            if (cursor <= b[1]) {
                p.free.add(new long[] {cursor, b[1]});
            }
        }
        return p;
    }

    /** The free space, as ranges. */
    public List<IpRange> ranges() {
        List<IpRange> out = new ArrayList<>(free.size());
        for (long[] f : free) {
            out.add(IpRange.ipv4(f[0], f[1]));
        }
        return out;
    }

    public long addresses() {
        long n = 0;
        for (long[] f : free) {
            n += f[1] - f[0] + 1;
        }
        return n;
    }

    /** The lowest free aligned block of that prefix length, without taking it. */
    public Optional<IpRange> find(int prefixLength) {
        long size = 1L << (32 - prefixLength);
        for (long[] f : free) {
            long start = (f[0] + size - 1) / size * size;
            if (start + size - 1 <= f[1]) {
                return Optional.of(IpRange.ipv4(start, start + size - 1));
            }
        }
        return Optional.empty();
    }

    /** Removes a block (found by {@link #find}) from the free space. */
    public void take(IpRange block) {
        long s = block.startLo();
        long e = block.endLo();
        for (int i = 0; i < free.size(); i++) {
            long[] f = free.get(i);
            if (f[0] <= s && e <= f[1]) {
                free.remove(i);
                if (e < f[1]) {
                    free.add(i, new long[] {e + 1, f[1]});
                }
                if (f[0] < s) {
                    free.add(i, new long[] {f[0], s - 1});
                }
                return;
            }
        }
        throw new IllegalArgumentException(block + " is not free");
    }

    private static List<long[]> merge(Collection<IpRange> ranges) {
        List<long[]> sorted = new ArrayList<>();
        for (IpRange r : ranges) {
            if (r.isIpv4()) {
                sorted.add(new long[] {r.startLo(), r.endLo()});
            }
        }
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : sorted) {
            if (!out.isEmpty() && r[0] <= out.get(out.size() - 1)[1] + 1) {
                long[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new long[] {r[0], r[1]});
            }
        }
        return out;
    }
}
