package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;

class ClosingLirsTest {
    private static final Instant SINCE = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void createsUnderAClosingAllocationAreRefusedWithTheReason() {
        MapLookup db = new MapLookup(
                "inetnum: 10.0.0.0 - 10.0.255.255\nstatus: ALLOCATED PA\nremarks: " + RegistryMarks.closingRemark("LIR-MNT", SINCE) + "\n",
                "inetnum: 10.1.0.0 - 10.1.255.255\nstatus: ALLOCATED PA\nremarks: an ordinary remark\n");
        ClosingLirs closing = new ClosingLirs(db);
        String reason = closing.refusal(RpslObject.parse("inetnum: 10.0.3.0 - 10.0.3.255\n")).orElseThrow();
        assertTrue(reason.contains("LIR-MNT is closing (since 2026-11-01T10:00:00Z)"), reason);
        assertTrue(closing.refusal(RpslObject.parse("inetnum: 10.1.3.0 - 10.1.3.255\n")).isEmpty());
        assertTrue(closing.refusal(RpslObject.parse("route: 10.0.3.0/24\n")).isEmpty(), "only inet(6)num creates");
        assertEquals("LIR-MNT", closing.closingAt(net.whoisd.rpsl.IpRange.parse("10.0.0.0/24").orElseThrow()).orElseThrow().mntner());
    }

    @Test
    void marksRoundTripAndCanBeRemoved() {
        RpslObject marked = LirClosure.withRemark(RpslObject.parse("inetnum: 10.0.0.0/16\nmnt-by: HM\nsource: TEST\n"),
                RegistryMarks.closingRemark("X-MNT", SINCE));
        assertEquals("remarks", marked.attributes().get(1).name(), "placed before mnt-by");
        assertEquals(SINCE, RegistryMarks.closing(marked).orElseThrow().since());
        assertTrue(RegistryMarks.closing(RegistryMarks.withoutClosing(marked)).isEmpty());
        RpslObject locked = RpslObject.parse("inetnum: x\nremarks: " + RegistryMarks.transferLockRemark(SINCE) + "\n");
        assertEquals(Instant.parse("2031-11-01T10:00:00Z"), RegistryMarks.transferLock(locked).orElseThrow().lockedUntil());
    }
}
