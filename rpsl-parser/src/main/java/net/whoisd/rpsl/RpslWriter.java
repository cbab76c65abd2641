package net.whoisd.rpsl;

/** Writes objects the RIPE way: {@code name:} padded so that values start at column 16. */
public final class RpslWriter {
    /** Column (0-based) at which values start. */
    public static final int VALUE_COLUMN = 16;

    private RpslWriter() {
    }

    public static String write(RpslObject object) {
        StringBuilder sb = new StringBuilder(object.attributes().size() * 40);
        for (RpslAttribute a : object.attributes()) {
            appendAttribute(sb, a);
        }
        return sb.toString();
    }

    /** Appends one attribute with its continuation lines and a trailing newline. */
    public static void appendAttribute(StringBuilder sb, RpslAttribute a) {
        appendAttribute(sb, a.name(), a.value());
    }

    public static void appendAttribute(StringBuilder sb, String name, String value) {
        sb.append(name).append(':');
        int nl = value.indexOf('\n');
        String first = nl < 0 ? value : value.substring(0, nl);
        if (!first.isEmpty()) {
            int pad = Math.max(1, VALUE_COLUMN - name.length() - 1);
            for (int i = 0; i < pad; i++) {
                sb.append(' ');
            }
            sb.append(first);
        }
        sb.append('\n');
        if (nl >= 0) {
            sb.append(value, nl + 1, value.length()).append('\n');
        }
    }
}
