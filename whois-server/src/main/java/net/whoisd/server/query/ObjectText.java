package net.whoisd.server.query;

import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.rpsl.RpslWriter;

/**
 * An object's text as port 43 shows it: the stored layout, except that continuation lines are
 * re-aligned to the value column as RIPE prints them (the stored text keeps them as written). A
 * line continued by white space becomes 16 spaces and its text, one continued by {@code +} becomes
 * {@code +}, 15 spaces and its text; a continuation line with no text is a lone {@code +}. Tabs in
 * such a value are spaces and trailing blanks are dropped. Single-line values are written as
 * {@link RpslWriter} writes them, at no extra cost.
 */
final class ObjectText {
    private static final String VALUE_INDENT = " ".repeat(RpslWriter.VALUE_COLUMN);

    private ObjectText() {
    }

    static String of(RpslObject object) {
        StringBuilder sb = new StringBuilder(object.attributes().size() * 40);
        for (RpslAttribute a : object.attributes()) {
            int nl = a.value().indexOf('\n');
            if (nl < 0) {
                RpslWriter.appendAttribute(sb, a);
            } else {
                appendContinued(sb, a.name(), a.value(), nl);
            }
        }
        return sb.toString();
    }

    private static void appendContinued(StringBuilder sb, String name, String value, int firstEnd) {
        sb.append(name).append(':');
        int start = sb.length();
        appendText(sb, value, 0, firstEnd);
        if (sb.length() > start) {
            sb.insert(start, VALUE_INDENT, 0, Math.max(1, RpslWriter.VALUE_COLUMN - name.length() - 1));
        }
        sb.append('\n');
        int from = firstEnd + 1;
        while (from <= value.length()) {
            int end = value.indexOf('\n', from);
            end = end < 0 ? value.length() : end;
            boolean plus = from < end && value.charAt(from) == '+';
            int lineStart = sb.length();
            sb.append(plus ? "+" : "").append(VALUE_INDENT, 0, plus ? RpslWriter.VALUE_COLUMN - 1 : RpslWriter.VALUE_COLUMN);
            int textStart = sb.length();
            appendText(sb, value, plus ? from + 1 : from, end);
            if (sb.length() == textStart) {
                // nothing after the marker: RIPE shows the line as a lone "+"
                sb.setLength(lineStart);
                sb.append('+');
            }
            sb.append('\n');
            from = end + 1;
        }
    }

    /** The line's text between from and to: leading and trailing blanks dropped, tabs and CRs as spaces. */
    private static void appendText(StringBuilder sb, String value, int from, int to) {
        while (from < to && isBlank(value.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(value.charAt(to - 1))) {
            to--;
        }
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            sb.append(isBlank(c) ? ' ' : c);
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
