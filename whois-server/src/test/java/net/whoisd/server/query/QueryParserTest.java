package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.storage.RangeQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryParserTest {
    private final QueryParser parser = new QueryParser();

    private Query ok(String line) {
        Query q = parser.parse(line);
        assertNull(q.error(), () -> "unexpected error for '" + line + "': " + q.error());
        return q;
    }

    private String error(String line) {
        Query q = parser.parse(line);
        assertNotNull(q.error(), () -> "expected an error for '" + line + "'");
        return q.error();
    }

    @Test
    void clusteredShortFlagsWithAttachedArgument() {
        Query q = ok("-rBGxTinetnum 192.0.2.0/24");
        assertTrue(q.has(QueryFlag.NO_REFERENCED));
        assertTrue(q.has(QueryFlag.NO_FILTERING));
        assertTrue(q.has(QueryFlag.NO_GROUPING));
        assertTrue(q.has(QueryFlag.EXACT));
        assertEquals(Set.of(ObjectType.INETNUM), q.types());
        assertEquals("192.0.2.0/24", q.key().text());
        assertTrue(q.key().isIpKey());
        assertEquals(RangeQuery.EXACT, q.ipRelation());
    }

    @Test
    void longFlagsAndListValuesMerge() {
        Query q = ok("--no-referenced -T inetnum,rt --select-types pn -i mb,admin-c -i tc ACME-MNT");
        assertTrue(q.has(QueryFlag.NO_REFERENCED));
        assertEquals(Set.of(ObjectType.INETNUM, ObjectType.ROUTE, ObjectType.PERSON), q.types());
        assertEquals(List.of("mnt-by", "admin-c", "tech-c"), q.inverseAttributes());
    }

    @Test
    void inversePersonExpandsToContactAttributes() {
        Query q = ok("-i person JD1-TEST");
        assertEquals(InverseKeys.PERSON_EXPANSION, q.inverseAttributes());
        assertEquals(List.of("abuse-c", "admin-c", "tech-c", "zone-c", "author", "ping-hdl"), q.inverseAttributes());
    }

    @Test
    void keyWordsAreJoinedWithOneSpace() {
        assertEquals("John Doe", ok("  John     Doe  ").key().text());
        assertEquals("193.0.0.0 - 193.0.0.255", ok("193.0.0.0 - 193.0.0.255").key().text());
        assertTrue(ok("193.0.0.0 - 193.0.0.255").key().isIpKey());
    }

    @Test
    void unknownShortAndLongFlags() {
        assertEquals("% Invalid option: -z\n%\n%ERROR:111: invalid option supplied\n%\n% Use help query to see the valid options.\n",
                error("-z foo"));
        assertTrue(error("--nonsense foo").contains("% Invalid option: --nonsense\n"));
        assertTrue(error("--NO-REFERENCED foo").startsWith("% Invalid option: --NO-REFERENCED"), "long flags are case-sensitive");
        assertTrue(error("-no-referenced foo").contains("%ERROR:111"), "a long name with one dash is a cluster of unknown flags");
        assertTrue(error("-g RIPE:3:1-2").contains("%ERROR:111"), "-g is not served on port 43");
    }

    @Test
    void flagWithoutArgument() {
        assertTrue(error("-i").contains("%ERROR:111: invalid option supplied"));
        assertTrue(error("foo -T").contains("%ERROR:111"));
        assertTrue(error("--show-version").contains("%ERROR:111"));
    }

    @Test
    void singleValuedFlagRepeated() {
        assertEquals("%ERROR:110: multiple use of flag\n%\n% The flag \"-v\" cannot be used multiple times.\n",
                error("-v person -v role"));
        assertTrue(error("-q version -q types").contains("\"-q\""));
    }

    @Test
    void invalidCombinationsNameBothFlags() {
        assertEquals("%ERROR:109: invalid combination of flags passed\n%\n"
                        + "% The flags \"-b, --abuse-contact\" and \"-r, --no-referenced\" cannot be used together.\n",
                error("-b -r 192.0.2.1"));
        assertTrue(error("-b -F 192.0.2.1").contains("\"-F, --brief\""));
        assertTrue(error("-b -B 192.0.2.1").contains("\"-B, --no-filtering\""));
        assertTrue(error("-b -K 192.0.2.1").contains("\"-K, --primary-keys\""));
        assertTrue(error("--resource -s TEST 192.0.2.1").contains("\"--resource\""));
        assertTrue(error("--resource -i mnt-by X").contains("\"-i, --inverse\""));
        assertTrue(error("--valid-syntax --no-valid-syntax X").contains("\"--no-valid-syntax\""));
        assertTrue(error("--list-versions -r X").contains("\"--list-versions\""));
        assertTrue(error("--list-versions --show-version 1 X").contains("%ERROR:109"));
        ok("--list-versions -k -T mntner X");
    }

    @Test
    void duplicateIpFlags() {
        assertEquals("%ERROR:901: duplicate IP flags passed\n%\n% More than one IP flag (-l, -L, -m, -M or -x) passed to the server.\n",
                error("-x -l 192.0.2.1"));
        assertTrue(error("-mM 192.0.2.0/24").contains("%ERROR:901"));
    }

    @Test
    void uselessIpFlagIsAWarningAndTheQueryRuns() {
        Query q = ok("-x ACME-MNT");
        assertEquals(List.of(QueryMessages.uselessIpFlag()), q.warnings());
        assertTrue(ok("-d ACME-MNT").warnings().get(0).startsWith("%WARNING:902: useless IP flag passed\n"));
        assertTrue(ok("-x 192.0.2.1").warnings().isEmpty());
    }

    @Test
    void unknownTypeAndAttribute() {
        assertEquals("%ERROR:103: unknown object type 'foo'\n", error("-T foo x"));
        assertEquals("%ERROR:103: unknown object type 'bar'\n", error("-t bar"));
        assertEquals("%ERROR:104: unknown attribute\n%\n% \"frobnicate\" is not a known attribute.\n", error("-i frobnicate x"));
        assertNull(parser.parse("-i descr foo").error(), "105 is reported while executing, not parsing");
    }

    @Test
    void noSearchKeyAndTooManyWords() {
        assertEquals(QueryMessages.noSearchKey(), error(""));
        assertEquals(QueryMessages.noSearchKey(), error("-r -B"));
        assertTrue(error("w ".repeat(61)).startsWith("%ERROR:118: too many arguments supplied"));
        ok("w ".repeat(60));
    }

    @Test
    void queryKinds() {
        assertEquals(Query.Kind.HELP, ok("help").kind());
        assertEquals(Query.Kind.SEARCH, ok("-r help").kind());
        assertEquals(Query.Kind.SYSTEM_INFO, ok("-q version").kind());
        assertEquals(Query.Kind.SYSTEM_INFO, ok("--list-sources").kind());
        assertEquals(Query.Kind.TEMPLATE, ok("-t person").kind());
        assertEquals(Query.Kind.TEMPLATE, ok("-v inetnum").kind());
        assertEquals(Query.Kind.PERSISTENT_ONLY, ok("-k").kind());
        assertEquals(Query.Kind.SEARCH, ok("-k ACME-MNT").kind());
        assertEquals(Query.Kind.VERSIONS, ok("--list-versions ACME-MNT").kind());
        assertTrue(error("-q nonsense").contains("%ERROR:111"));
    }

    @Test
    void versionArguments() {
        assertEquals("3", ok("--show-version 3 ACME-MNT").value(QueryFlag.SHOW_VERSION));
        assertTrue(error("--show-version 0 ACME-MNT").contains("%ERROR:111"));
        assertTrue(error("--show-version x ACME-MNT").contains("%ERROR:111"));
        assertTrue(error("--diff-versions 1-2 ACME-MNT").contains("%ERROR:111"));
        assertTrue(error("--diff-versions 2:2 ACME-MNT").contains("%ERROR:111"));
        assertTrue(error("--diff-versions 0:2 ACME-MNT").contains("%ERROR:111"));
        ok("--diff-versions 1:2 ACME-MNT");
    }

    @Test
    void abuseBriefNeedsAnIpKeyOrAsNumber() {
        ok("-b 192.0.2.1");
        ok("-b AS64496");
        assertTrue(error("-b ACME-MNT").contains("%ERROR:111"));
    }

    @Test
    void moreSpecificOnTheWholeAddressSpace() {
        assertTrue(error("-M 0.0.0.0/0").startsWith("%ERROR:112: unsupported query"));
        assertTrue(error("-m ::/0").startsWith("%ERROR:112"));
        ok("-M 10.0.0.0/8");
    }

    @Test
    void clientFlag() {
        ok("-V myclient x");
        ok("-V myproxy,198.51.100.7 x");
        assertTrue(error("-V a,b,c x").contains("%ERROR:111"));
        assertTrue(error("-V a,not-an-ip x").contains("%ERROR:111"));
    }

    @Test
    void ipKeyShapes() {
        assertTrue(SearchKey.of("193.0.0.1").isIpKey());
        assertTrue(SearchKey.of("193.0.0.0/24").isIpKey());
        assertTrue(SearchKey.of("10/8").isIpKey());
        assertFalse(SearchKey.of("193.0.0.1/24").isIpKey(), "IPv4 prefix with host bits set is not an IP key");
        assertTrue(SearchKey.of("2001:db8::1").isIpKey());
        assertTrue(SearchKey.of("2001:db8::1/32").isIpKey(), "IPv6 host bits are masked");
        assertTrue(SearchKey.of("[2001:db8::]/32").isIpKey());
        assertFalse(SearchKey.of("256.0.0.1").isIpKey());
        SearchKey route = SearchKey.of("192.0.2.0/24AS64496");
        assertTrue(route.isRouteKey());
        assertEquals("AS64496", route.origin());
        assertTrue(SearchKey.of("2.0.192.in-addr.arpa.").isReverseDomain());
        assertTrue(SearchKey.of("2.0.192.IN-ADDR.Arpa").isReverseDomain());
        assertTrue(SearchKey.of("8.b.d.0.1.0.0.2.ip6.arpa").isReverseDomain());
        assertFalse(SearchKey.of("in-addr.arpa").isReverseDomain(), "the zone itself has no labels before it");
        assertFalse(SearchKey.of("2.0.192.in-addr.arpa..").isReverseDomain());
        assertFalse(SearchKey.of("example.arpa").isReverseDomain());
        for (String key : new String[] {"x.in-addr.arpa", "X.IN-ADDR.ARPA.", "x.ip6.arpa.", "ip6.arpa", ".ip6.arpa", "a.b", "", "."}) {
            String lower = SearchKey.of(key).lowerDomain();
            assertEquals(lower.endsWith(".in-addr.arpa") || lower.endsWith(".ip6.arpa"), SearchKey.of(key).isReverseDomain(), key);
        }
        assertTrue(SearchKey.of("AS64496").isAsNumber());
    }

    static Stream<Arguments> randomLines() {
        Random random = new Random(43);
        String alphabet = "-- abcxrBGTiklLmMqstvV,:/.0123456789\u0000\u00ff\u4e2d";
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(Arguments.of(sb.toString()));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("randomLines")
    void hostileLinesNeverThrowAndErrorsCarryACode(String line) {
        Query q = parser.parse(line);
        if (q.error() != null) {
            assertTrue(q.error().contains("%ERROR:"), q.error());
        }
    }

    static Stream<Arguments> linesWithRunsOfBlanks() {
        String[] words = {"-r", "-B", "-T", "inetnum,route", "-i", "mnt-by", "LIR1-MNT", "193.0.0.0/24", "193.0.0.0/24AS64496",
            "AS64496", "John", "Smith", "-", "--", "-k", "-x", "-M", "--no-personal", "-s", "TEST", "-V", "tag,1.2.3.4", "x"};
        Random random = new Random(43);
        List<Arguments> out = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            StringBuilder single = new StringBuilder();
            StringBuilder runs = new StringBuilder();
            int count = 1 + random.nextInt(5);
            for (int w = 0; w < count; w++) {
                String word = words[random.nextInt(words.length)];
                if (w > 0) {
                    single.append(' ');
                    for (int b = 1 + random.nextInt(3); b > 0; b--) {
                        runs.append(random.nextBoolean() ? ' ' : '\t');
                    }
                }
                single.append(word);
                runs.append(word);
            }
            out.add(Arguments.of(single.toString(), runs.toString()));
        }
        return out.stream();
    }

    /** Runs of spaces and tabs between words parse as one space does. */
    @ParameterizedTest
    @MethodSource("linesWithRunsOfBlanks")
    void runsOfBlanksSeparateLikeOneSpace(String single, String runs) {
        Query a = parser.parse(single);
        Query b = parser.parse(runs);
        assertEquals(a.error(), b.error(), runs);
        assertEquals(a.flags(), b.flags(), runs);
        assertEquals(a.values(), b.values(), runs);
        assertEquals(a.key(), b.key(), runs);
        assertEquals(a.types(), b.types(), runs);
        assertEquals(a.inverseAttributes(), b.inverseAttributes(), runs);
        assertEquals(a.sources(), b.sources(), runs);
        assertEquals(a.warnings(), b.warnings(), runs);
    }
}
