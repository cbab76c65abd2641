package net.whoisd.rpsl;

/**
 * How strictly to validate. STRICT (updates): every template and syntax rule is an error. LENIENT
 * (imports of legacy dumps): the class, the primary key and {@code source} must be valid; unknown
 * attributes are kept, and every other problem is a warning.
 */
public enum ValidationMode {
    STRICT, LENIENT
}
