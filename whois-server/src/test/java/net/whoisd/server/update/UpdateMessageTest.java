package net.whoisd.server.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateMessageTest {

    @Test
    void splitsParagraphsAndExtractsCredentialsAndMarkers() {
        UpdateMessage m = UpdateMessage.parse("""
                password: first
                person:  A B
                nic-hdl: AB1-TEST
                override: dbm,secret,ticket 1
                source:  TEST

                \r
                mntner:  X-MNT
                delete:  gone
                password: second
                source:  TEST
                """);
        assertFalse(m.dryRun());
        assertEquals(List.of("first", "second"), m.passwords());
        assertEquals(2, m.paragraphs().size());
        UpdateMessage.Paragraph person = m.paragraphs().get(0);
        assertEquals(List.of("dbm,secret,ticket 1"), person.overrides());
        assertFalse(person.isDelete());
        assertFalse(person.parsed().object().has("override"));
        UpdateMessage.Paragraph mntner = m.paragraphs().get(1);
        assertTrue(mntner.isDelete());
        assertEquals(List.of("gone"), mntner.deleteReasons());
        assertFalse(mntner.parsed().object().has("password"));
    }

    @Test
    void dryRunAnywhereAndNonObjectsAreReported() {
        UpdateMessage m = UpdateMessage.parse("hello there\n\nperson: A B\nsource: TEST\nDRY-RUN: yes\n\nfoo: bar\n\npassword: x\n");
        assertTrue(m.dryRun());
        assertEquals(1, m.paragraphs().size());
        assertEquals(List.of("hello there", "foo: bar"), m.ignored());
        assertTrue(m.problems().stream().anyMatch(p -> p.message().contains("\"foo\" is not a known object class")));
    }

    @Test
    void clearSignedBlocksGiveTheirSignatureOnlyToTheirParagraphs() {
        String message = """
                person: Outside
                source: TEST

                -----BEGIN PGP SIGNED MESSAGE-----
                Hash: SHA256

                person: Inside
                - -escaped: line
                source: TEST

                role: Inside Too
                source: TEST
                -----BEGIN PGP SIGNATURE-----

                iQEzBAEBCAAdFiEE
                -----END PGP SIGNATURE-----
                """;
        UpdateMessage m = UpdateMessage.parse(message);
        assertEquals(3, m.paragraphs().size());
        assertTrue(m.paragraphs().get(0).signatures().isEmpty());
        assertEquals(1, m.paragraphs().get(1).signatures().size());
        assertEquals(1, m.paragraphs().get(2).signatures().size());
        assertTrue(m.paragraphs().get(1).signatures().get(0).signedText().contains("-escaped: line"));
    }

    @Test
    void malformedSignedBlockIsPlainText() {
        UpdateMessage m = UpdateMessage.parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA1\n\nperson: A B\nsource: TEST\n");
        assertEquals(1, m.paragraphs().size());
        assertTrue(m.paragraphs().get(0).signatures().isEmpty());
        assertEquals(1, m.ignored().size());
    }

    @Test
    void strayOverrideIsWarnedAbout() {
        UpdateMessage m = UpdateMessage.parse("override: dbm,pw\n\nperson: A\nsource: TEST\n");
        assertTrue(m.problems().stream().anyMatch(p -> p.message().contains("override")));
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 200).mapToObj(i -> 7919L * i + 17);
    }

    /** Hostile input: random bytes, random fragments of message syntax. Parsing never throws. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomInputNeverBreaksTheParser(long seed) {
        Random r = new Random(seed);
        String[] fragments = {"person:", "password:", "override:", "delete:", "dry-run:", "\n", "\n\n", " ", "+",
                "-----BEGIN PGP SIGNED MESSAGE-----\n", "-----BEGIN PGP SIGNATURE-----\n", "-----END PGP SIGNATURE-----\n",
                "Hash: SHA256\n", "- ", "source: TEST", "\r", "\t", "mntner: X-MNT", "#", "é", "\u0000"};
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(60);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(4) == 0) {
                sb.append((char) r.nextInt(0x3000));
            } else {
                sb.append(fragments[r.nextInt(fragments.length)]);
            }
        }
        UpdateMessage m = UpdateMessage.parse(sb.toString());
        assertNotNull(m);
        for (UpdateMessage.Paragraph p : m.paragraphs()) {
            assertTrue(p.parsed().object().type().isPresent());
        }
    }
}
