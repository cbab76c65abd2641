package net.whoisd.storage.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import net.whoisd.rpsl.ObjectTemplate;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.util.BytesRef;

/**
 * How an object becomes a Lucene document. Which attributes are lookup and inverse keys comes from
 * the class's {@link ObjectTemplate}; values are matched case-insensitively, list values one by one.
 */
public final class IndexedFields {
    static final String ID = "id";
    static final String ID_VALUE = "idv";
    static final String TYPE = "type";
    static final String LOOKUP = "k";
    static final String WORD = "w";
    static final String TEXT = "t";
    static final String INVERSE_PREFIX = "i:";

    /** Name attributes that a lookup matches word by word (all words, any order). */
    private static final Set<String> WORD_MATCHED = Set.of("person", "role", "org-name");
    /** Descriptive attributes searched as full text. */
    private static final Set<String> FULL_TEXT = Set.of("descr", "remarks", "address", "org-name", "person", "role", "netname", "as-name");

    /** Full text needs neither frequencies nor positions: the search is "all words present". */
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.setStored(false);
        TEXT_TYPE.setOmitNorms(true);
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS);
        TEXT_TYPE.freeze();
    }

    private IndexedFields() {
    }

    /** What an attribute of a class is indexed as (bits), and the field name of its inverse key. */
    private record Role(int bits, String inverseField) {
        static final int LOOKUP = 1;
        static final int WORD = 2;
        static final int INVERSE = 4;
        static final int TEXT = 8;
    }

    /** Per class (by ordinal): attribute name -> role, for every attribute indexed at all. */
    private static final List<Map<String, Role>> ROLES = roles();
    private static final BytesRef[] TYPE_TERMS = typeTerms();

    private static List<Map<String, Role>> roles() {
        List<Map<String, Role>> out = new ArrayList<>();
        for (ObjectType type : ObjectType.values()) {
            ObjectTemplate template = ObjectTemplate.of(type);
            Set<String> names = new HashSet<>(template.lookupKeys());
            names.addAll(template.inverseKeys());
            names.addAll(FULL_TEXT);
            Map<String, Role> roles = new HashMap<>();
            for (String name : names) {
                int bits = 0;
                if (template.lookupKeys().contains(name)) {
                    bits |= Role.LOOKUP | (WORD_MATCHED.contains(name) ? Role.WORD : 0);
                }
                if (template.inverseKeys().contains(name)) {
                    bits |= Role.INVERSE;
                }
                if (FULL_TEXT.contains(name)) {
                    bits |= Role.TEXT;
                }
                roles.put(name, new Role(bits, INVERSE_PREFIX + name));
            }
            out.add(Map.copyOf(roles));
        }
        return List.copyOf(out);
    }

    private static BytesRef[] typeTerms() {
        BytesRef[] out = new BytesRef[ObjectType.values().length];
        for (ObjectType type : ObjectType.values()) {
            out[type.ordinal()] = new BytesRef(type.attributeName());
        }
        return out;
    }

    public static Document document(long id, ObjectType type, RpslObject object) {
        Document doc = new Document();
        doc.add(new LongPoint(ID, id));
        doc.add(new NumericDocValuesField(ID_VALUE, id));
        doc.add(new StringField(TYPE, TYPE_TERMS[type.ordinal()], Field.Store.NO));
        Map<String, Role> roles = ROLES.get(type.ordinal());
        for (RpslAttribute a : object.attributes()) {
            Role role = roles.get(a.name());
            if (role == null) {
                continue;
            }
            int bits = role.bits();
            if ((bits & Role.LOOKUP) != 0) {
                addTerm(doc, LOOKUP, lowerBytes(a.cleanValue(), 0, a.cleanValue().length()));
                if ((bits & Role.WORD) != 0) {
                    addWords(doc, a.cleanValue());
                }
            }
            if ((bits & Role.INVERSE) != 0) {
                for (String v : a.cleanValues()) {
                    addTerm(doc, role.inverseField(), lowerBytes(v, 0, v.length()));
                }
            }
        }
        String text = fullText(type, object);
        if (text != null) {
            doc.add(new Field(TEXT, text, TEXT_TYPE));
        }
        return doc;
    }

    /** The descriptive text {@link #document} indexes for full-text search, or null if the object has none. */
    static String fullText(ObjectType type, RpslObject object) {
        Map<String, Role> roles = ROLES.get(type.ordinal());
        StringBuilder text = null;
        for (RpslAttribute a : object.attributes()) {
            Role role = roles.get(a.name());
            if (role != null && (role.bits() & Role.TEXT) != 0) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(a.cleanValue()).append('\n');
            }
        }
        return text == null ? null : text.toString();
    }

    /** Receives the search terms of an object, lower-cased as the index holds them. */
    interface KeyTermSink {
        void lookup(String term);

        void word(String term);

        void inverse(String attribute, String term);
    }

    /**
     * The lookup, name-word and inverse terms {@link #document} indexes for the object, as strings
     * (for the search cache: which cached answers a version of an object can be in). Walks the same
     * per-class roles as {@link #document}.
     */
    static void keyTerms(ObjectType type, RpslObject object, KeyTermSink sink) {
        Map<String, Role> roles = ROLES.get(type.ordinal());
        for (RpslAttribute a : object.attributes()) {
            Role role = roles.get(a.name());
            if (role == null) {
                continue;
            }
            int bits = role.bits();
            if ((bits & Role.LOOKUP) != 0) {
                sink.lookup(lower(a.cleanValue()));
                if ((bits & Role.WORD) != 0) {
                    forEachWord(a.cleanValue(), (value, start, end) -> sink.word(lower(value.substring(start, end))));
                }
            }
            if ((bits & Role.INVERSE) != 0) {
                for (String v : a.cleanValues()) {
                    sink.inverse(a.name(), lower(v));
                }
            }
        }
    }

    /** The terms {@link #words} gives, added as name-word fields without the intermediate strings. */
    private static void addWords(Document doc, String untrimmed) {
        forEachWord(untrimmed, (value, start, end) -> addTerm(doc, WORD, lowerBytes(value, start, end)));
    }

    /**
     * Adds a key term, unless it is longer than Lucene takes (32,766 bytes): IndexWriter refuses the
     * whole document for one such term, which failed a whole import on one leniently loaded object
     * (a name of thousands of continuation lines). No query is that long, so nothing is lost.
     */
    private static void addTerm(Document doc, String field, BytesRef term) {
        if (term.length <= IndexWriter.MAX_TERM_LENGTH) {
            doc.add(new StringField(field, term, Field.Store.NO));
        }
    }

    /**
     * The UTF-8 bytes of {@code lower(s.substring(from, to))}; ASCII (nearly every value) is lowered
     * and encoded in one pass, as {@code toLowerCase(Locale.ROOT)} lowers it: A-Z only.
     */
    static BytesRef lowerBytes(String s, int from, int to) {
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return new BytesRef(lower(s.substring(from, to)));
            }
            out[i - from] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return new BytesRef(out);
    }

    /** Lower-cased words of a value, split on white space (as {@code trim().split("\\s+")} does). */
    static List<String> words(String untrimmed) {
        List<String> out = new ArrayList<>(4);
        forEachWord(untrimmed, (value, start, end) -> out.add(lower(value.substring(start, end))));
        return out;
    }

    /** Where a word of a trimmed value starts and ends. */
    private interface WordSink {
        void word(String value, int start, int end);
    }

    private static void forEachWord(String untrimmed, WordSink sink) {
        String value = untrimmed.trim();
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                sink.word(value, start, i);
            }
        }
    }

    /** What the regular expression {@code \\s} matches (the split this replaces, without its per-call cost). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
