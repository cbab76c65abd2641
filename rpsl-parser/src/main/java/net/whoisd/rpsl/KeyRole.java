package net.whoisd.rpsl;

/** The index roles of an attribute: identity, plain-query lookup, {@code -i} inverse lookup. */
public enum KeyRole {
    PRIMARY, LOOKUP, INVERSE
}
