package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.config.SpecialPurposeSpace;
import net.whoisd.storage.Change;
import net.whoisd.storage.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waiting list hands out only the registry's own blocks: never the IANA root object a RIPE dump
 * holds, never special-purpose space, and only {@code registry.free-pool} when that is configured.
 */
class FreePoolHttpTest {
    @TempDir
    Path dir;

    private static RpslObject unspecified(String range, String netname) {
        return RpslObject.parse("inetnum: " + range + "\nnetname: " + netname + "\ncountry: EU\nadmin-c: AR1-TEST\n"
                + "tech-c: AR1-TEST\nstatus: ALLOCATED UNSPECIFIED\nmnt-by: TEST-NCC-HM-MNT\nsource: TEST\n");
    }

    /** Requests a /24 for ORG-LIR1-TEST, fulfils, and returns the block it was given. */
    private static IpRange requestAndFulfil(RegistryFixture f) throws Exception {
        var request = f.post("waitlist/request", "org", "ORG-LIR1-TEST", "max", "/24", "min", "/24");
        assertEquals(200, request.status(), request.body());
        var done = f.post("waitlist/fulfil");
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("1 request(s) fulfilled"), done.body());
        return f.db.inverse("org", "ORG-LIR1-TEST", Set.of(ObjectType.INETNUM)).stream().map(StoredObject::object)
                .filter(o -> RegistryMarks.transferLock(o).isPresent()).map(Allocations::range).findFirst().orElseThrow();
    }

    @Test
    void theIanaRootAndReservedSpaceHeldByTheRegistryAreNotInThePool() throws Exception {
        try (RegistryFixture f = new RegistryFixture(dir.resolve("root"))) {
            f.db.commit(List.of(Change.create(unspecified("0.0.0.0 - 255.255.255.255", "IANA-BLK")),
                    Change.create(unspecified("10.0.0.0 - 10.255.255.255", "RFC1918"))));
            List<IpRange> pool = new WaitlistOperations(RegistryContext.of(f.db, f.config, f.clock)).freePool().ranges();
            for (IpRange free : pool) {
                assertTrue(SpecialPurposeSpace.overlapped(free).isEmpty(), free + " is special-purpose space");
                assertTrue(free.startLo() >= 77L << 24, free + " lies outside the synthetic registry's /8s");
            }
            IpRange granted = requestAndFulfil(f);
            assertEquals(24, granted.prefixLength());
            assertTrue(granted.startLo() >= 77L << 24 && SpecialPurposeSpace.overlapped(granted).isEmpty(), granted.toString());
            assertEquals(1, f.db.ranges(ObjectType.INETNUM, granted, net.whoisd.storage.RangeQuery.ONE_LESS).size());
            assertEquals("ALLOCATED UNSPECIFIED", Allocations.status(
                    f.db.ranges(ObjectType.INETNUM, granted, net.whoisd.storage.RangeQuery.ONE_LESS).get(0).object()));
            assertTrue(f.object(ObjectType.INETNUM, "0.0.0.0 - 0.0.3.255") == null);
        }
    }

    @Test
    void aConfiguredPoolIsAllThereIs() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("registry.free-pool", "185.0.0.0/24, 185.0.2.0 - 185.0.2.255");
        try (RegistryFixture f = new RegistryFixture(dir.resolve("configured"), d -> d, settings)) {
            f.db.commit(List.of(Change.create(unspecified("185.0.0.0 - 185.0.255.255", "EU-ZZ-185"))));
            IpRange granted = requestAndFulfil(f);
            assertEquals(IpRange.parse("185.0.0.0/24").orElseThrow(), granted);
            var request = f.post("waitlist/request", "org", "ORG-LIR2-TEST", "max", "/23", "min", "/23");
            assertEquals(200, request.status(), request.body());
            var unserved = f.post("waitlist/fulfil");
            assertTrue(unserved.body().contains("0 request(s) fulfilled, 1 still waiting"),
                    "185.0.2.0/24 is left, a /23 is not: " + unserved.body());
        }
    }

    @Test
    void aConfiguredPoolIsValidated() {
        for (String bad : List.of("0.0.0.0/0", "10.0.0.0/8", "192.168.1.0/24", "224.0.0.0/4", "not-a-range", "2001:db8::/32")) {
            Properties p = new Properties();
            p.setProperty("registry.free-pool", bad);
            var e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromProperties(p), bad);
            assertTrue(e.getMessage().contains("registry.free-pool: ") && e.getMessage().contains(bad), e.getMessage());
        }
        Properties p = new Properties();
        p.setProperty("registry.free-pool", "185.0.0.0/16");
        assertEquals(List.of(IpRange.parse("185.0.0.0/16").orElseThrow()), ServerConfig.fromProperties(p).registryFreePool());
    }
}
