package net.whoisd.server.metrics;

/** What a query asks for, as the metrics count it; one label value each. */
public enum QueryKind {
    /** A search by a key that is not an IP address, range or prefix (handles, primary keys, names, AS numbers). */
    LOOKUP("lookup"),
    /** An inverse search ({@code -i}). */
    INVERSE("inverse"),
    /** A search by an IP address, range or prefix, with or without the hierarchy flags. */
    RANGE("range"),
    /** Version history ({@code --list-versions}, {@code --show-version}, {@code --diff-versions}). */
    VERSION("version"),
    /** Help, templates, system information, a bare {@code -k}. */
    OTHER("other");

    private final String label;

    QueryKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
