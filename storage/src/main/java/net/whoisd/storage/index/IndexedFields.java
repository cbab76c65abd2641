package net.whoisd.storage.index;

import java.util.ArrayList;
import java.util.List;
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

    public static Document document(long id, ObjectType type, RpslObject object) {
        Document doc = new Document();
        doc.add(new LongPoint(ID, id));
        doc.add(new NumericDocValuesField(ID_VALUE, id));
        doc.add(new StringField(TYPE, type.attributeName(), Field.Store.NO));
        ObjectTemplate template = ObjectTemplate.of(type);
        Set<String> lookup = template.lookupKeys();
        Set<String> inverse = template.inverseKeys();
        StringBuilder text = null;
        for (RpslAttribute a : object.attributes()) {
            String name = a.name();
            if (lookup.contains(name)) {
                doc.add(new StringField(LOOKUP, lower(a.cleanValue()), Field.Store.NO));
                if (WORD_MATCHED.contains(name)) {
                    for (String word : words(a.cleanValue())) {
                        doc.add(new StringField(WORD, word, Field.Store.NO));
                    }
                }
            }
            if (inverse.contains(name)) {
                for (String v : a.cleanValues()) {
                    doc.add(new StringField(INVERSE_PREFIX + name, lower(v), Field.Store.NO));
                }
            }
            if (FULL_TEXT.contains(name)) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(a.cleanValue()).append('\n');
            }
        }
        if (text != null) {
            doc.add(new Field(TEXT, text.toString(), TEXT_TYPE));
        }
        return doc;
    }

    /** Lower-cased words of a value, split on white space (as {@code trim().split("\\s+")} does). */
    static List<String> words(String untrimmed) {
        String value = untrimmed.trim();
        List<String> out = new ArrayList<>(4);
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
                out.add(lower(value.substring(start, i)));
            }
        }
        return out;
    }

    /** What the regular expression {@code \\s} matches (the split this replaces, without its per-call cost). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
