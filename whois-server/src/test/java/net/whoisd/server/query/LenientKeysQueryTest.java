package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects a lenient import loaded with legacy or foreign keys are found by their key as written, and
 * a key typed in another form than the stored one ({@code as03255}) is normalised as the import
 * normalised it: over a real socket, on a store built by the importer.
 */
class LenientKeysQueryTest {
    @TempDir
    static Path tmp;

    private static TestServer server;

    static final String APNIC_STYLE_PERSON = """
            person:         Chen Example
            address:        6 Cordelia Street, South Brisbane
            country:        AU
            phone:          +61-7-3858-3100
            e-mail:         chen@example.net.au
            nic-hdl:        C51767-TEST
            mnt-by:         EX-MNT
            source:         TEST # Filtered
            """;

    static final String DN42_PERSON = """
            person:         Astro Anax
            contact:        xmpp:astroanax@example.org
            nic-hdl:        ASTROANAX-DN42
            mnt-by:         EX-MNT
            source:         TEST
            """;

    static final String ARIN_STYLE_PERSON = """
            person:         Nathan Laye
            address:        3635 Concorde Parkway
            phone:          +1 703 227 0660
            nic-hdl:        NLAYE-ARIN
            mnt-by:         EX-MNT
            source:         TEST
            """;

    static final String ONE_LETTER_PERSON = """
            person:         Anna Example
            address:        Singel 258
            phone:          +31 20 535 4444
            nic-hdl:        A1-TEST
            mnt-by:         EX-MNT
            source:         TEST
            """;

    static final String AUT_NUM_WITH_LEADING_ZERO = """
            aut-num:        as03255
            as-name:        UARNET-AS
            admin-c:        EA12-TEST
            tech-c:         EA12-TEST
            mnt-by:         EX-MNT
            source:         TEST
            """;

    static final String ROUTE_TWO_ORIGINS = """
            route:          192.0.2.0/24
            descr:          Example customer route
            origin:         AS64496
            origin:         AS64497
            mnt-by:         EX-MNT
            source:         TEST
            """;

    static final String BARE_AUT_NUM = """
            aut-num:        278
            as-name:        UNAM-AS
            country:        MX
            source:         TEST
            """;

    static final String REVERSE_ROOT = """
            domain:         in-addr.arpa
            descr:          IPv4 reverse root
            nserver:        a.in-addr-servers.arpa
            source:         TEST
            """;

    static final String ORGANISATION_WITHOUT_SUFFIX = """
            organisation:   ORG-EXA1
            org-name:       Example Networks Ltd
            org-type:       LIR
            source:         TEST
            """;

    @BeforeAll
    static void importAndServe() throws Exception {
        Path dump = tmp.resolve("legacy.db");
        Files.writeString(dump, String.join("\n", APNIC_STYLE_PERSON, DN42_PERSON, ARIN_STYLE_PERSON, ONE_LETTER_PERSON,
                AUT_NUM_WITH_LEADING_ZERO, ROUTE_TWO_ORIGINS, BARE_AUT_NUM, REVERSE_ROOT, ORGANISATION_WITHOUT_SUFFIX));
        server = TestServer.importAndStart(dump, tmp.resolve("data"), 9);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String body(String query) throws Exception {
        return TestServer.body(server.query(query));
    }

    @Test
    void lenientlyLoadedHandlesAreFoundByTheirKeyAsWrittenAndServedAsTheyCame() throws Exception {
        assertTrue(body("-B -r C51767-TEST").contains(APNIC_STYLE_PERSON), body("-B -r C51767-TEST"));
        assertTrue(body("-B -r c51767-test").contains(APNIC_STYLE_PERSON));
        assertTrue(body("-B -r ASTROANAX-DN42").contains(DN42_PERSON), body("-B -r ASTROANAX-DN42"));
        assertTrue(body("-B -r NLAYE-ARIN").contains(ARIN_STYLE_PERSON));
        assertTrue(body("-B -r A1-TEST").contains(ONE_LETTER_PERSON));
        assertTrue(body("-B -r Astro Anax").contains(DN42_PERSON), "the name finds it too");
        assertTrue(body("-B -r 192.0.2.0/24AS64496").contains(ROUTE_TWO_ORIGINS), "the first origin is the route's key");
        assertTrue(body("-B -r 278").contains(BARE_AUT_NUM), body("-B -r 278"));
        assertTrue(body("-B -r in-addr.arpa").contains(REVERSE_ROOT), body("-B -r in-addr.arpa"));
        assertTrue(body("-B -r ORG-EXA1").contains(ORGANISATION_WITHOUT_SUFFIX), body("-B -r ORG-EXA1"));
    }

    @Test
    void anAsNumberWithLeadingZerosFindsTheAutNumImportNormalised() throws Exception {
        for (String key : List.of("as03255", "AS03255", "AS3255", "as3255")) {
            String answer = body("-r " + key);
            assertTrue(answer.contains("aut-num:        AS3255\n"), key + ":\n" + answer);
            assertFalse(answer.contains("%ERROR:101"), key);
        }
        assertTrue(body("-r -T route 192.0.2.0/24AS064496").contains("route:          192.0.2.0/24\n"));
        assertTrue(body("-r AS32550").contains("%ERROR:101"), "another number is not found");
    }
}
