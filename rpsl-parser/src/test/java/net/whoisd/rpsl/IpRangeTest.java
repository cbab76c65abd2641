package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpRangeTest {

    @Test
    void ipv4FormsNormaliseToRangeForm() {
        assertEquals("193.0.0.0 - 193.0.1.255", IpRange.parse("193.0.0.0/23").orElseThrow().toString());
        assertEquals("10.0.0.0 - 10.255.255.255", IpRange.parse("10/8").orElseThrow().toString());
        assertEquals("192.0.2.1 - 192.0.2.1", IpRange.parse("192.0.2.1").orElseThrow().toString());
        assertEquals("192.0.2.0 - 192.0.3.127", IpRange.parse("192.0.2.0-192.0.3.127").orElseThrow().toString());
        assertEquals("192.0.2.0/24", IpRange.parse("192.0.2.0 - 192.0.2.255").orElseThrow().toPrefixString());
    }

    @Test
    void invalidInputIsEmptyNotAnException() {
        for (String bad : new String[] {"", "1.2.3", "256.0.0.0", "1.2.3.4/33", "10.0.0.5 - 10.0.0.1", "::1::2",
                "1.2.3.4 - ::1", "1.2.3.4-1.2.3.5-1.2.3.6", "1-" + "1-".repeat(5000) + "1", "abc", "1.2.3.4/", "/8", "12345::", "1:2:3:4:5:6:7:8:9"}) {
            assertTrue(IpRange.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void ipv6IsCompressedLowerCaseAndHostBitsCleared() {
        assertEquals("2001:db8::/32", IpRange.parse("2001:DB8:0:0::1/32").orElseThrow().toString());
        assertEquals("::/0", IpRange.parse("::/0").orElseThrow().toString());
        assertEquals("2001:db8:0:1::/64", IpRange.parse("2001:0db8:0000:0001::/64").orElseThrow().toString());
        assertEquals("::ffff:192.0.2.1/128".replace("192.0.2.1", "c000:201"),
                IpRange.parse("::ffff:192.0.2.1").orElseThrow().toString());
    }

    @Test
    void strictPrefixRefusesHostBits() {
        assertTrue(IpRange.parseStrictPrefix("192.0.2.0/24").isPresent());
        assertFalse(IpRange.parseStrictPrefix("192.0.2.1/24").isPresent());
        assertFalse(IpRange.parseStrictPrefix("192.0.2.0 - 192.0.2.255").isPresent());
    }

    @Test
    void containmentAndOrder() {
        IpRange slash8 = IpRange.parse("10/8").orElseThrow();
        IpRange slash24 = IpRange.parse("10.1.2.0/24").orElseThrow();
        assertTrue(slash8.contains(slash24));
        assertFalse(slash24.contains(slash8));
        assertTrue(slash8.compareTo(slash24) < 0, "enclosing range sorts first");
        assertTrue(IpRange.parse("10.0.0.0 - 10.1.0.0").orElseThrow().overlapsPartially(IpRange.parse("10.0.255.0 - 10.2.0.0").orElseThrow()));
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 200).mapToObj(i -> 7919L * i + 1);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void ipv6TextRoundTrips(long seed) {
        Random r = new Random(seed);
        long hi = r.nextLong();
        long lo = r.nextInt(4) == 0 ? 0 : r.nextLong();
        if (r.nextBoolean()) {
            hi &= 0xFFFF0000FFFFFFFFL;
        }
        int len = r.nextInt(129);
        IpRange p = IpRange.prefix(true, hi, lo, len);
        assertEquals(p, IpRange.parse(p.toString()).orElseThrow());
        assertEquals(len, p.prefixLength());
        String text = IpRange.formatIpv6(hi, lo);
        long[] back = IpRange.parseIpv6(text);
        assertEquals(hi, back[0], text);
        assertEquals(lo, back[1], text);
    }
}
