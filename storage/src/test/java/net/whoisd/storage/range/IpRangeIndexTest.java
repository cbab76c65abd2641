package net.whoisd.storage.range;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.whoisd.rpsl.IpRange;
import net.whoisd.storage.RangeQuery;
import org.junit.jupiter.api.Test;

class IpRangeIndexTest {

    private static IpRange r(String text) {
        return IpRange.parse(text).orElseThrow();
    }

    private static long[] ids(long... ids) {
        return ids;
    }

    /** 0/0 (1) > 193/8 (2) > 193.0/16 (3) > {193.0.0/24 (4) > {193.0.0.0-63 (6), 193.0.0.64-127 (7)}, 193.0.1/24 (5)}; 10/8 (8). */
    private static IpRangeIndex ipv4Tree() {
        IpRangeIndex index = new IpRangeIndex();
        index.add(r("193.0.1.0/24"), 5);
        index.add(r("0.0.0.0/0"), 1);
        index.add(r("193.0.0.0/24"), 4);
        index.add(r("193.0.0.0/8"), 2);
        index.add(r("193.0.0.0 - 193.0.0.63"), 6);
        index.add(r("193.0.0.0/16"), 3);
        index.add(r("193.0.0.64 - 193.0.0.127"), 7);
        index.add(r("10.0.0.0/8"), 8);
        return index;
    }

    @Test
    void exactFindsOnlyTheSameRange() {
        IpRangeIndex index = ipv4Tree();
        assertArrayEquals(ids(3), index.query(r("193.0.0.0/16"), RangeQuery.EXACT));
        assertArrayEquals(ids(1), index.query(r("0.0.0.0/0"), RangeQuery.EXACT));
        assertArrayEquals(ids(), index.query(r("193.0.0.0/17"), RangeQuery.EXACT));
        assertEquals(8, index.size());
    }

    @Test
    void oneLessIsTheSmallestStrictlyEnclosingRange() {
        IpRangeIndex index = ipv4Tree();
        assertArrayEquals(ids(6), index.query(r("193.0.0.10"), RangeQuery.ONE_LESS));
        assertArrayEquals(ids(4), index.query(r("193.0.0.0 - 193.0.0.63"), RangeQuery.ONE_LESS));
        assertArrayEquals(ids(3), index.query(r("193.0.2.0/24"), RangeQuery.ONE_LESS));
        assertArrayEquals(ids(), index.query(r("0.0.0.0/0"), RangeQuery.ONE_LESS));
        assertArrayEquals(ids(1), index.query(r("11.0.0.1"), RangeQuery.ONE_LESS));
    }

    @Test
    void allLessIsExactPlusEveryEnclosingRangeOutermostFirst() {
        IpRangeIndex index = ipv4Tree();
        assertArrayEquals(ids(1, 2, 3, 4, 7), index.query(r("193.0.0.100"), RangeQuery.ALL_LESS));
        assertArrayEquals(ids(1, 2, 3, 4), index.query(r("193.0.0.0/24"), RangeQuery.ALL_LESS));
        assertArrayEquals(ids(1, 2, 3, 4), index.query(r("193.0.0.128 - 193.0.0.255"), RangeQuery.ALL_LESS));
        assertArrayEquals(ids(1), index.query(r("0.0.0.0/0"), RangeQuery.ALL_LESS));
    }

    @Test
    void oneMoreIsTheChildrenOneLevelDown() {
        IpRangeIndex index = ipv4Tree();
        assertArrayEquals(ids(8, 2), index.query(r("0.0.0.0/0"), RangeQuery.ONE_MORE));
        assertArrayEquals(ids(4, 5), index.query(r("193.0.0.0/16"), RangeQuery.ONE_MORE));
        assertArrayEquals(ids(6, 7), index.query(r("193.0.0.0/24"), RangeQuery.ONE_MORE));
        assertArrayEquals(ids(), index.query(r("193.0.1.0/24"), RangeQuery.ONE_MORE));
        // not indexed: the top-most ranges inside it, also below a partly overlapping sibling
        assertArrayEquals(ids(4, 5), index.query(r("193.0.0.0/23"), RangeQuery.ONE_MORE));
        assertArrayEquals(ids(7, 5), index.query(r("193.0.0.64 - 193.0.1.255"), RangeQuery.ONE_MORE));
    }

    @Test
    void allMoreIsEveryRangeInsideInPreOrder() {
        IpRangeIndex index = ipv4Tree();
        assertArrayEquals(ids(8, 2, 3, 4, 6, 7, 5), index.query(r("0.0.0.0/0"), RangeQuery.ALL_MORE));
        assertArrayEquals(ids(4, 6, 7, 5), index.query(r("193.0.0.0/16"), RangeQuery.ALL_MORE));
        assertArrayEquals(ids(7, 5), index.query(r("193.0.0.64 - 193.0.1.255"), RangeQuery.ALL_MORE));
        assertArrayEquals(ids(), index.query(r("193.0.0.10"), RangeQuery.ALL_MORE));
    }

    @Test
    void severalIdsShareOneRangeAscending() {
        IpRangeIndex index = new IpRangeIndex();
        index.add(r("193.0.0.0/16"), 30);
        index.add(r("193.0.0.0/16"), 10);
        index.add(r("193.0.0.0/16"), 20);
        index.add(r("193.0.0.0/16"), 20);
        index.add(r("193.0.0.0/24"), 40);
        assertEquals(4, index.size());
        assertArrayEquals(ids(10, 20, 30), index.query(r("193.0.0.0/16"), RangeQuery.EXACT));
        assertArrayEquals(ids(10, 20, 30), index.query(r("193.0.0.0/24"), RangeQuery.ONE_LESS));
        assertTrue(index.remove(r("193.0.0.0/16"), 20));
        assertFalse(index.remove(r("193.0.0.0/16"), 20));
        assertArrayEquals(ids(10, 30, 40), index.query(r("193.0.0.1"), RangeQuery.ALL_LESS));
    }

    @Test
    void removingTheLastIdHandsTheChildrenToTheParent() {
        IpRangeIndex index = ipv4Tree();
        assertTrue(index.remove(r("193.0.0.0/16"), 3));
        assertArrayEquals(ids(4, 5), index.query(r("193.0.0.0/8"), RangeQuery.ONE_MORE));
        assertArrayEquals(ids(2), index.query(r("193.0.0.0/24"), RangeQuery.ONE_LESS));
        assertFalse(index.remove(r("193.0.0.0/16"), 3));
        assertFalse(index.remove(r("193.0.0.0/24"), 99));
        assertEquals(7, index.size());
    }

    @Test
    void partialOverlapIsRefusedAndChangesNothing() {
        IpRangeIndex index = ipv4Tree();
        PartialOverlapException e = assertThrows(PartialOverlapException.class,
                () -> index.add(r("193.0.0.32 - 193.0.0.95"), 99));
        assertTrue(e.existing().equals(r("193.0.0.0 - 193.0.0.63")) || e.existing().equals(r("193.0.0.64 - 193.0.0.127")));
        assertThrows(PartialOverlapException.class, () -> index.add(r("192.255.0.0 - 193.0.0.255"), 99));
        assertEquals(8, index.size());
        assertArrayEquals(ids(8, 2, 3, 4, 6, 7, 5), index.query(r("0.0.0.0/0"), RangeQuery.ALL_MORE));
    }

    @Test
    void ipv6RangesUseAll128BitsUnsigned() {
        IpRangeIndex index = new IpRangeIndex();
        index.add(r("::/0"), 1);
        index.add(r("2001:db8::/32"), 2);
        index.add(r("2001:db8::/48"), 3);
        index.add(r("2001:db8:0:0:8000::/65"), 4);
        index.add(r("2001:db8:0:0:8000:: - 2001:db8:0:0:ffff::"), 5);
        index.add(r("ffff::/16"), 6);
        index.add(r("193.0.0.0/8"), 7);
        assertArrayEquals(ids(1, 2, 3, 4, 5), index.query(r("2001:db8::9000:0:0:1"), RangeQuery.ALL_LESS));
        assertArrayEquals(ids(3), index.query(r("2001:db8::1"), RangeQuery.ONE_LESS));
        assertArrayEquals(ids(2, 6), index.query(r("::/0"), RangeQuery.ONE_MORE));
        assertArrayEquals(ids(2, 3, 4, 5, 6), index.query(r("::/0"), RangeQuery.ALL_MORE));
        assertArrayEquals(ids(5), index.query(r("2001:db8::8000:0:0:0/65"), RangeQuery.ONE_MORE));
        assertArrayEquals(ids(6), index.query(r("ffff::1"), RangeQuery.ONE_LESS));
        // families are separate trees
        assertArrayEquals(ids(7), index.query(r("193.0.0.1"), RangeQuery.ALL_LESS));
        assertArrayEquals(ids(7), index.query(r("0.0.0.0/0"), RangeQuery.ALL_MORE));
    }

    @Test
    void singleAddressesAreRangesOfTheirOwn() {
        IpRangeIndex index = new IpRangeIndex();
        index.add(r("255.255.255.255"), 1);
        index.add(r("255.255.255.0/24"), 2);
        index.add(r("0.0.0.0"), 3);
        assertArrayEquals(ids(2, 1), index.query(r("255.255.255.255"), RangeQuery.ALL_LESS));
        assertArrayEquals(ids(1), index.query(r("255.255.255.0/24"), RangeQuery.ONE_MORE));
        assertArrayEquals(ids(3), index.query(r("0.0.0.0"), RangeQuery.EXACT));
        assertArrayEquals(ids(3, 2, 1), index.query(r("0.0.0.0/0"), RangeQuery.ALL_MORE));
    }

    @Test
    void bulkLoadBuildsTheSameTreeAsAdds() {
        IpRange[] ranges = {r("193.0.1.0/24"), r("0.0.0.0/0"), r("193.0.0.0/24"), r("193.0.0.0/8"),
            r("193.0.0.0 - 193.0.0.63"), r("193.0.0.0/16"), r("193.0.0.64 - 193.0.0.127"), r("10.0.0.0/8"), r("193.0.0.0/8")};
        long[] idList = {5, 1, 4, 2, 6, 3, 7, 8, 2};
        int n = ranges.length;
        long[] sHi = new long[n];
        long[] sLo = new long[n];
        long[] eHi = new long[n];
        long[] eLo = new long[n];
        for (int i = 0; i < n; i++) {
            sHi[i] = ranges[i].startHi();
            sLo[i] = ranges[i].startLo();
            eHi[i] = ranges[i].endHi();
            eLo[i] = ranges[i].endLo();
        }
        IpRangeIndex loaded = IpRangeIndex.bulkLoad(sHi, sLo, eHi, eLo, false, idList, n);
        assertEquals(8, loaded.size());
        assertArrayEquals(ids(8, 2, 3, 4, 6, 7, 5), loaded.query(r("0.0.0.0/0"), RangeQuery.ALL_MORE));
        assertArrayEquals(ids(1, 2, 3, 4, 7), loaded.query(r("193.0.0.100"), RangeQuery.ALL_LESS));
        loaded.add(r("193.0.0.0/23"), 9);
        assertArrayEquals(ids(4, 5), loaded.query(r("193.0.0.0/23"), RangeQuery.ONE_MORE));
    }

    @Test
    void bulkLoadRefusesPartialOverlaps() {
        long[] zero = {0, 0};
        PartialOverlapException e = assertThrows(PartialOverlapException.class,
                () -> IpRangeIndex.bulkLoad(zero, new long[] {10, 0}, zero, new long[] {30, 20}, false, new long[] {1, 2}, 2));
        assertEquals(IpRange.ipv4(0, 20), e.existing());
    }
}
