package net.whoisd.rpsl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits RPSL text into paragraphs and attributes (RFC 2622 lexical rules as the RIPE Database
 * applies them): {@code name:} in column 0, continuation lines starting with space, tab or
 * {@code +}, objects separated by empty lines, {@code #}/{@code %} comment lines between objects.
 */
public final class RpslLexer {
    private RpslLexer() {
    }

    /** Every paragraph in the text, with line numbers counted from {@code firstLine}. */
    public static List<ParsedObject> parseAll(String text) {
        List<ParsedObject> out = new ArrayList<>();
        int n = text.length();
        int pos = 0;
        int lineNo = 1;
        List<String> paragraph = new ArrayList<>();
        int paragraphStart = 0;
        while (pos <= n) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? n : nl;
            String line = text.substring(pos, end);
            if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                if (!paragraph.isEmpty()) {
                    out.add(lexParagraph(paragraph, paragraphStart));
                    paragraph = new ArrayList<>();
                }
            } else if (paragraph.isEmpty() && (line.charAt(0) == '#' || line.charAt(0) == '%')) {
                // comment line between objects
            } else {
                if (paragraph.isEmpty()) {
                    paragraphStart = lineNo;
                }
                paragraph.add(line);
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            lineNo++;
        }
        if (!paragraph.isEmpty()) {
            out.add(lexParagraph(paragraph, paragraphStart));
        }
        return out;
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
        List<RpslAttribute> attributes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>(0);
        String name = null;
        StringBuilder value = null;
        int attrLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = firstLine + i;
            char c = line.charAt(0);
            if (c == ' ' || c == '\t' || c == '+') {
                if (name == null) {
                    problems.add(Problem.error(null, lineNo, "continuation line without an attribute before it"));
                } else {
                    value.append('\n').append(line);
                }
                continue;
            }
            int colon = attributeNameEnd(line);
            if (colon < 0) {
                problems.add(Problem.error(null, lineNo, "not an attribute line (expected 'name: value'): "
                        + abbreviate(line)));
                continue;
            }
            if (name != null) {
                attributes.add(RpslAttribute.of(name, value.toString(), attrLine));
            }
            name = line.substring(0, colon);
            int v = colon + 1;
            while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
                v++;
            }
            value = new StringBuilder(line.length() - v + 8).append(line, v, line.length());
            attrLine = lineNo;
        }
        if (name != null) {
            attributes.add(RpslAttribute.of(name, value.toString(), attrLine));
        }
        RpslObject object = attributes.isEmpty() ? null : new RpslObject(attributes);
        return new ParsedObject(object, firstLine, problems);
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
