package net.whoisd.sample;

/** Builds one RPSL object's text with values aligned at column 16, as the database prints them. */
final class ObjectText {

    private final StringBuilder text = new StringBuilder(512);

    ObjectText add(String name, String value) {
        text.append(name).append(':');
        for (int pad = name.length() + 1; pad < 16; pad++) {
            text.append(' ');
        }
        if (name.length() + 1 >= 16) {
            text.append(' ');
        }
        text.append(value).append('\n');
        return this;
    }

    /** The object followed by the blank line that ends it. */
    String end(String created, String lastModified, String source) {
        add("created", created).add("last-modified", lastModified).add("source", source);
        return text.append('\n').toString();
    }
}
