package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectValidatorTest {
    static final String INETNUM = """
            inetnum:        192.0.2.0/24
            netname:        EXAMPLE-NET
            descr:          Example network
            country:        NL
            admin-c:        JD1-TEST
            tech-c:         JD1-TEST
            status:         assigned pa
            mnt-by:         EXAMPLE-MNT
            created:        2020-01-01T00:00:00Z
            last-modified:  2021-02-03T04:05:06Z
            source:         TEST
            """;

    static final String PERSON = """
            person:         John Doe
            address:        Example Street 1
            phone:          +31 20 535 4444
            e-mail:         john.doe@example.net
            nic-hdl:        JD1-TEST
            mnt-by:         EXAMPLE-MNT
            source:         TEST
            """;

    private final ObjectValidator strict = new ObjectValidator(ValidationMode.STRICT, "TEST");
    private final ObjectValidator lenient = new ObjectValidator(ValidationMode.LENIENT, "TEST");

    private static ValidationResult run(ObjectValidator v, String text) {
        return v.validate(RpslObject.parse(text));
    }

    private static String errors(ValidationResult r) {
        return r.problems().stream().filter(Problem::isError).map(p -> p.attribute() + "@" + p.line() + ": " + p.message())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void validInetnumIsNormalised() {
        ValidationResult r = run(strict, INETNUM);
        assertTrue(r.isValid(), errors(r));
        assertEquals("192.0.2.0 - 192.0.2.255", r.object().classValue());
        assertEquals("ASSIGNED PA", r.object().value("status"));
        assertTrue(r.problems().stream().anyMatch(p -> p.severity() == Severity.INFO && "inetnum".equals(p.attribute())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "192.0.2.0 - 192.0.2.255|192.0.2.0 - 192.0.2.255",
            "198.51.100.0 -198.51.100.09|198.51.100.0 - 198.51.100.9",
            "192.0.2.0-192.0.2.127|192.0.2.0 - 192.0.2.127",
            "10/8|10.0.0.0 - 10.255.255.255",
            "192.0.2.7|192.0.2.7 - 192.0.2.7",
            "192.000.2.0 - 192.0.2.255|192.0.2.0 - 192.0.2.255",
    })
    void inetnumFormsNormaliseToTheRangeForm(String written, String normalised) {
        ValidationResult r = run(strict, INETNUM.replace("192.0.2.0/24", written));
        assertTrue(r.isValid(), errors(r));
        assertEquals(normalised, r.object().classValue());
        assertEquals(normalised, r.object().attributes().get(0).value());
    }

    @Test
    void badInetnumsAreRejectedInStrictModeAndWarnedInLenientMode() {
        for (String bad : new String[] {"192.0.2.255 - 192.0.2.0", "192.0.2.0 - 2001:db8::1", "192.0.2.0 - 192.0.2", "300.0.0.0 - 300.0.0.1"}) {
            assertFalse(run(strict, INETNUM.replace("192.0.2.0/24", bad)).isValid(), bad);
            ValidationResult lenientResult = run(lenient, INETNUM.replace("192.0.2.0/24", bad));
            assertTrue(lenientResult.isValid(), bad);
            assertTrue(lenientResult.problems().stream().anyMatch(p -> "inetnum".equals(p.attribute()) && p.severity() == Severity.WARNING), bad);
            assertEquals(bad, lenientResult.object().classValue(), "a key with a syntax error is kept as written");
        }
        ValidationResult route = run(strict, "route: 198.051.100.0/24\norigin: AS1\nmnt-by: EX-MNT\nsource: TEST\n");
        assertTrue(route.isValid(), errors(route));
        assertEquals("198.51.100.0/24", route.object().classValue());
    }

    @Test
    void contactUrisKeepTheirFragment() {
        RpslObject o = RpslObject.parse(PERSON.replace("source:", "contact: https://example.net/noc#form # our form\nremarks: a#b\nsource:"));
        assertEquals("https://example.net/noc#form", o.value("contact"));
        assertEquals("our form", o.find("contact").orElseThrow().comment());
        assertEquals("a", o.value("remarks"));
        assertTrue(strict.validate(o).isValid());
    }

    @Test
    void validPersonHasNoProblemsAndIsTheSameInstance() {
        RpslObject o = RpslObject.parse(PERSON);
        ValidationResult r = strict.validate(o);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertTrue(r.object() == o);
    }

    @Test
    void everyProblemIsReportedAtOnceWithAttributeAndLine() {
        String text = """
                person:         J
                e-mail:         not-an-address
                phone:          0800 123
                nic-hdl:        JD1-TEST
                colour:         blue
                status:         ASSIGNED
                source:         OTHER
                """;
        ValidationResult r = run(strict, text);
        assertFalse(r.isValid());
        List<String> attrs = r.problems().stream().filter(Problem::isError).map(Problem::attribute).toList();
        assertTrue(attrs.containsAll(List.of("person", "e-mail", "phone", "colour", "status", "source", "mnt-by")), attrs.toString());
        Problem email = r.problems().stream().filter(p -> "e-mail".equals(p.attribute())).findFirst().orElseThrow();
        assertEquals(2, email.line());
        Problem colour = r.problems().stream().filter(p -> "colour".equals(p.attribute())).findFirst().orElseThrow();
        assertTrue(colour.message().contains("not a known RPSL attribute"));
        Problem status = r.problems().stream().filter(p -> "status".equals(p.attribute())).findFirst().orElseThrow();
        assertTrue(status.message().contains("not valid for this object type"));
    }

    @Test
    void lenientKeepsUnknownAttributesAndDowngradesSyntaxProblems() {
        String text = PERSON.replace("phone:          +31 20 535 4444", "phone:          call me\ncolour:         blue")
                .replace("mnt-by:         EXAMPLE-MNT\n", "");
        ValidationResult r = run(lenient, text);
        assertTrue(r.isValid(), errors(r));
        assertTrue(r.object().has("colour"));
        assertTrue(r.problems().stream().anyMatch(p -> "phone".equals(p.attribute()) && p.severity() == Severity.WARNING));
        assertTrue(r.problems().stream().anyMatch(p -> "mnt-by".equals(p.attribute()) && p.severity() == Severity.WARNING));
        ValidationResult s = run(strict, text);
        assertFalse(s.isValid());
    }

    @Test
    void lenientRequiresANonEmptyKeyAndTheConfiguredSource() {
        assertFalse(run(lenient, PERSON.replace("JD1-TEST", "")).isValid());
        assertFalse(run(lenient, PERSON.replace("nic-hdl:        JD1-TEST\n", "")).isValid());
        assertTrue(run(lenient, PERSON.replace("JD1-TEST", "JOHN SMITH")).isValid());
        assertFalse(run(strict, PERSON.replace("JD1-TEST", "JOHN SMITH")).isValid());
        assertTrue(run(lenient, PERSON.replace("source:         TEST\n", "")).isValid());
        assertFalse(run(strict, PERSON.replace("source:         TEST\n", "")).isValid());
        assertFalse(run(lenient, PERSON.replace("source:         TEST", "source:         RIPE")).isValid());
        assertFalse(run(lenient, "widget-block: x\nsource: TEST\n").isValid());
        assertTrue(run(new ObjectValidator(ValidationMode.LENIENT, null), PERSON.replace("source:         TEST", "source:         RIPE")).isValid());
        assertTrue(run(strict, PERSON.replace("source:         TEST", "source:         test-nonauth")).isValid());
    }

    @Test
    void singleAttributesMayNotRepeat() {
        ValidationResult r = run(strict, INETNUM + "source: TEST\n");
        assertFalse(r.isValid());
        assertTrue(errors(r).contains("source@12"), errors(r));
    }

    @Test
    void sourceRefusesComments() {
        assertFalse(run(strict, PERSON.replace("source:         TEST", "source:         TEST # mine")).isValid());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "route:   192.0.2.0/24|true",
            "route:   192.0.2.1/24|false",
            "route:   192.0.2/24|false",
            "route:   300.1.1.1/24|false",
            "route:   192.0.2.0 - 192.0.2.255|false",
            "route:   0.0.0.0/0|true",
    })
    void routePrefixes(String line, boolean valid) {
        String text = line + "\norigin: AS64496\nmnt-by: EXAMPLE-MNT\nsource: TEST\n";
        assertEquals(valid, run(strict, text).isValid(), text);
    }

    @Test
    void prefixesAreNormalised() {
        ValidationResult r = run(strict, "route6: 2001:0DB8:0000::/48\norigin: as064500\nmnt-by: EX-MNT\nsource: TEST\n");
        assertTrue(r.isValid(), errors(r));
        assertEquals("2001:db8::/48", r.object().classValue());
        assertEquals("AS64500", r.object().value("origin"));
        ValidationResult six = run(strict, "inet6num: 2001:DB8::1/32\nnetname: X\ncountry: EU\nadmin-c: JD1-TEST\n"
                + "tech-c: JD1-TEST\nstatus: ASSIGNED\nmnt-by: EX-MNT\nsource: TEST\n");
        assertTrue(six.isValid(), errors(six));
        assertEquals("2001:db8::/32", six.object().classValue());
        assertFalse(run(strict, "route6: 2001:db8::1/48\norigin: AS1\nmnt-by: EX-MNT\nsource: TEST\n").isValid());
        assertFalse(run(strict, "route6: 198.51.100.0/24\norigin: AS1\nmnt-by: EX-MNT\nsource: TEST\n").isValid());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "aut-num|AS64496|true", "aut-num|AS4294967295|true", "aut-num|AS4294967296|false", "aut-num|64500|false",
            "aut-num|AS1.10|false", "aut-num|ASxyz|false",
            "nic-hdl|JD1-TEST|true", "nic-hdl|AUTO-1|true", "nic-hdl|AUTO-12JD|true", "nic-hdl|J1-TEST|false",
            "nic-hdl|JD01-TEST|false", "nic-hdl|JOHN SMITH|false", "nic-hdl|ABCD123456-RIPE|true",
            "organisation|ORG-EA1-TEST|true", "organisation|ORG-E1-TEST|false", "organisation|AUTO-1|true",
            "mntner|EX-MNT|true", "mntner|EX$MNT|false", "mntner|EX-MNT-|false", "mntner|ANY|false",
            "e-mail|ops@example.net|true", "e-mail|\"john doe\"@example.net|true", "e-mail|ops@[198.51.100.1]|true",
            "e-mail|John Doe <john@example.net>|true", "e-mail|a+b@|false", "e-mail|a..b@example.net|false",
            "e-mail|a@b@example.net|false", "e-mail|.a@example.net|false", "e-mail|a@-example.net|false",
            "country|NL|true", "country|eu|true", "country|XX|false", "country|NLD|false",
            "phone|+31 20 535 4444|true", "phone|+44 (0) 20 1234 5678|true", "phone|+1 555 1234 ext. 12|true",
            "phone|0800 123|false", "phone|+31 (20 535|false", "phone|+|false",
            "auth|MD5-PW $1$abcdefgh$0123456789012345678901|true", "auth|MD5-PW $1$abc|false",
            "auth|BCRYPT-PW $2b$12$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234|true",
            "auth|BCRYPT-PW $2x$12$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234|false",
            "auth|PGPKEY-1234ABCD|true", "auth|PGPKEY-12AB|false", "auth|X509-12|true", "auth|SSO ops@example.net|true",
            "auth|ARGON-PW h|false", "auth|CRYPT-PW abcdefgh|false", "auth|BCRYPT-PWxyz|false",
            "domain|2.0.192.in-addr.arpa|true", "domain|0-127.2.0.192.in-addr.arpa|true", "domain|0-255.2.0.192.in-addr.arpa|false",
            "domain|300.in-addr.arpa|false", "domain|8.b.d.0.1.0.0.2.ip6.arpa|true", "domain|xy.ip6.arpa|false",
            "domain|1.2.3.4.e164.arpa|true", "domain|a.2.3.e164.arpa|false",
            "created|2020-02-29T12:00:00Z|true", "created|2021-02-29T12:00:00Z|false", "created|yesterday|false",
            "as-set|AS64496:AS-CUSTOMERS|true", "as-set|AS-CUSTOMERS|true", "as-set|AS1:AS2|false", "as-set|AS1:AS-ANY|false",
            "as-set|:AS-X|false", "as-set|AS-X:|false",
            "members|AS1, AS2,|true", "members|AS1, AS-FOO, AS64496:AS-BAR|true", "members|AS1, ,AS2|false", "members|FOO|false",
            "mbrs-by-ref|ANY|true", "mbrs-by-ref|EX-MNT, ANY|false",
            "person|John Doe|true", "person|John|false", "person|1John Doe|false", "person|Jöhn Döe|true",
            "role|Example NOC (24/7)|true", "org-name|Example B.V.|true",
            "ds-rdata|12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE51EEE2B7C8D0B9AD3F1D2C1B|true",
            "ds-rdata|12345 8 2 ( 49FD46E6C4B45C55D4AC69CBD3CD34AC 1AFE51DE51EEE2B7C8D0B9AD3F1D2C1B )|true",
            "ds-rdata|12345 8 1 49FD46E6|false", "ds-rdata|70000 8 2 AB|false", "ds-rdata|1 8 99 ABCDEF|true",
            "import|from AS1 accept ANY|true", "import|from AS1 action pref=10; accept <^AS1+$>|true",
            "import|from AS1|false", "import|from AS1 accept (AS1|false",
            "export|to AS1 announce AS-FOO|true", "export|to AS1|false", "default|to AS1 networks ANY|true",
            "mp-import|afi ipv6.unicast from AS1 accept ANY|true",
            "member-of|AS64496:AS-FOO, AS-BAR|true", "member-of|RS-FOO|false",
            "geoloc|52.37 4.89|true", "geoloc|95 4|false", "geofeed|https://example.net/geo.csv|true", "geofeed|http://x|false",
            "contact|mailto:noc@example.net|true", "contact|noc@example.net|false",
            "nserver|ns1.example.net|true", "nserver|ns1.example.net 192.0.2.1|true", "nserver|ns1..example.net|false",
            "mnt-routes|EX-MNT|true", "mnt-routes|EX-MNT ANY|true", "mnt-routes|EX-MNT {192.0.2.0/24^24-28, 198.51.100.0/24^+}|true",
            "mnt-routes|EX-MNT {192.0.2.0/24^23}|false", "mnt-routes|EX-MNT {192.0.2.0/24^28-26}|false",
            "mnt-routes|EX-MNT {192.0.2.0/24^x}|false",
            "key-cert|PGPKEY-1234ABCD|true", "key-cert|X509-1|true", "key-cert|PGPKEY-1|false",
            "language|nl|true", "language|xx|false", "org-type|OTHER|true", "org-type|BANK|false",
    })
    void attributeSyntax(String name, String value, boolean valid) {
        AttributeChecks.ValueCheck check = AttributeChecks.forAttribute(classFor(name), name);
        String message = check.check(RpslAttribute.clean(value));
        assertEquals(valid, message == null, name + ": " + value + " -> " + message);
    }

    private static ObjectType classFor(String name) {
        return switch (name) {
            case "member-of", "import", "export", "default", "mp-import" -> ObjectType.AUT_NUM;
            default -> ObjectType.fromName(name).orElse(ObjectType.INETNUM);
        };
    }

    @Test
    void statusValuesPerClass() {
        assertTrue(run(strict, INETNUM.replace("assigned pa", "LEGACY")).isValid());
        assertFalse(run(strict, INETNUM.replace("assigned pa", "ALLOCATED-BY-RIR")).isValid());
        assertEquals(null, AttributeChecks.forAttribute(ObjectType.INET6NUM, "status").check("ALLOCATED-BY-RIR"));
        assertTrue(AttributeChecks.forAttribute(ObjectType.INET6NUM, "status").check("ASSIGNED PA") != null);
        assertEquals(null, AttributeChecks.forAttribute(ObjectType.ROUTE, "member-of").check("RS-FOO"));
    }

    @Test
    void glueRule() {
        String domain = """
                domain:         2.0.192.in-addr.arpa.
                admin-c:        JD1-TEST
                tech-c:         JD1-TEST
                zone-c:         JD1-TEST
                nserver:        NS1.Example.NET.
                nserver:        ns.2.0.192.in-addr.arpa 192.0.2.53
                mnt-by:         EX-MNT
                source:         TEST
                """;
        ValidationResult r = run(strict, domain);
        assertTrue(r.isValid(), errors(r));
        assertEquals("2.0.192.in-addr.arpa", r.object().classValue());
        assertEquals("ns1.example.net", r.object().findAll("nserver").get(0).cleanValue());
        assertFalse(run(strict, domain.replace("ns.2.0.192.in-addr.arpa 192.0.2.53", "ns.2.0.192.in-addr.arpa")).isValid());
        assertFalse(run(strict, domain.replace("NS1.Example.NET.", "ns1.example.net 192.0.2.1")).isValid());
    }

    @Test
    void assignmentSizeOnlyWithAggregated() {
        assertFalse(run(strict, INETNUM.replace("source:", "assignment-size: 28\nsource:")).isValid());
        assertTrue(run(strict, INETNUM.replace("assigned pa", "AGGREGATED-BY-LIR").replace("source:", "assignment-size: 28\nsource:")).isValid());
        assertFalse(run(strict, INETNUM.replace("assigned pa", "AGGREGATED-BY-LIR").replace("source:", "assignment-size: 16\nsource:")).isValid());
    }

    @Test
    void changedIsRemovedInStrictModeAndKeptInLenient() {
        String text = PERSON.replace("source:", "changed: jd@example.net 20010101\nsource:");
        ValidationResult s = run(strict, text);
        assertTrue(s.isValid(), errors(s));
        assertFalse(s.object().has("changed"));
        ValidationResult l = run(lenient, text);
        assertTrue(l.object().has("changed"));
    }

    @Test
    void commentsAreKeptOnNonKeyAttributesAndDroppedFromKeys() {
        ValidationResult r = run(strict, INETNUM.replace("192.0.2.0/24", "192.0.2.0/24 # block")
                .replace("assigned pa", "assigned pa # status"));
        assertTrue(r.isValid(), errors(r));
        assertEquals("192.0.2.0 - 192.0.2.255", r.object().attributes().get(0).value());
        assertEquals("ASSIGNED PA # status", r.object().find("status").orElseThrow().value());
    }

    @Test
    void reverseDomainRanges() {
        assertEquals("193.0.0.0 - 193.255.255.255", ReverseDomain.toRange("193.in-addr.arpa").orElseThrow().toString());
        assertEquals("192.0.2.0 - 192.0.2.255", ReverseDomain.toRange("2.0.192.in-addr.arpa.").orElseThrow().toString());
        assertEquals("192.0.2.0 - 192.0.2.127", ReverseDomain.toRange("0-127.2.0.192.in-addr.arpa").orElseThrow().toString());
        assertEquals("192.0.2.5 - 192.0.2.5", ReverseDomain.toRange("5.2.0.192.in-addr.arpa").orElseThrow().toString());
        assertEquals("2001:db8::/32", ReverseDomain.toRange("8.B.D.0.1.0.0.2.ip6.arpa").orElseThrow().toString());
        assertEquals("2000::/4", ReverseDomain.toRange("2.ip6.arpa").orElseThrow().toString());
        for (String bad : new String[] {"0-255.2.0.192.in-addr.arpa", "0-127.0.192.in-addr.arpa", "127-0.2.0.192.in-addr.arpa",
                "1.2.3.4.5.in-addr.arpa", "01.in-addr.arpa", "in-addr.arpa", "example.net", "ab.ip6.arpa", "..ip6.arpa", ""}) {
            assertTrue(ReverseDomain.toRange(bad).isEmpty(), bad);
        }
    }
}
