package net.whoisd.rpsl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits RPSL text into paragraphs and attributes (RFC 2622 lexical rules as the RIPE Database
 * applies them): {@code name:} in column 0, continuation lines starting with space, tab or
 * {@code +}, objects separated by empty lines, {@code #}/{@code %} comment lines between objects.
 */
public final class RpslLexer {
    static final String DELETED_OBJECT = "deleted object (*xx lines) skipped";
    static final String DELETION_MARKER_LINE = "deletion-marker line (*xx) skipped";

    private RpslLexer() {
    }

    /**
     * Every paragraph in the text. Only a truly empty line ends an object (a line of blanks is a
     * continuation); blank lines and {@code #}/{@code %} lines between objects are skipped.
     */
    public static List<ParsedObject> parseAll(String text) {
        List<ParsedObject> out = new ArrayList<>();
        ParagraphBuilder paragraph = new ParagraphBuilder(null);
        int n = text.length();
        int pos = 0;
        int lineNo = 1;
        while (pos <= n) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? n : nl;
            if (end > pos && text.charAt(end - 1) == '\r') {
                end--;
            }
            if (end == pos) {
                if (!paragraph.isEmpty()) {
                    out.add(paragraph.finish());
                }
            } else if (!paragraph.isEmpty() || !isSkippedBetweenObjects(text, pos, end)) {
                paragraph.add(text.substring(pos, end), lineNo);
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            lineNo++;
        }
        if (!paragraph.isEmpty()) {
            out.add(paragraph.finish());
        }
        return out;
    }

    /** A comment line or a line of blanks outside any object. */
    static boolean isSkippedBetweenObjects(CharSequence line, int from, int to) {
        char first = line.charAt(from);
        if (first == '#' || first == '%') {
            return true;
        }
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Reads exactly one object; throws if the text holds none or has lexical errors. */
    static RpslObject parseSingle(String text) {
        List<ParsedObject> all = parseAll(text);
        if (all.isEmpty() || all.get(0).object() == null) {
            throw new IllegalArgumentException("no RPSL object in text");
        }
        ParsedObject first = all.get(0);
        for (Problem p : first.problems()) {
            if (p.isError()) {
                throw new IllegalArgumentException("line " + p.line() + ": " + p.message());
            }
        }
        return first.object();
    }

    /**
     * Lexes the physical lines of one paragraph (no empty lines, CR already removed) that starts
     * at {@code firstLine}.
     */
    public static ParsedObject lexParagraph(List<String> lines, int firstLine) {
        return lexParagraph(lines.toArray(new String[0]), null, null, lines.size(), firstLine);
    }

    /**
     * As {@link #lexParagraph(List, int)} for the first {@code size} lines, where a non-null
     * {@code names[i]} says that line i is an attribute line already split by the reader: the name is
     * canonical and the line holds only the value (leading blanks removed); a non-null
     * {@code cleans[i]} is that value's clean value.
     */
    static ParsedObject lexParagraph(String[] lines, String[] names, String[] cleans, int size, int firstLine) {
        RpslAttribute[] attributes = new RpslAttribute[size];
        int count = 0;
        List<Problem> problems = List.of();
        String name = null;
        String firstValue = null;
        String firstClean = null;
        StringBuilder value = null;
        int attrLine = 0;
        for (int i = 0; i < size; i++) {
            String line = lines[i];
            int lineNo = firstLine + i;
            String split = names == null ? null : names[i];
            if (split != null) {
                if (name != null) {
                    attributes[count++] = attribute(name, firstValue, firstClean, value, attrLine);
                }
                name = split;
                firstValue = line;
                firstClean = cleans[i];
                value = null;
                attrLine = lineNo;
                continue;
            }
            char c = line.isEmpty() ? ' ' : line.charAt(0);
            if (c == ' ' || c == '\t' || c == '+') {
                if (name == null) {
                    problems = add(problems, Problem.error(null, lineNo, "continuation line without an attribute before it"));
                } else {
                    if (value == null) {
                        value = new StringBuilder(firstValue.length() + line.length() + 16).append(firstValue);
                    }
                    value.append('\n').append(line);
                }
                continue;
            }
            int colon = attributeNameEnd(line);
            if (colon < 0 && isDeletionMarker(line)) {
                if (i == 0) {
                    return new ParsedObject(null, firstLine, List.of(Problem.warning(null, lineNo, DELETED_OBJECT)));
                }
                problems = add(problems, Problem.warning(null, lineNo, DELETION_MARKER_LINE));
                continue;
            }
            if (colon < 0) {
                problems = add(problems, Problem.error(null, lineNo, "not an attribute line (expected 'name: value'): "
                        + abbreviate(line)));
                continue;
            }
            if (name != null) {
                attributes[count++] = attribute(name, firstValue, firstClean, value, attrLine);
            }
            name = AttributeNames.canonical(line, colon);
            int v = colon + 1;
            while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
                v++;
            }
            firstValue = line.substring(v);
            firstClean = null;
            value = null;
            attrLine = lineNo;
        }
        if (name != null) {
            attributes[count++] = attribute(name, firstValue, firstClean, value, attrLine);
        }
        RpslObject object = count == 0 ? null : new RpslObject(new AttributeList(attributes, count));
        return new ParsedObject(object, firstLine, problems);
    }

    /** The attribute of a first line and its continuation lines ({@code more}, null if none). */
    private static RpslAttribute attribute(String canonicalName, String firstValue, String firstClean, StringBuilder more, int line) {
        if (more == null) {
            String clean = firstClean != null ? firstClean : RpslAttribute.clean(canonicalName, firstValue);
            return new RpslAttribute(canonicalName, firstValue, clean, line);
        }
        String value = more.toString();
        return new RpslAttribute(canonicalName, value, RpslAttribute.clean(canonicalName, value), line);
    }

    private static List<Problem> add(List<Problem> problems, Problem p) {
        List<Problem> out = problems.isEmpty() ? new ArrayList<>(2) : problems;
        if (out.size() < 1000) {
            out.add(p);
        }
        return out;
    }

    /**
     * Legacy IRRd databases mark a deleted object by overwriting the start of its lines with
     * {@code *xx}; IRRd skips such lines when it loads them.
     */
    static boolean isDeletionMarker(String line) {
        return line.length() >= 3 && line.charAt(0) == '*' && (line.charAt(1) | 0x20) == 'x' && (line.charAt(2) | 0x20) == 'x';
    }

    /** Index of the colon ending a valid attribute name at the start of the line, or -1. */
    static int attributeNameEnd(String line) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ':') {
                return i > 0 ? i : -1;
            }
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
