package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WaitlistTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    private static IpRange r(String s) {
        return IpRange.parse(s).orElseThrow();
    }

    @Test
    void eligibilityRules() {
        Waitlist list = Waitlist.empty().with(new Waitlist.Request("ORG-A1-TEST", 22, 24, NOW));
        assertTrue(list.refusal("ORG-B1-TEST", 21, 24, 0, NOW).orElseThrow().contains("larger than /22"));
        assertTrue(list.refusal("ORG-B1-TEST", 22, 25, 0, NOW).orElseThrow().contains("smaller than /24"));
        assertTrue(list.refusal("ORG-B1-TEST", 24, 22, 0, NOW).orElseThrow().contains("minimum /22 is larger"));
        assertTrue(list.refusal("org-a1-test", 23, 24, 0, NOW).orElseThrow().contains("already has a request"));
        assertTrue(list.refusal("ORG-B1-TEST", 22, 24, 4097, NOW).orElseThrow().contains("more than a /20"));
        assertTrue(list.refusal("ORG-B1-TEST", 22, 24, 4096, NOW).isEmpty(), "a /20 exactly may apply");
        Waitlist issued = new Waitlist(List.of(), List.of(new Waitlist.Issue("ORG-B1-TEST", r("10.0.0.0/24"), NOW.minus(Duration.ofDays(89)))));
        assertTrue(issued.refusal("ORG-B1-TEST", 22, 24, 256, NOW).orElseThrow().contains("received 10.0.0.0/24"));
        assertTrue(issued.refusal("ORG-B1-TEST", 22, 24, 256, NOW.plus(Duration.ofDays(1))).isEmpty());
    }

    @Test
    void fulfilsFirstApprovedFirstNeverPartiallyAndKeepsPlaceOfUnserved() {
        Waitlist list = Waitlist.empty()
                .with(new Waitlist.Request("ORG-A1-TEST", 22, 22, NOW))
                .with(new Waitlist.Request("ORG-B1-TEST", 22, 24, NOW.plusSeconds(1)))
                .with(new Waitlist.Request("ORG-C1-TEST", 23, 24, NOW.plusSeconds(2)));
        FreePool pool = FreePool.of(List.of(r("10.0.0.0/16")), List.of(r("10.0.0.0/17"), r("10.0.128.0/18"),
                r("10.0.192.0/19"), r("10.0.224.0/20"), r("10.0.240.0/21"), r("10.0.248.0/22")));
        // free: 10.0.252.0/22 only
        List<Waitlist.Grant> grants = list.fulfil(pool);
        assertEquals(1, grants.size());
        assertEquals("ORG-A1-TEST", grants.get(0).request().org());
        assertEquals(r("10.0.252.0/22"), grants.get(0).block());
        Waitlist after = list.after(grants, NOW);
        assertEquals(List.of("ORG-B1-TEST", "ORG-C1-TEST"), after.requests().stream().map(Waitlist.Request::org).toList());
        assertEquals(1, after.issued().size());
    }

    @Test
    void givesTheLargestBlockAccepted() {
        Waitlist list = Waitlist.empty().with(new Waitlist.Request("ORG-A1-TEST", 22, 24, NOW));
        FreePool pool = FreePool.of(List.of(r("10.0.0.0/23"), r("10.1.0.0/24")), List.of());
        assertEquals(r("10.0.0.0/23"), list.fulfil(pool).get(0).block());
        assertEquals(List.of(r("10.1.0.0/24")), pool.ranges());
    }

    @Test
    void ledgerRemarksRoundTrip() {
        Waitlist list = Waitlist.empty().with(new Waitlist.Request("ORG-B1-TEST", 23, 24, NOW.plusSeconds(5)))
                .with(new Waitlist.Request("ORG-A1-TEST", 22, 24, NOW));
        list = new Waitlist(list.requests(), List.of(new Waitlist.Issue("ORG-C1-TEST", r("10.9.0.0/22"), NOW)));
        List<RpslAttribute> a = new ArrayList<>();
        a.add(RpslAttribute.of("organisation", "ORG-WLST1-TEST"));
        a.add(RpslAttribute.of("remarks", "free text that is not a record"));
        list.remarks().forEach(x -> a.add(RpslAttribute.of("remarks", x)));
        Waitlist read = Waitlist.fromRemarks(RpslObject.parse(new RpslObject(a).toText()));
        assertEquals(List.of("ORG-A1-TEST", "ORG-B1-TEST"), read.requests().stream().map(Waitlist.Request::org).toList(),
                "approval order");
        assertEquals(list.issued(), read.issued());
    }

    static Stream<long[]> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> new long[] {i});
    }

    /** Property: blocks handed out are aligned, inside the pool, outside used space, and disjoint. */
    @ParameterizedTest
    @MethodSource("seeds")
    void freePoolHandsOutOnlyFreeAlignedDisjointBlocks(long[] seed) {
        Random random = new Random(seed[0]);
        IpRange pool = r("10.0.0.0/16");
        List<IpRange> used = new ArrayList<>();
        for (int i = random.nextInt(30); i > 0; i--) {
            int len = 20 + random.nextInt(9);
            used.add(IpRange.prefix(false, 0, 0x0A000000L | (random.nextInt(1 << 16)), len));
        }
        FreePool free = FreePool.of(List.of(pool), used);
        long before = free.addresses();
        List<IpRange> given = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int len = 22 + random.nextInt(3);
            free.find(len).ifPresent(b -> {
                free.take(b);
                given.add(b);
            });
        }
        long total = 0;
        for (IpRange b : given) {
            total += b.size().longValue();
            assertTrue(b.isPrefix() && pool.contains(b), b.toString());
            for (IpRange u : used) {
                assertTrue(!u.overlaps(b), b + " overlaps used " + u);
            }
            for (IpRange o : given) {
                assertTrue(o == b || !o.overlaps(b), b + " overlaps " + o);
            }
        }
        assertEquals(before - total, free.addresses());
    }
}
