package net.whoisd.storage.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NestingCheckTest {

    @Test
    void rejectsARangeThatCrossesTheStartOrTheEndOfAnEarlierOne() {
        NestingCheck check = new NestingCheck();
        IpRange outer = IpRange.ipv4(100, 199);
        assertEquals(Optional.empty(), check.add(ObjectType.INETNUM, outer));
        assertEquals(Optional.empty(), check.add(ObjectType.INETNUM, IpRange.ipv4(120, 129)));
        assertEquals(Optional.of(outer), check.add(ObjectType.INETNUM, IpRange.ipv4(150, 250)));
        assertEquals(Optional.of(outer), check.add(ObjectType.INETNUM, IpRange.ipv4(50, 150)));
        assertEquals(Optional.of(IpRange.ipv4(120, 129)), check.add(ObjectType.INETNUM, IpRange.ipv4(110, 125)));
        // enclosing, enclosed, equal and disjoint ranges all nest
        assertEquals(Optional.empty(), check.add(ObjectType.INETNUM, IpRange.ipv4(0, 255)));
        assertEquals(Optional.empty(), check.add(ObjectType.INETNUM, IpRange.ipv4(100, 199)));
        assertEquals(Optional.empty(), check.add(ObjectType.INETNUM, IpRange.ipv4(121, 122)));
        assertEquals(Optional.empty(), check.add(ObjectType.INETNUM, IpRange.ipv4(200, 255)));
        // classes and families are checked separately
        assertEquals(Optional.empty(), check.add(ObjectType.ROUTE, IpRange.ipv4(150, 250)));
        assertEquals(Optional.empty(), check.add(ObjectType.INET6NUM, IpRange.ipv6(0, 150, 0, 250)));
    }

    @Test
    void handlesTheEndsOfTheAddressSpace() {
        NestingCheck check = new NestingCheck();
        assertEquals(Optional.empty(), check.add(ObjectType.INETNUM, IpRange.ALL_IPV4));
        assertEquals(Optional.empty(), check.add(ObjectType.INETNUM, IpRange.ipv4(0xFFFFFF00L, 0xFFFFFFFFL)));
        assertEquals(Optional.of(IpRange.ipv4(0xFFFFFF00L, 0xFFFFFFFFL)), check.add(ObjectType.INETNUM, IpRange.ipv4(0xFFFFFE00L, 0xFFFFFF7FL)));
        assertEquals(Optional.empty(), check.add(ObjectType.INET6NUM, IpRange.ALL_IPV6));
        IpRange top = IpRange.ipv6(-1L, 0, -1L, -1L);
        assertEquals(Optional.empty(), check.add(ObjectType.INET6NUM, top));
        assertEquals(Optional.of(top), check.add(ObjectType.INET6NUM, IpRange.ipv6(-2L, 5, -1L, 7)));
        // a range whose end + 1 carries into the high word
        assertEquals(Optional.empty(), check.add(ObjectType.INET6NUM, IpRange.ipv6(3, 0, 3, -1L)));
        assertEquals(Optional.of(IpRange.ipv6(3, 0, 3, -1L)), check.add(ObjectType.INET6NUM, IpRange.ipv6(3, 10, 4, 0)));
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 40).boxed();
    }

    /** The verdict of every add equals that of a comparison with every range accepted before it. */
    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithComparingEveryEarlierRange(long seed) {
        Random random = new Random(seed);
        NestingCheck check = new NestingCheck();
        List<IpRange> accepted = new ArrayList<>();
        int space = 16 + random.nextInt(240);
        for (int i = 0; i < 300; i++) {
            long a = random.nextInt(space);
            long b = random.nextInt(space);
            IpRange r = random.nextInt(4) == 0 ? IpRange.ipv4(a, a + random.nextInt(3)) : IpRange.ipv4(Math.min(a, b), Math.max(a, b));
            Optional<IpRange> clash = accepted.stream().filter(r::overlapsPartially).findFirst();
            Optional<IpRange> got = check.add(ObjectType.INETNUM, r);
            assertEquals(clash.isPresent(), got.isPresent(), "range " + r + " after " + accepted);
            if (got.isPresent()) {
                assertTrue(accepted.contains(got.get()) && r.overlapsPartially(got.get()), got.get() + " for " + r);
            } else {
                accepted.add(r);
            }
        }
    }
}
