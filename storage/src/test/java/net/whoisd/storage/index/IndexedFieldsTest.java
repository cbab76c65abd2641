package net.whoisd.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IndexedFieldsTest {
    private static final char[] ALPHABET = {'a', 'B', 'c', ' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u0001', '\u00a0', '\u2003', 'É', '-'};

    static Stream<Long> seeds() {
        return LongStream.range(0, 50).boxed();
    }

    /** The hand-written split must give exactly what the regular-expression split gave (existing indexes hold those words). */
    @ParameterizedTest
    @MethodSource("seeds")
    void wordsSplitAsTheRegularExpressionDid(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String value = sb.toString();
            List<String> expected = new ArrayList<>();
            for (String w : value.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    expected.add(w.toLowerCase(Locale.ROOT));
                }
            }
            assertEquals(expected, IndexedFields.words(value), () -> "for " + value.chars().mapToObj(Integer::toHexString).toList());
        }
    }
}
