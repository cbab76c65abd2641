package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ReverseDomain;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReverseDelegationTest {
    private final MapLookup space = new MapLookup(
            "inetnum: 193.0.0.0 - 193.0.255.255\nstatus: ALLOCATED PA\n",
            "inet6num: 2001:db8::/32\nstatus: ALLOCATED-BY-RIR\n");
    private final ReverseDelegationRules rules = new ReverseDelegationRules(space, "ns.ripe.net.");

    @ParameterizedTest
    @CsvSource({
            "193.in-addr.arpa, 193.0.0.0/8",
            "0.193.in-addr.arpa, 193.0.0.0/16",
            "2.0.193.in-addr.arpa., 193.0.2.0/24",
            "0-127.2.0.193.in-addr.arpa, 193.0.2.0 - 193.0.2.127",
            "8.b.d.0.1.0.0.2.ip6.arpa, 2001:db8::/32",
            "0.8.b.d.0.1.0.0.2.ip6.arpa, 2001:db8::/36"})
    void zoneNamesMapToRanges(String zone, String range) {
        assertEquals(IpRange.parse(range).orElseThrow(), ReverseDomain.toRange(zone).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"256.in-addr.arpa", "1.2.3.4.5.in-addr.arpa", "x.ip6.arpa", "127-0.2.0.193.in-addr.arpa", "example.com"})
    void badNamesHaveNoRange(String zone) {
        assertTrue(ReverseDomain.toRange(zone).isEmpty());
    }

    @Test
    void aValidSlash24Passes() {
        assertEquals(List.of(), rules.check(RpslObject.parse("domain: 2.0.193.in-addr.arpa\nnserver: ns1.lir.example\nnserver: ns2.lir.example\n")));
    }

    @Test
    void outsideRegisteredSpaceIsRefused() {
        List<String> errors = rules.check(RpslObject.parse("domain: 2.0.194.in-addr.arpa\nnserver: a.example\nnserver: b.example\n"));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("not inside address space registered"), errors.get(0));
    }

    @Test
    void oneNameServerIsNotEnoughEvenIfListedTwice() {
        List<String> errors = rules.check(RpslObject.parse("domain: 2.0.193.in-addr.arpa\nnserver: a.example\nnserver: A.example.\n"));
        assertTrue(errors.get(0).startsWith("nserver: a reverse delegation needs at least 2"), errors.toString());
    }

    @Test
    void blockDelegationNeedsTheRegistrySecondary() {
        RpslObject without = RpslObject.parse("domain: 0.193.in-addr.arpa\nnserver: a.example\nnserver: b.example\n");
        assertTrue(rules.check(without).get(0).contains("must also list the registry's secondary ns.ripe.net"));
        RpslObject with = RpslObject.parse("domain: 0.193.in-addr.arpa\nnserver: a.example\nnserver: b.example\nnserver: NS.RIPE.NET\n");
        assertEquals(List.of(), rules.check(with));
        RpslObject v6 = RpslObject.parse("domain: 8.b.d.0.1.0.0.2.ip6.arpa\nnserver: a.example\nnserver: b.example\n");
        assertEquals(1, rules.check(v6).size());
        assertEquals(List.of(), new ReverseDelegationRules(space, null).check(without), "no secondary configured");
    }

    @Test
    void theSecondaryIsNotOneOfTheTwoNameServers() {
        RpslObject secondaryPlusOne = RpslObject.parse("domain: 2.0.193.in-addr.arpa\nnserver: ns.ripe.net\nnserver: a.example\n");
        assertEquals(List.of("nserver: a reverse delegation needs at least 2 name servers besides the registry's secondary"
                + " ns.ripe.net; 2.0.193.in-addr.arpa lists 1 besides it"), rules.check(secondaryPlusOne));
        RpslObject secondaryPlusTwo = RpslObject.parse("domain: 2.0.193.in-addr.arpa\nnserver: ns.ripe.net\nnserver: a.example\nnserver: b.example\n");
        assertEquals(List.of(), rules.check(secondaryPlusTwo));
    }

    @Test
    void forwardDomainsAreNotTheRegistrysConcern() {
        assertEquals(List.of(), rules.check(RpslObject.parse("domain: example.com\nnserver: a.example\n")));
        assertTrue(rules.check(RpslObject.parse("domain: 999.in-addr.arpa\nnserver: a\nnserver: b\n")).get(0).contains("not a valid reverse zone"));
    }

    @Test
    void zoneWriterGroupsByParentWithGlueAndDs() {
        ReverseZoneWriter w = new ReverseZoneWriter();
        assertTrue(w.add(RpslObject.parse("domain: 2.0.193.in-addr.arpa\nnserver: ns1.2.0.193.in-addr.arpa 193.0.2.53\nnserver: ns2.lir.example\nds-rdata: 12345 8 2 ABCDEF\n")));
        assertTrue(w.add(RpslObject.parse("domain: 1.0.193.in-addr.arpa\nnserver: ns.other.example.\nnserver: ns2.other.example\n")));
        assertTrue(w.add(RpslObject.parse("domain: 0.193.in-addr.arpa\nnserver: ns.lir.example\nnserver: ns.ripe.net\n")));
        assertTrue(!w.add(RpslObject.parse("domain: example.com\nnserver: a.example\n")));
        Map<String, String> zones = w.zones("TEST", 42);
        assertEquals(List.of("0.193.in-addr.arpa", "193.in-addr.arpa"), List.copyOf(zones.keySet()));
        String z = zones.get("0.193.in-addr.arpa");
        assertTrue(z.contains("$ORIGIN 0.193.in-addr.arpa.\n"), z);
        assertTrue(z.indexOf("1.0.193.in-addr.arpa.\tIN\tNS\tns.other.example.\n") < z.indexOf("2.0.193.in-addr.arpa.\tIN\tNS\tns1.2.0.193.in-addr.arpa.\n"), z);
        assertTrue(z.contains("ns1.2.0.193.in-addr.arpa.\tIN\tA\t193.0.2.53\n"), z);
        assertTrue(z.contains("2.0.193.in-addr.arpa.\tIN\tDS\t12345 8 2 ABCDEF\n"), z);
        assertTrue(zones.get("193.in-addr.arpa").contains("0.193.in-addr.arpa.\tIN\tNS\tns.ripe.net.\n"));
    }
}
