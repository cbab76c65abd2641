package net.whoisd.rpsl;

/** How often an attribute may appear in one object. */
public enum Cardinality {
    SINGLE, MULTIPLE;

    /** The bracketed form {@code whois -t} prints, e.g. {@code [single]}. */
    public String label() {
        return "[" + name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
