package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * What lenient validation (imports) lets through that strict validation (updates) refuses: keys of
 * legacy dumps and other registries, a filtered source, a missing source, two origins; and the key
 * forms and placeholders the importer relies on.
 */
class LenientValidationTest {
    private static ObjectValidator lenient(String source) {
        return new ObjectValidator(ValidationMode.LENIENT, source);
    }

    private static ObjectValidator strict(String source) {
        return new ObjectValidator(ValidationMode.STRICT, source);
    }

    private static String person(String handle, String source) {
        return "person:         Example Person\n"
                + "address:        Example Street 1\n"
                + "phone:          +31 20 535 4444\n"
                + "e-mail:         person@example.net\n"
                + "nic-hdl:        " + handle + "\n"
                + "mnt-by:         EXAMPLE-MNT\n"
                + "source:         " + source + "\n";
    }

    private static boolean warned(ValidationResult r, String attribute) {
        return r.problems().stream().anyMatch(p -> attribute.equals(p.attribute()) && p.severity() == Severity.WARNING);
    }

    @ParameterizedTest
    @CsvSource({
            "C51767-TEST, TEST",     // APNIC-style, one letter and a number
            "C51767-AP, APNIC",
            "ASTROANAX-DN42, DN42",  // DN42: long name, suffix with digits
            "NLAYE-ARIN, RADB",      // ARIN-style, five letters
            "A1-TEST, TEST",         // one-letter prefix
            "Z-RIPE, RIPE",          // one letter alone
            "JD01-RIPE, RIPE",       // number with a leading zero
    })
    void legacyAndForeignHandlesAreWarningsLenientlyAndErrorsStrictly(String handle, String source) {
        RpslObject object = RpslObject.parse(person(handle, source));
        ValidationResult loose = lenient(source).validate(object);
        assertTrue(loose.isValid(), loose.problems().toString());
        assertTrue(warned(loose, "nic-hdl"), loose.problems().toString());
        assertEquals(handle, ObjectKey.of(loose.object()).key());
        assertFalse(strict(source).validate(object).isValid());
    }

    @Test
    void theUsualHandleIsNoWarning() {
        ValidationResult r = lenient("TEST").validate(RpslObject.parse(person("JD1-TEST", "TEST")));
        assertEquals(List.of(), r.problems());
    }

    @Test
    void aFilteredSourceIsTheSourceLenientlyAndAnErrorStrictly() {
        RpslObject object = RpslObject.parse(person("JD1-RIPE", "RIPE # Filtered"));
        ValidationResult r = lenient("RIPE").validate(object);
        assertTrue(r.isValid(), r.problems().toString());
        assertTrue(warned(r, "source"));
        assertFalse(strict("RIPE").validate(object).isValid());
        assertFalse(lenient("APNIC").validate(object).isValid(), "another registry's source is still refused");
    }

    @Test
    void aMissingSourceIsAWarningButAMissingOrEmptyKeyIsAnError() {
        String text = person("JD1-TEST", "TEST");
        ValidationResult noSource = lenient("TEST").validate(RpslObject.parse(text.replace("source:         TEST\n", "")));
        assertTrue(noSource.isValid(), noSource.problems().toString());
        assertTrue(warned(noSource, "source"));
        assertFalse(lenient("TEST").validate(RpslObject.parse(text.replace("nic-hdl:        JD1-TEST\n", ""))).isValid());
        assertFalse(lenient("TEST").validate(RpslObject.parse(text.replace("JD1-TEST", ""))).isValid());
    }

    @Test
    void aRouteWithTwoOriginsLoadsLenientlyKeyedByTheFirst() {
        RpslObject route = RpslObject.parse("route:          192.0.2.0/24\norigin:         AS64496\norigin:         AS64497\n"
                + "mnt-by:         MAINT-AS64496\nsource:         RADB\n");
        ValidationResult r = lenient("RADB").validate(route);
        assertTrue(r.isValid(), r.problems().toString());
        assertTrue(warned(r, "origin"));
        assertEquals(3, r.problems().stream().filter(p -> "origin".equals(p.attribute())).findFirst().orElseThrow().line(), "the second origin");
        assertEquals("192.0.2.0/24AS64496", ObjectKey.of(route).key());
        assertFalse(strict("RADB").validate(route).isValid());
    }

    @ParameterizedTest
    @CsvSource({
            "inetnum, 2001:db8:: - 2001:db8::ffff",
            "domain, in-addr.arpa",
            "aut-num, 278",
            "organisation, ORG-EXA1",
    })
    void malformedPrimaryKeysOfOtherClassesAreWarningsLeniently(String attribute, String key) {
        RpslObject object = RpslObject.parse(attribute + ": " + key + "\nmnt-by:         EXAMPLE-MNT\nsource:         TEST\n");
        ValidationResult r = lenient("TEST").validate(object);
        assertTrue(r.isValid(), r.problems().toString());
        assertTrue(warned(r, attribute), r.problems().toString());
        assertEquals(key, r.object().classValue(), "kept as written");
        assertFalse(strict("TEST").validate(object).isValid());
    }

    @Test
    void keysNormaliseTheSameForImportAndQuery() {
        assertEquals("AS3255", ObjectKey.normalise(ObjectType.AUT_NUM, "as03255"));
        assertEquals("AS0", ObjectKey.normalise(ObjectType.AUT_NUM, "AS000"));
        assertEquals("278", ObjectKey.normalise(ObjectType.AUT_NUM, "278"));
        RpslObject autNum = RpslObject.parse("aut-num: as03255\nsource: TEST\n");
        assertEquals("AS3255", ObjectKey.of(autNum).key());
        assertEquals("AS3255", ObjectKey.of(lenient("TEST").validate(autNum).object()).key());
        assertEquals("192.0.2.0/24AS64496", ObjectKey.of(RpslObject.parse("route: 192.0.2.0/24\norigin: as064496\nsource: TEST\n")).key());
        assertTrue(ObjectKey.hasCanonicalForm(ObjectType.AUT_NUM));
        assertFalse(ObjectKey.hasCanonicalForm(ObjectType.PERSON));
    }

    @Test
    void autoPlaceholdersAreRecognisedAsKeys() {
        assertTrue(ObjectKey.isPlaceholder(ObjectType.PERSON, RpslObject.parse(person("AUTO-1", "TEST"))));
        assertTrue(ObjectKey.isPlaceholder(ObjectType.PERSON, RpslObject.parse(person("AUTO-12JD", "TEST"))));
        assertTrue(ObjectKey.isPlaceholder(ObjectType.ORGANISATION, RpslObject.parse("organisation: AUTO-2\nsource: TEST\n")));
        assertTrue(ObjectKey.isPlaceholder(ObjectType.KEY_CERT, RpslObject.parse("key-cert: AUTO-3\nsource: TEST\n")));
        assertFalse(ObjectKey.isPlaceholder(ObjectType.PERSON, RpslObject.parse(person("A1-TEST", "TEST"))));
        assertFalse(ObjectKey.isPlaceholder(ObjectType.ORGANISATION, RpslObject.parse("organisation: ORG-AUTO1-TEST\nsource: TEST\n")));
    }

    @Test
    void deletionMarkersOfLegacyIrrdDumpsAreSkippedWithWarnings() throws IOException {
        String dump = """
                *xxte:          203.0.113.0/24
                *xxgin:         AS64501
                *xxrce:         JPIRR

                route:          203.0.113.0/25
                *xx-by:         MAINT-OLD
                origin:         AS64502
                source:         JPIRR
                """;
        List<ParsedObject> read = new ArrayList<>();
        try (DumpReader r = new DumpReader(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)), "jpirr.db")) {
            while (r.hasNext()) {
                read.add(r.next());
            }
        }
        assertEquals(2, read.size());
        assertTrue(read.get(0).isSkipped());
        assertEquals(List.of(Problem.warning(null, 1, "deleted object (*xx lines) skipped")), read.get(0).problems());
        ParsedObject route = read.get(1);
        assertFalse(route.isSkipped());
        assertFalse(route.hasErrors());
        assertEquals(List.of(Problem.warning(null, 6, "deletion-marker line (*xx) skipped")), route.problems());
        assertEquals(List.of("route", "origin", "source"), route.object().attributes().stream().map(RpslAttribute::name).toList());
        ParsedObject garbage = RpslLexer.parseAll("nonsense without a colon\n").get(0);
        assertFalse(garbage.isSkipped(), "only *xx lines are skipped quietly");
    }
}
