package net.whoisd.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.whoisd.rpsl.AttributeTemplate;
import net.whoisd.rpsl.ObjectTemplate;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
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

    /** The terms of a document are the lower-cased keys, name words and inverse values, as when they were built from strings; the search cache sees the same terms. */
    @ParameterizedTest
    @MethodSource("seeds")
    void documentTermsAreTheLowerCasedValues(long seed) {
        Random random = new Random(seed);
        for (ObjectType type : new ObjectType[] {ObjectType.PERSON, ObjectType.ROLE, ObjectType.ORGANISATION, ObjectType.INETNUM, ObjectType.MNTNER}) {
            ObjectTemplate template = ObjectTemplate.of(type);
            StringBuilder text = new StringBuilder();
            for (AttributeTemplate a : template.attributes()) {
                text.append(a.name()).append(": ").append(randomValue(random)).append(random.nextBoolean() ? ", " + randomValue(random) : "").append('\n');
            }
            RpslObject object = RpslObject.parse(text.toString());
            List<String> expected = new ArrayList<>(List.of("type=" + type.attributeName()));
            for (RpslAttribute a : object.attributes()) {
                if (template.lookupKeys().contains(a.name())) {
                    expected.add("k=" + a.cleanValue().toLowerCase(Locale.ROOT));
                    if (Set.of("person", "role", "org-name").contains(a.name())) {
                        IndexedFields.words(a.cleanValue()).forEach(w -> expected.add("w=" + w));
                    }
                }
                if (template.inverseKeys().contains(a.name())) {
                    a.cleanValues().forEach(v -> expected.add("i:" + a.name() + "=" + v.toLowerCase(Locale.ROOT)));
                }
            }
            List<String> got = new ArrayList<>();
            for (IndexableField f : IndexedFields.document(7, type, object)) {
                if (f.fieldType().indexOptions() != IndexOptions.NONE && f.fieldType().tokenized() == false) {
                    got.add(f.name() + "=" + (f.binaryValue() != null ? f.binaryValue().utf8ToString() : f.stringValue()));
                }
            }
            assertEquals(expected, got, text::toString);
            List<String> keyTerms = new ArrayList<>();
            IndexedFields.keyTerms(type, object, new IndexedFields.KeyTermSink() {
                @Override
                public void lookup(String term) {
                    keyTerms.add("k=" + term);
                }

                @Override
                public void word(String term) {
                    keyTerms.add("w=" + term);
                }

                @Override
                public void inverse(String attribute, String term) {
                    keyTerms.add("i:" + attribute + "=" + term);
                }
            });
            assertEquals(expected.subList(1, expected.size()), keyTerms, () -> "the search cache's terms are the document's: " + text);
        }
    }

    private static String randomValue(Random random) {
        StringBuilder sb = new StringBuilder("X");
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            char c = ALPHABET[random.nextInt(ALPHABET.length)];
            sb.append(c == '\n' || c == '\r' ? 'Q' : c);
        }
        return sb.append('Z').toString();
    }
}
