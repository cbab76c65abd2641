package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RawMultipartTest {

    @Test
    void partsExcludeTheLineBreakBeforeEachDelimiter() {
        byte[] body = bytes("preamble\r\n--b\r\nA: 1\r\n\r\nfirst\r\n--b\r\n\r\nsecond\r\n\r\n--b--\r\nepilogue\r\n");
        List<byte[]> parts = RawMultipart.split(body, "b");
        assertEquals(2, parts.size());
        assertEquals("A: 1\r\n\r\nfirst", text(parts.get(0)));
        assertEquals("\r\nsecond\r\n", text(parts.get(1)));
    }

    @Test
    void aLongerBoundaryStartingTheSameIsNoDelimiter() {
        List<byte[]> parts = RawMultipart.split(bytes("--b\r\nx\r\n--bb\r\ny\r\n--b--\r\n"), "b");
        assertEquals(List.of("x\r\n--bb\r\ny"), parts.stream().map(RawMultipartTest::text).toList());
    }

    @Test
    void delimiterMayCarryTrailingWhitespaceAndTheCloseMayBeMissing() {
        List<byte[]> parts = RawMultipart.split(bytes("--b \t\nx\n--b\ny"), "b");
        assertEquals(List.of("x", "y"), parts.stream().map(RawMultipartTest::text).toList());
    }

    @Test
    void canonicalLineEndsTurnsBareLfIntoCrlfOnly() {
        assertEquals("a\r\nb\r\nc\r\n", text(RawMultipart.canonicalLineEnds(bytes("a\nb\r\nc\n"))));
    }

    /** Property: whatever the parts hold (short of a delimiter line), splitting gives them back exactly. */
    @ParameterizedTest
    @MethodSource("randomMultiparts")
    void splitReturnsExactlyThePartsThatWereJoined(List<byte[]> parts, String boundary) {
        StringBuilder body = new StringBuilder("preamble\r\n");
        for (byte[] part : parts) {
            body.append("--").append(boundary).append("\r\n").append(text(part)).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        List<byte[]> split = RawMultipart.split(body.toString().getBytes(StandardCharsets.ISO_8859_1), boundary);
        assertEquals(parts.size(), split.size());
        for (int i = 0; i < parts.size(); i++) {
            assertArrayEquals(parts.get(i), split.get(i));
        }
    }

    static Stream<Arguments> randomMultiparts() {
        Random random = new Random(42);
        String alphabet = "ab- \t\r\n=:xyz";
        return IntStream.range(0, 100).mapToObj(i -> {
            String boundary = "bnd" + random.nextInt(1000);
            List<byte[]> parts = new ArrayList<>();
            for (int p = 0, n = 1 + random.nextInt(4); p < n; p++) {
                StringBuilder s = new StringBuilder();
                for (int c = 0, len = random.nextInt(60); c < len; c++) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                // a line starting with "--" + boundary would be a delimiter by definition
                parts.add(s.toString().replace("--" + boundary, "-x" + boundary).getBytes(StandardCharsets.ISO_8859_1));
            }
            return Arguments.of(parts, boundary);
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
