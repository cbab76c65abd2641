package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.GZIPInputStream;
import net.whoisd.rpsl.ObjectType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lenient import of real-looking objects of the registries whose dumps lost objects at import:
 * every object with a known class and a non-empty primary key loads, exactly as written, and each
 * problem is a warning with file:line, counted by reason.
 */
class LenientImportTest {
    @TempDir
    Path tmp;

    private final List<String> rejected = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private BulkImporter.Summary load(Path data, String source, boolean strict, String... paragraphs) throws IOException {
        Path file = tmp.resolve(source.toLowerCase() + ".db");
        Files.writeString(file, String.join("\n", paragraphs));
        return new BulkImporter(data, source, strict, false, new BulkImporter.Listener() {
            @Override
            public void rejected(String file, int line, String reason) {
                rejected.add(Path.of(file).getFileName() + ":" + line + ": " + reason);
            }

            @Override
            public void warning(String file, int line, String reason) {
                warnings.add(Path.of(file).getFileName() + ":" + line + ": " + reason);
            }

            @Override
            public void progress(long objects, long bytesRead, long totalBytes, long elapsedMillis) {
            }
        }).importFiles(List.of(file));
    }

    private static String stored(PersistentDatabase db, ObjectType type, String key) {
        return db.get(type, key).orElseThrow(() -> new AssertionError(type + " " + key + " not stored")).object().toText();
    }

    private static final String RIPE_PERSON_ONE_LETTER = """
            person:         Anna Example
            address:        Singel 258
            address:        Amsterdam
            phone:          +31 20 535 4444
            nic-hdl:        A1-RIPE
            mnt-by:         EXAMPLE-MNT
            created:        2002-05-13T09:06:02Z
            last-modified:  2002-05-13T09:06:02Z
            source:         RIPE # Filtered
            """;

    private static final String RIPE_ROLE_LETTER_ONLY = """
            role:           Example NOC
            address:        Singel 258
            nic-hdl:        Z-RIPE
            mnt-by:         EXAMPLE-MNT
            source:         RIPE
            """;

    private static final String RIPE_AUT_NUM_LEADING_ZERO = """
            aut-num:        as03255
            as-name:        UARNET-AS
            org:            ORG-EA1-RIPE
            admin-c:        EA12-RIPE
            tech-c:         EA12-RIPE
            status:         LEGACY
            mnt-by:         EXAMPLE-MNT
            source:         RIPE
            """;

    private static final String RIPE_REVERSE_ROOT = """
            domain:         in-addr.arpa
            descr:          IPv4 reverse root
            admin-c:        A1-RIPE
            tech-c:         A1-RIPE
            zone-c:         A1-RIPE
            nserver:        a.in-addr-servers.arpa
            mnt-by:         EXAMPLE-MNT
            source:         RIPE
            """;

    @Test
    void ripeFilteredSourceOneLetterHandlesAndTheReverseRootLoadAsWritten() throws IOException {
        Path data = tmp.resolve("ripe");
        BulkImporter.Summary s = load(data, "RIPE", false, RIPE_PERSON_ONE_LETTER, RIPE_ROLE_LETTER_ONLY, RIPE_AUT_NUM_LEADING_ZERO,
                RIPE_REVERSE_ROOT);
        assertEquals(List.of(), rejected);
        assertEquals(4, s.loaded());
        assertTrue(warnings.contains("ripe.db:5: nic-hdl: syntax error in \"A1-RIPE\": not a NIC handle"), warnings.toString());
        assertTrue(warnings.contains("ripe.db:9: source: comments are not allowed on \"source\"; kept as it is"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("ripe.db:13: nic-hdl: syntax error in \"Z-RIPE\"")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("ripe.db:26: domain: syntax error in \"in-addr.arpa\"")), warnings.toString());
        assertEquals(2, s.warnings().byReason().stream().filter(e -> e.getKey().equals("nic-hdl syntax")).findFirst().orElseThrow().getValue());
        try (PersistentDatabase db = PersistentDatabase.open(data, "RIPE")) {
            assertEquals(RIPE_PERSON_ONE_LETTER, stored(db, ObjectType.PERSON, "A1-RIPE"), "kept byte for byte, comment on source included");
            assertEquals(RIPE_ROLE_LETTER_ONLY, stored(db, ObjectType.ROLE, "Z-RIPE"));
            assertEquals(RIPE_REVERSE_ROOT, stored(db, ObjectType.DOMAIN, "in-addr.arpa"));
            // a valid object is normalised as before: the key has one form however it is written
            assertEquals(RIPE_AUT_NUM_LEADING_ZERO.replace("as03255", "AS3255"), stored(db, ObjectType.AUT_NUM, "AS3255"));
            assertEquals(1, db.lookup("a1-ripe", EnumSet.of(ObjectType.PERSON)).size());
            assertEquals(1, db.inverse("admin-c", "A1-RIPE", EnumSet.allOf(ObjectType.class)).size());
        }
    }

    @Test
    void strictImportStillRejectsWhatLenientLoads() throws IOException {
        BulkImporter.Summary s = load(tmp.resolve("strict"), "RIPE", true, RIPE_PERSON_ONE_LETTER, RIPE_ROLE_LETTER_ONLY,
                RIPE_REVERSE_ROOT, RIPE_AUT_NUM_LEADING_ZERO);
        assertEquals(1, s.loaded(), rejected.toString());
        assertEquals(3, s.rejected());
        assertTrue(rejected.get(0).startsWith("ripe.db:1: ") && rejected.get(0).contains("not a NIC handle"), rejected.toString());
    }

    private static final String APNIC_PERSON = """
            person:         Chen Example
            address:        6 Cordelia Street, South Brisbane
            country:        AU
            phone:          +61-7-3858-3100
            e-mail:         chen@example.net.au
            nic-hdl:        C51767-AP
            mnt-by:         MAINT-AU-EXAMPLE
            last-modified:  2019-06-19T01:20:33Z
            source:         APNIC
            """;

    private static final String APNIC_INETNUM_WITH_IPV6_RANGE = """
            inetnum:        2001:db8:: - 2001:db8:0:ffff:ffff:ffff:ffff:ffff
            netname:        EXAMPLE-V6-AU
            descr:          IPv6 range entered in inetnum
            country:        AU
            admin-c:        C51767-AP
            tech-c:         C51767-AP
            status:         ALLOCATED PORTABLE
            mnt-by:         MAINT-AU-EXAMPLE
            source:         APNIC
            """;

    @Test
    void apnicHandleWithOneLetterAndAnIpv6RangeInInetnumLoad() throws IOException {
        Path data = tmp.resolve("apnic");
        BulkImporter.Summary s = load(data, "APNIC", false, APNIC_PERSON, APNIC_INETNUM_WITH_IPV6_RANGE);
        assertEquals(List.of(), rejected);
        assertEquals(2, s.loaded());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("apnic.db:6: nic-hdl: syntax error")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("apnic.db:11: inetnum: syntax error")), warnings.toString());
        try (PersistentDatabase db = PersistentDatabase.open(data, "APNIC")) {
            assertEquals(APNIC_PERSON, stored(db, ObjectType.PERSON, "C51767-AP"));
            assertEquals(APNIC_INETNUM_WITH_IPV6_RANGE, stored(db, ObjectType.INETNUM, "2001:DB8:: - 2001:DB8:0:FFFF:FFFF:FFFF:FFFF:FFFF"));
            assertEquals(1, db.lookup("EXAMPLE-V6-AU", EnumSet.of(ObjectType.INETNUM)).size());
        }
    }

    private static final String AFRINIC_ORGANISATION = """
            organisation:   ORG-EXA1
            org-name:       Example Networks Ltd
            org-type:       LIR
            country:        ZA
            address:        11th Floor, Raffles Tower
            e-mail:         hostmaster@example.co.za
            mnt-ref:        AFRINIC-HM-MNT
            mnt-by:         AFRINIC-HM-MNT
            source:         AFRINIC
            """;

    private static final String LACNIC_AUT_NUM = """
            aut-num:        278
            owner:          Universidad Nacional Autonoma de Mexico
            ownerid:        MX-UNAM-LACNIC
            responsible:    Example Contact
            country:        MX
            source:         LACNIC
            """;

    @Test
    void afrinicOrganisationWithoutSuffixAndLacnicAutNumWithoutAsLoad() throws IOException {
        Path afrinic = tmp.resolve("afrinic");
        assertEquals(1, load(afrinic, "AFRINIC", false, AFRINIC_ORGANISATION).loaded(), rejected.toString());
        try (PersistentDatabase db = PersistentDatabase.open(afrinic, "AFRINIC")) {
            assertEquals(AFRINIC_ORGANISATION, stored(db, ObjectType.ORGANISATION, "ORG-EXA1"));
        }
        Path lacnic = tmp.resolve("lacnic");
        BulkImporter.Summary s = load(lacnic, "LACNIC", false, LACNIC_AUT_NUM);
        assertEquals(1, s.loaded(), rejected.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("lacnic.db:1: aut-num: syntax error in \"278\"")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("lacnic.db:2: owner: ")), "unknown attributes kept, with a warning");
        try (PersistentDatabase db = PersistentDatabase.open(lacnic, "LACNIC")) {
            assertEquals(LACNIC_AUT_NUM, stored(db, ObjectType.AUT_NUM, "278"));
        }
    }

    private static final String DN42_PERSON = """
            person:         Astro Anax
            contact:        xmpp:astroanax@example.org
            nic-hdl:        ASTROANAX-DN42
            mnt-by:         ASTROANAX-MNT
            source:         DN42
            """;

    private static final String RADB_ROUTE_TWO_ORIGINS = """
            route:          192.0.2.0/24
            descr:          Example customer route
            origin:         AS64496
            origin:         AS64497
            mnt-by:         MAINT-AS64496
            changed:        noc@example.com 20050816
            source:         RADB
            """;

    private static final String RADB_ARIN_STYLE_PERSON = """
            person:         Nathan Laye
            address:        3635 Concorde Parkway
            phone:          +1 703 227 0660
            e-mail:         nlaye@example.com
            nic-hdl:        NLAYE-ARIN
            mnt-by:         MAINT-AS64496
            source:         RADB
            """;

    @Test
    void dn42HandleRadbRouteWithTwoOriginsAndArinStyleHandleLoad() throws IOException {
        Path dn42 = tmp.resolve("dn42");
        assertEquals(1, load(dn42, "DN42", false, DN42_PERSON).loaded(), rejected.toString());
        try (PersistentDatabase db = PersistentDatabase.open(dn42, "DN42")) {
            assertEquals(DN42_PERSON, stored(db, ObjectType.PERSON, "ASTROANAX-DN42"));
            assertEquals(1, db.lookup("astroanax-dn42", EnumSet.of(ObjectType.PERSON)).size());
        }
        Path radb = tmp.resolve("radb");
        BulkImporter.Summary s = load(radb, "RADB", false, RADB_ROUTE_TWO_ORIGINS, RADB_ARIN_STYLE_PERSON);
        assertEquals(2, s.loaded(), rejected.toString());
        assertTrue(warnings.contains("radb.db:4: origin: attribute \"origin\" appears 2 times; only one is allowed"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("radb.db:13: nic-hdl: syntax error in \"NLAYE-ARIN\"")), warnings.toString());
        try (PersistentDatabase db = PersistentDatabase.open(radb, "RADB")) {
            assertEquals(RADB_ROUTE_TWO_ORIGINS, stored(db, ObjectType.ROUTE, "192.0.2.0/24AS64496"), "the first origin is the key");
            assertEquals(RADB_ARIN_STYLE_PERSON, stored(db, ObjectType.PERSON, "NLAYE-ARIN"));
        }
    }

    private static final String ALTDB_ROUTE_WITHOUT_SOURCE = """
            route:          198.51.100.0/24
            descr:          Example Networks
            origin:         AS64500
            mnt-by:         MAINT-EXAMPLE
            """;

    private static final String JPIRR_DELETED_ROUTE = """
            *xxte:          203.0.113.0/24
            *xxcr:          Deleted route
            *xxgin:         AS64501
            *xxrce:         JPIRR
            """;

    private static final String JPIRR_ROUTE_WITH_MARKER_LINE = """
            route:          203.0.113.0/25
            descr:          Example Japan
            *xx-by:         MAINT-OLD
            origin:         AS64502
            mnt-by:         MAINT-AS64502
            source:         JPIRR
            """;

    @Test
    void altdbObjectWithoutSourceLoadsAndJpirrDeletionMarkersAreSkippedWithAWarning() throws IOException {
        Path altdb = tmp.resolve("altdb");
        assertEquals(1, load(altdb, "ALTDB", false, ALTDB_ROUTE_WITHOUT_SOURCE).loaded(), rejected.toString());
        assertEquals(List.of("altdb.db:1: source: mandatory attribute \"source\" is missing"), warnings);
        try (PersistentDatabase db = PersistentDatabase.open(altdb, "ALTDB")) {
            assertEquals(ALTDB_ROUTE_WITHOUT_SOURCE, stored(db, ObjectType.ROUTE, "198.51.100.0/24AS64500"), "no source is made up");
        }
        warnings.clear();
        Path jpirr = tmp.resolve("jpirr");
        BulkImporter.Summary s = load(jpirr, "JPIRR", false, JPIRR_DELETED_ROUTE, JPIRR_ROUTE_WITH_MARKER_LINE);
        assertEquals(List.of(), rejected);
        assertEquals(1, s.loaded());
        assertEquals(List.of("jpirr.db:1: deleted object (*xx lines) skipped", "jpirr.db:8: deletion-marker line (*xx) skipped"), warnings);
        assertEquals("2 (deleted object (*xx lines) 1; deletion-marker line (*xx) 1)", s.warnings().summary());
        try (PersistentDatabase db = PersistentDatabase.open(jpirr, "JPIRR")) {
            assertEquals(1, db.size());
            assertEquals(JPIRR_ROUTE_WITH_MARKER_LINE.replace("*xx-by:         MAINT-OLD\n", ""),
                    stored(db, ObjectType.ROUTE, "203.0.113.0/25AS64502"));
        }
    }

    @Test
    void autoPlaceholderKeysAreRefusedWithFileAndLineInBothModes() throws IOException {
        String autoPerson = """
                person:         New Person
                address:        Singel 258
                phone:          +31 20 535 4444
                e-mail:         new.person@example.net
                nic-hdl:        AUTO-1
                mnt-by:         EXAMPLE-MNT
                source:         RIPE
                """;
        String autoOrganisation = """
                organisation:   AUTO-2
                org-name:       Example Org
                org-type:       OTHER
                address:        Singel 258
                e-mail:         org@example.net
                mnt-ref:        EXAMPLE-MNT
                mnt-by:         EXAMPLE-MNT
                source:         RIPE
                """;
        for (boolean strict : new boolean[] {false, true}) {
            rejected.clear();
            BulkImporter.Summary s = load(tmp.resolve("auto-" + strict), "RIPE", strict, autoPerson, autoOrganisation, RIPE_AUT_NUM_LEADING_ZERO);
            assertEquals(1, s.loaded(), rejected.toString());
            assertEquals(2, s.rejected());
            assertTrue(rejected.get(0).startsWith("ripe.db:1: primary key AUTO-1 is a placeholder"), rejected.toString());
            assertTrue(rejected.get(1).startsWith("ripe.db:9: primary key AUTO-2 is a placeholder"), rejected.toString());
        }
    }

    private static final String RFC2622_MNTNER = """
            mntner:         MNT-EXAMPLE
            descr:          RFC 2622 example maintainer
            admin-c:        JD1-TEST
            upd-to:         dbadmin@example.net
            auth:           NONE
            mnt-by:         MNT-EXAMPLE
            source:         TEST
            """;

    @Test
    void rfcExamplesLoadAndExportByteForByteThroughBothImportPaths() throws IOException {
        Path data = tmp.resolve("rfc");
        String route = RADB_ROUTE_TWO_ORIGINS.replace("RADB", "TEST");
        BulkImporter.Summary first = load(data, "TEST", false, RFC2622_MNTNER);
        assertEquals(1, first.loaded(), rejected.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("test.db:5: auth: syntax error")), warnings.toString());
        // into the non-empty store the same objects go through ordinary commits
        BulkImporter.Summary second = load(data, "TEST", false, RFC2622_MNTNER, route);
        assertFalse(second.fastPath());
        assertEquals(1, second.created());
        assertEquals(0, second.modified(), "the object as it came compares equal to itself");
        Path out = tmp.resolve("export");
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            DumpExporter.export(db, out, false);
        }
        assertEquals(RFC2622_MNTNER + "\n", gunzip(out.resolve("test.db.mntner.gz")));
        assertEquals(route + "\n", gunzip(out.resolve("test.db.route.gz")));
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
