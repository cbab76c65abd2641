package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** parse -> write -> parse gives an equal object, layout (continuations, comments) kept. */
class RoundTripPropertyTest {
    private static final String[] WORDS = {"example", "192.0.2.0/24", "AS64496", "EX-MNT", "a.b@example.net", "Stra\u00dfe",
            "(paren)", "{x}", "net", "--", "+31", "::1", "\u00e9t\u00e9", "x,y", "ANY", "1", "", "a\tb"};
    private static final String[] EXTRA_NAMES = {"descr", "remarks", "x-custom", "mnt-by", "admin-c", "import", "members", "a_b"};

    static Stream<Long> seeds() {
        return IntStream.range(0, 500).mapToObj(i -> 0x5EED0000L + i);
    }

    static RpslObject randomObject(Random rnd) {
        StringBuilder text = new StringBuilder();
        ObjectType type = ObjectType.values()[rnd.nextInt(ObjectType.values().length)];
        List<AttributeTemplate> template = ObjectTemplate.of(type).attributes();
        int count = 1 + rnd.nextInt(15);
        for (int i = 0; i < count; i++) {
            String name = i == 0 ? type.attributeName()
                    : rnd.nextInt(4) == 0 ? EXTRA_NAMES[rnd.nextInt(EXTRA_NAMES.length)]
                    : template.get(rnd.nextInt(template.size())).name();
            if (rnd.nextInt(10) == 0) {
                name = name.toUpperCase();
            }
            text.append(name).append(':');
            int pad = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(16);
            text.append(rnd.nextBoolean() ? " ".repeat(pad) : "\t".repeat(Math.min(pad, 2)));
            text.append(words(rnd));
            if (rnd.nextInt(4) == 0) {
                text.append(" # ").append(words(rnd));
            }
            text.append('\n');
            int continuations = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 0;
            for (int c = 0; c < continuations; c++) {
                switch (rnd.nextInt(4)) {
                    case 0 -> text.append('+');
                    case 1 -> text.append('+').append(words(rnd));
                    case 2 -> text.append('\t').append(words(rnd));
                    default -> text.append(" ".repeat(1 + rnd.nextInt(16))).append(words(rnd));
                }
                if (rnd.nextInt(5) == 0) {
                    text.append("# note");
                }
                text.append('\n');
            }
        }
        return RpslObject.parse(text.toString());
    }

    private static String words(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(rnd.nextInt(5) == 0 ? "  " : " ");
            }
            sb.append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return sb.toString().strip();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void parseWriteParseIsIdentity(long seed) {
        RpslObject original = randomObject(new Random(seed));
        String written = RpslWriter.write(original);
        RpslObject again = RpslObject.parse(written);
        assertEquals(original, again, written);
        assertEquals(written, RpslWriter.write(again));
        for (RpslAttribute a : again.attributes()) {
            assertTrue(written.contains(a.value()), a.value());
        }
        List<ParsedObject> viaLexer = RpslLexer.parseAll(written + "\n" + written);
        assertEquals(2, viaLexer.size());
        assertEquals(original.attributes().size(), viaLexer.get(1).object().attributes().size());
    }
}
