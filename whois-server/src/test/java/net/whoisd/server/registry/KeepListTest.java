package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeepListTest {
    @Test
    void readsRangesPrefixesAndTheRegistryFormat() {
        KeepList k = KeepList.parse("# kept\n193.0.0.0 - 193.0.1.255\n\n10.0.4.0/22\n2001:db8:1::/48\n"
                + "172.16.0.0 - 172.16.0.255 256 19950101 NET\n", "keep.txt");
        assertEquals(List.of(), k.errors());
        assertEquals(4, k.entries().size());
        assertEquals(IpRange.parse("193.0.0.0/23").orElseThrow(), k.entries().get(0).range());
        assertEquals(4, k.entries().get(1).line());
        assertEquals(IpRange.parse("172.16.0.0/24").orElseThrow(), k.entries().get(3).range());
    }

    @Test
    void everyBadLineIsReportedWithItsLine() {
        KeepList k = KeepList.parse("10.0.0.0/24\nnot a range\n10.0.0.128/25\n", "keep.txt");
        assertEquals(List.of("keep.txt:2: not an address range or prefix: not a range",
                "keep.txt:3: overlaps line 1 (10.0.0.0 - 10.0.0.255)"), k.errors());
    }

    static Stream<String> hostile() {
        Random random = new Random(7);
        return Stream.generate(() -> {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                sb.append((char) random.nextInt(128));
            }
            return sb.toString();
        }).limit(200);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileInputNeverThrowsAndEveryLineIsReadOrReported(String text) {
        KeepList k = KeepList.parse(text, "f");
        long listed = Arrays.stream(text.split("\r?\n", -1)).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).count();
        long unreadable = k.errors().stream().filter(e -> e.contains(": not an address range or prefix: ")).count();
        assertEquals(listed, k.entries().size() + unreadable, () -> k.entries() + " " + k.errors());
    }

    @Test
    void registryLineFormat() {
        RpslObject o = RpslObject.parse("inetnum: 193.0.0.0 - 193.0.1.255\nnetname: RIPE-NCC\ncreated: 1995-01-01T12:00:00Z\n");
        assertEquals("193.0.0.0 - 193.0.1.255 512 19950101 RIPE-NCC", KeptAssignmentLine.format(o));
        RpslObject old = RpslObject.parse("inetnum: 10.0.0.0 - 10.0.0.255\nnetname: OLD\nchanged: a@b.example 960101\nchanged: a@b.example 930319\n");
        assertEquals("10.0.0.0 - 10.0.0.255 256 19930319 OLD", KeptAssignmentLine.format(old));
        RpslObject v6 = RpslObject.parse("inet6num: 2001:db8::/48\nnetname: SIX\n");
        assertEquals("2001:db8::/48 1208925819614629174706176 00000000 SIX", KeptAssignmentLine.format(v6));
    }
}
