package net.whoisd.server.query;

import java.util.HashMap;
import java.util.Map;

/** Every flag of the port-43 query language, with its short form (if any), long form and argument. */
public enum QueryFlag {
    ONE_LESS('l', "one-less", false),
    ALL_LESS('L', "all-less", false),
    ONE_MORE('m', "one-more", false),
    ALL_MORE('M', "all-more", false),
    EXACT('x', "exact", false),
    IRT('c', "irt", false),
    NO_IRT('C', "no-irt", false),
    ABUSE_CONTACT('b', "abuse-contact", false),
    REVERSE_DOMAIN('d', "reverse-domain", false),
    INVERSE('i', "inverse", true),
    SELECT_TYPES('T', "select-types", true),
    NO_REFERENCED('r', "no-referenced", false),
    NO_GROUPING('G', "no-grouping", false),
    NO_FILTERING('B', "no-filtering", false),
    BRIEF('F', "brief", false),
    PRIMARY_KEYS('K', "primary-keys", false),
    PERSISTENT_CONNECTION('k', "persistent-connection", false),
    VALID_SYNTAX((char) 0, "valid-syntax", false),
    NO_VALID_SYNTAX((char) 0, "no-valid-syntax", false),
    NO_PERSONAL((char) 0, "no-personal", false),
    SHOW_PERSONAL((char) 0, "show-personal", false),
    ALL_SOURCES('a', "all-sources", false),
    SOURCES('s', "sources", true),
    RESOURCE((char) 0, "resource", false),
    SYSTEM_INFO('q', null, true),
    LIST_SOURCES((char) 0, "list-sources", false),
    VERSION((char) 0, "version", false),
    TYPES((char) 0, "types", false),
    TEMPLATE('t', "template", true),
    VERBOSE('v', "verbose", true),
    CLIENT('V', "client", true),
    LIST_VERSIONS((char) 0, "list-versions", false),
    SHOW_VERSION((char) 0, "show-version", true),
    DIFF_VERSIONS((char) 0, "diff-versions", true),
    CHARSET('Z', "charset", true);

    private static final Map<Character, QueryFlag> BY_SHORT = new HashMap<>();
    private static final Map<String, QueryFlag> BY_LONG = new HashMap<>();

    static {
        for (QueryFlag f : values()) {
            if (f.shortName != 0) {
                BY_SHORT.put(f.shortName, f);
            }
            if (f.longName != null) {
                BY_LONG.put(f.longName, f);
            }
        }
    }

    private final char shortName;
    private final String longName;
    private final boolean takesArgument;

    QueryFlag(char shortName, String longName, boolean takesArgument) {
        this.shortName = shortName;
        this.longName = longName;
        this.takesArgument = takesArgument;
    }

    public boolean takesArgument() {
        return takesArgument;
    }

    /** Flags whose values are comma lists that may also be repeated. */
    public boolean isList() {
        return this == INVERSE || this == SELECT_TYPES || this == SOURCES;
    }

    /** The form RIPE uses in messages: {@code -b, --abuse-contact}, {@code --valid-syntax}, {@code -q}. */
    public String display() {
        if (shortName == 0) {
            return "--" + longName;
        }
        return longName == null ? "-" + shortName : "-" + shortName + ", --" + longName;
    }

    /** The shortest way to write it: {@code -b}, {@code --valid-syntax}. */
    public String shortest() {
        return shortName != 0 ? "-" + shortName : "--" + longName;
    }

    static QueryFlag byShort(char c) {
        return BY_SHORT.get(c);
    }

    /** Long names are matched exactly as written (RIPE: lower case only). */
    static QueryFlag byLong(String name) {
        return BY_LONG.get(name);
    }
}
