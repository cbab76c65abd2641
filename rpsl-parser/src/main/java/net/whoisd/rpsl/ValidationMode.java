package net.whoisd.rpsl;

/**
 * How strictly to validate. STRICT (updates): every template and syntax rule is an error. LENIENT
 * (imports of legacy dumps and other registries' data): the class must be known, the primary key
 * present and not empty, and {@code source}, if present, the configured one; unknown attributes are
 * kept, and every other problem (a malformed key included) is a warning.
 */
public enum ValidationMode {
    STRICT, LENIENT
}
