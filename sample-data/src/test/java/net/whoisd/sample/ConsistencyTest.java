package net.whoisd.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.RpslLexer;
import org.junit.jupiter.api.Test;

/** The checker the data tests rely on must itself catch each kind of breakage. */
class ConsistencyTest {

    private static List<String> problems(String text) {
        Consistency check = new Consistency();
        RpslLexer.parseAll(text).stream().map(ParsedObject::object).forEach(check::add);
        return check.problems();
    }

    private static final String BASE = """
            mntner:         A-MNT
            admin-c:        P1-TEST
            mnt-by:         A-MNT
            source:         TEST

            person:         Pat Example
            nic-hdl:        P1-TEST
            mnt-by:         A-MNT
            source:         TEST

            inetnum:        10.0.0.0 - 10.255.255.255
            status:         ALLOCATED UNSPECIFIED
            admin-c:        P1-TEST
            mnt-by:         A-MNT
            source:         TEST

            """;

    @Test
    void aConsistentSetHasNoProblems() {
        assertEquals(List.of(), problems(BASE));
    }

    @Test
    void anUnresolvedReferenceIsReported() {
        List<String> p = problems(BASE.replace("admin-c:        P1-TEST\nmnt-by", "admin-c:        P9-TEST\nmnt-by"));
        assertTrue(p.stream().anyMatch(s -> s.contains("P9-TEST")), p.toString());
    }

    @Test
    void partialOverlapsAndWrongParentStatusesAreReported() {
        String overlap = BASE + """
                inetnum:        10.0.0.0 - 10.0.0.255
                status:         ALLOCATED PA
                mnt-by:         A-MNT
                source:         TEST

                inetnum:        10.0.0.128 - 10.0.1.255
                status:         ASSIGNED PA
                mnt-by:         A-MNT
                source:         TEST

                inetnum:        10.1.0.0 - 10.1.0.255
                status:         ASSIGNED PA
                mnt-by:         A-MNT
                source:         TEST

                """;
        List<String> p = problems(overlap);
        assertTrue(p.stream().anyMatch(s -> s.contains("partially overlaps")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("ASSIGNED PA under ALLOCATED UNSPECIFIED")), p.toString());
    }
}
