package net.whoisd.rpsl;

/** Whether a template requires an attribute (RIPE's four levels). */
public enum Requirement {
    MANDATORY, OPTIONAL, CONDITIONAL, GENERATED;

    /** The bracketed form {@code whois -t} prints, e.g. {@code [mandatory]}. */
    public String label() {
        return "[" + name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
