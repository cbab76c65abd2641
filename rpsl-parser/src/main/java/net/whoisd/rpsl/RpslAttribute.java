package net.whoisd.rpsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One attribute of an RPSL object.
 *
 * @param name       the attribute name, lower-cased (e.g. {@code mnt-by})
 * @param value      the value exactly as written: the text after the colon on the first line with
 *                   leading blanks removed, then each continuation line verbatim (its leading space,
 *                   tab or {@code +} kept), joined with {@code \n}; end-of-line comments included
 * @param cleanValue the value used for validation, indexing and comparison: comments removed,
 *                   continuation markers dropped, runs of white space collapsed to one space, trimmed
 * @param line       the 1-based line number where the attribute starts in its source, or 0 if unknown
 */
public record RpslAttribute(String name, String value, String cleanValue, int line) {

    public RpslAttribute {
        if (name == null || value == null || cleanValue == null) {
            throw new IllegalArgumentException("attribute name and values must not be null");
        }
    }

    /** An attribute from its name and written value; the clean value is derived. */
    public static RpslAttribute of(String name, String value, int line) {
        String canonical = AttributeNames.canonical(name);
        return new RpslAttribute(canonical, value, clean(canonical, value), line);
    }

    /** An attribute with no known source line. */
    public static RpslAttribute of(String name, String value) {
        return of(name, value, 0);
    }

    /** The same attribute with another value (e.g. after normalisation); the line is kept. */
    public RpslAttribute withValue(String newValue) {
        return of(name, newValue, line);
    }

    /** The clean value split on commas (for list attributes such as {@code mnt-by}), blanks dropped. */
    public List<String> cleanValues() {
        if (cleanValue.indexOf(',') < 0) {
            return cleanValue.isEmpty() ? List.of() : List.of(cleanValue);
        }
        List<String> out = new ArrayList<>();
        for (String part : cleanValue.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }

    /** The end-of-line comments of this attribute, joined with a space; empty if there are none. */
    public String comment() {
        StringBuilder sb = new StringBuilder();
        for (String physical : value.split("\n", -1)) {
            int hash = commentStart(physical, 0, physical.length(), name.equals("contact"));
            if (hash >= 0) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(physical.substring(hash + 1).trim());
            }
        }
        return sb.toString();
    }

    /** True if the name matches, case-insensitively. */
    public boolean is(String attributeName) {
        return name.equals(attributeName) || name.equals(attributeName.toLowerCase(Locale.ROOT));
    }

    /**
     * Computes the clean value of a written value. Allocation-free for the common single-line,
     * comment-free, already-trimmed value.
     */
    public static String clean(String value) {
        return clean(value, false);
    }

    /**
     * The clean value of an attribute of that (canonical) name: in {@code contact:} a {@code #} only
     * starts a comment after white space, since URIs have fragments.
     */
    static String clean(String canonicalName, String value) {
        return clean(value, canonicalName.equals("contact"));
    }

    /**
     * Where the comment of {@code s[from, to)} starts, or -1. Looks no further than {@code to}: an
     * {@code indexOf} over the rest of the value made each continuation line cost the whole value.
     */
    private static int commentStart(String s, int from, int to, boolean needsBlankBefore) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '#' && (!needsBlankBefore || i == from || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                return i;
            }
        }
        return -1;
    }

    private static String clean(String value, boolean hashNeedsBlank) {
        int len = value.length();
        boolean simple = true;
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (c == '#' || c == '\n' || c == '\t' || c == '\r' || (c == ' ' && (i == 0 || i == len - 1 || value.charAt(i - 1) == ' '))) {
                simple = false;
                break;
            }
        }
        if (simple) {
            return value;
        }
        StringBuilder sb = new StringBuilder(len);
        boolean firstLine = true;
        int start = 0;
        while (start <= len) {
            int nl = value.indexOf('\n', start);
            int end = nl < 0 ? len : nl;
            int from = start;
            if (!firstLine && from < end && value.charAt(from) == '+') {
                from++;
            }
            int hash = commentStart(value, from, end, hashNeedsBlank);
            int to = hash >= 0 ? hash : end;
            appendCollapsed(sb, value, from, to);
            firstLine = false;
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        int trimEnd = sb.length();
        while (trimEnd > 0 && sb.charAt(trimEnd - 1) == ' ') {
            trimEnd--;
        }
        sb.setLength(trimEnd);
        return sb.toString();
    }

    private static void appendCollapsed(StringBuilder sb, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean blank = c == ' ' || c == '\t' || c == '\r' || c == '\u000b' || c == '\f';
            if (blank) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(' ');
                }
            } else {
                sb.append(c);
            }
        }
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
            sb.append(' ');
        }
    }
}
