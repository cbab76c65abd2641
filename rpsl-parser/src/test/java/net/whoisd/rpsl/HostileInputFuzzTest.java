package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random bytes, truncated and mangled objects, control characters, huge values and attribute
 * counts through the lexer, the dump reader and both validator modes: the only outcome is a result,
 * never an exception, and each input finishes in bounded time.
 */
@Tag("slow")
class HostileInputFuzzTest {
    private static final ObjectValidator STRICT = new ObjectValidator(ValidationMode.STRICT, "TEST");
    private static final ObjectValidator LENIENT = new ObjectValidator(ValidationMode.LENIENT, "TEST");

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 0xF022L * 1000 + i);
    }

    static byte[] hostileInput(Random rnd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int kind = rnd.nextInt(6);
        switch (kind) {
            case 0 -> { // random bytes
                byte[] b = new byte[rnd.nextInt(4096)];
                rnd.nextBytes(b);
                out.write(b);
            }
            case 1 -> { // a real object, truncated at a random point
                String text = RpslWriter.write(RoundTripPropertyTest.randomObject(rnd));
                out.write(text.substring(0, rnd.nextInt(text.length() + 1)).getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> { // real objects with bytes flipped to control characters and invalid UTF-8
                byte[] b = (RpslWriter.write(RoundTripPropertyTest.randomObject(rnd)) + "\n"
                        + RpslWriter.write(RoundTripPropertyTest.randomObject(rnd))).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1 + rnd.nextInt(10); i++) {
                    b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? rnd.nextInt(32) : 0x80 + rnd.nextInt(128));
                }
                out.write(b);
            }
            case 3 -> { // a long value made of a repeated token
                out.write("inetnum: ".getBytes(StandardCharsets.US_ASCII));
                byte[] token = {(byte) '1', (byte) '.', (byte) '-', (byte) ':', (byte) '/', (byte) ' ', (byte) ','};
                int n = 100_000 + rnd.nextInt(400_000);
                for (int i = 0; i < n; i++) {
                    out.write(token[rnd.nextInt(token.length)]);
                }
                out.write('\n');
            }
            case 4 -> { // very many attributes and continuation lines
                out.write("as-set: AS-X\n".getBytes(StandardCharsets.US_ASCII));
                int n = 10_000 + rnd.nextInt(50_000);
                for (int i = 0; i < n; i++) {
                    out.write((rnd.nextBoolean() ? "members: AS" + i + "\n" : "+\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            default -> { // gzip of garbage or of a cut object
                ByteArrayOutputStream inner = new ByteArrayOutputStream();
                try (OutputStream gz = new GZIPOutputStream(inner)) {
                    byte[] b = new byte[rnd.nextInt(2048)];
                    rnd.nextBytes(b);
                    gz.write(b);
                }
                byte[] all = inner.toByteArray();
                out.write(all, 0, rnd.nextInt(all.length + 1));
            }
        }
        return out.toByteArray();
    }

    /** The text if the bytes are valid UTF-8 and not gzip, else null. */
    private static String strictUtf8(byte[] b) {
        if (b.length > 1 && b[0] == 0x1f && (b[1] & 0xff) == 0x8b) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void neverThrowsAndFinishes(long seed) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            byte[] input = hostileInput(new Random(seed));
            try (DumpReader reader = new DumpReader(new ByteArrayInputStream(input), "fuzz")) {
                int guard = 0;
                while (reader.hasNext()) {
                    ParsedObject p = reader.next();
                    assertNotNull(p.problems());
                    if (p.object() != null) {
                        assertNotNull(STRICT.validate(p.object()).problems());
                        assertNotNull(LENIENT.validate(p.object()).problems());
                        RpslObject.parse(RpslWriter.write(p.object()) + "\n").attributes();
                    }
                    assertTrue(++guard <= input.length + 1, "more objects than bytes: endless loop");
                }
            }
            List<ParsedObject> viaText = RpslLexer.parseAll(new String(input, StandardCharsets.ISO_8859_1));
            for (ParsedObject p : viaText) {
                if (p.object() != null) {
                    STRICT.validate(p.object());
                }
            }
            String utf8 = strictUtf8(input);
            if (utf8 != null) {
                // the reader's byte-level fast path must read exactly what the lexer reads
                viaText = RpslLexer.parseAll(utf8);
                List<ParsedObject> viaReader = new java.util.ArrayList<>();
                try (DumpReader reader = new DumpReader(new ByteArrayInputStream(input), "fuzz")) {
                    reader.forEachRemaining(viaReader::add);
                }
                assertEquals(viaText, viaReader);
            }
        });
    }
}
