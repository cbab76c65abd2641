package net.whoisd.storage.range;

import net.whoisd.rpsl.IpRange;

/**
 * Sorts a permutation of parallel range arrays without boxing: start ascending, end descending
 * (so an enclosing range precedes the ranges inside it), then id ascending. A bottom-up merge sort,
 * O(n log n) and stable.
 */
final class BulkOrder {

    private BulkOrder() {
    }

    static void sort(int[] order, long[] startHi, long[] startLo, long[] endHi, long[] endLo, long[] ids) {
        int n = order.length;
        int[] src = order;
        int[] dst = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int left = 0; left < n; left += 2 * width) {
                int mid = Math.min(left + width, n);
                int right = Math.min(left + 2 * width, n);
                int i = left;
                int j = mid;
                int k = left;
                while (i < mid && j < right) {
                    dst[k++] = compare(src[j], src[i], startHi, startLo, endHi, endLo, ids) < 0 ? src[j++] : src[i++];
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < right) {
                    dst[k++] = src[j++];
                }
            }
            int[] swap = src;
            src = dst;
            dst = swap;
        }
        if (src != order) {
            System.arraycopy(src, 0, order, 0, n);
        }
    }

    private static int compare(int a, int b, long[] startHi, long[] startLo, long[] endHi, long[] endLo, long[] ids) {
        int c = IpRange.compare128(startHi[a], startLo[a], startHi[b], startLo[b]);
        if (c != 0) {
            return c;
        }
        c = IpRange.compare128(endHi[b], endLo[b], endHi[a], endLo[a]);
        return c != 0 ? c : Long.compare(ids[a], ids[b]);
    }
}
