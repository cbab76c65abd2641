package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;

class MaintainersTest {
    @Test
    void replacesEverywhereKeepsOthersAndDropsDuplicates() {
        RpslObject o = RpslObject.parse("inetnum: 10.0.0.0/24\nmnt-by: LIR-MNT, CUST-MNT\nmnt-by: END-MNT\n"
                + "mnt-lower: lir-mnt\nmnt-routes: LIR-MNT {10.0.0.0/24^+}\nmnt-domains: OTHER-MNT\nadmin-c: LIR-MNT\n");
        RpslObject r = Maintainers.replace(o, "LIR-MNT", "END-MNT");
        assertEquals(List.of("END-MNT", "CUST-MNT"), r.values("mnt-by"));
        assertEquals(List.of("END-MNT"), r.values("mnt-lower"));
        assertEquals(List.of("END-MNT {10.0.0.0/24^+}"), r.values("mnt-routes"));
        assertEquals(List.of("OTHER-MNT"), r.values("mnt-domains"));
        assertEquals("LIR-MNT", r.value("admin-c"), "only maintainer attributes change");
        assertSame(o.find("mnt-domains").orElseThrow(), r.find("mnt-domains").orElseThrow());
    }
}
