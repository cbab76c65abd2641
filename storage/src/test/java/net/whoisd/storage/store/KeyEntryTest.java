package net.whoisd.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class KeyEntryTest {
    /** Characters chosen to hit the edges of the packing: 0, 126, 127, 128, non-Latin, and ordinary ones. */
    private static final char[] ALPHABET = {'\0', 'A', 'a', 'z', '0', '9', '-', ' ', '.', ':', '~', '\u007f', '\u0080', '\u00e9', '\u4e2d', '\uffff'};

    static Stream<Long> seeds() {
        return LongStream.range(0, 40).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sortsExactlyAsStringCompareTo(long seed) {
        Random random = new Random(seed);
        List<KeyEntry> entries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String shared = randomText(random, random.nextInt(12));
        for (int i = 0; i < 300; i++) {
            int ordinal = random.nextInt(3) == 0 ? 7 : random.nextInt(100);
            StringBuilder key = new StringBuilder().append((char) ('0' + ordinal / 10)).append((char) ('0' + ordinal % 10)).append(':');
            if (random.nextBoolean()) {
                key.append(shared, 0, random.nextInt(shared.length() + 1));
            }
            key.append(randomText(random, random.nextInt(14)));
            keys.add(key.toString());
            entries.add(new KeyEntry(key.toString(), i, new byte[0]));
        }
        keys.sort(String::compareTo);
        List<String> sorted = Stream.of(KeyEntry.sorted(entries)).map(e -> e.key).toList();
        assertEquals(keys, sorted);
    }

    @Test
    void refusesWhatIsNotAStoreKey() {
        assertThrows(IllegalArgumentException.class, () -> new KeyEntry("person", 1, new byte[0]));
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (char) ('a' + random.nextInt(3)));
        }
        return sb.toString();
    }
}
