package net.whoisd.server.query;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.server.metrics.QueryKind;
import net.whoisd.storage.RangeQuery;

/**
 * One parsed query line. Immutable. If {@link #error} is not null the query was rejected and that
 * message block is the whole answer; {@link #warnings} (e.g. WARNING:902) are printed before results.
 *
 * @param flags             every flag given
 * @param values            the arguments of value flags, in order (list flags split on commas)
 * @param key               the search key (empty text if none)
 * @param types             the {@code -T} classes (empty: all)
 * @param inverseAttributes the {@code -i} attributes, full names, {@code person} expanded
 * @param sources           the {@code -s} sources, upper case (empty: the default source)
 */
public record Query(
        String line,
        Set<QueryFlag> flags,
        Map<QueryFlag, List<String>> values,
        SearchKey key,
        Set<ObjectType> types,
        List<String> inverseAttributes,
        List<String> sources,
        List<String> warnings,
        String error) {

    public Query {
        flags = flags.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(QueryFlag.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(QueryFlag.class) : new EnumMap<>(values));
        types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
        inverseAttributes = List.copyOf(inverseAttributes);
        sources = List.copyOf(sources);
        warnings = List.copyOf(warnings);
    }

    /** What kind of work the query asks for. */
    public enum Kind { HELP, SYSTEM_INFO, TEMPLATE, VERSIONS, PERSISTENT_ONLY, SEARCH }

    public boolean has(QueryFlag flag) {
        return flags.contains(flag);
    }

    /** The (first) argument of a value flag, or null. */
    public String value(QueryFlag flag) {
        List<String> v = values.get(flag);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public boolean isRejected() {
        return error != null;
    }

    public boolean isInverse() {
        return has(QueryFlag.INVERSE);
    }

    public Kind kind() {
        if (flags.isEmpty() && key.text().equalsIgnoreCase("help")) {
            return Kind.HELP;
        }
        if (has(QueryFlag.SYSTEM_INFO) || has(QueryFlag.LIST_SOURCES) || has(QueryFlag.VERSION) || has(QueryFlag.TYPES)) {
            return Kind.SYSTEM_INFO;
        }
        if (has(QueryFlag.TEMPLATE) || has(QueryFlag.VERBOSE)) {
            return Kind.TEMPLATE;
        }
        if (has(QueryFlag.LIST_VERSIONS) || has(QueryFlag.SHOW_VERSION) || has(QueryFlag.DIFF_VERSIONS)) {
            return Kind.VERSIONS;
        }
        if (key.text().isEmpty() && flags.equals(EnumSet.of(QueryFlag.PERSISTENT_CONNECTION))) {
            return Kind.PERSISTENT_ONLY;
        }
        return Kind.SEARCH;
    }

    /**
     * Whether answering takes a small, bounded amount of work from memory-resident indexes, so that
     * it may run on the connection's event loop instead of being handed to the query pool and back
     * (two thread wake-ups, about as much CPU as the lookup itself). Bounded: a search by an IP key
     * (exact, less specific or the default; nesting depth bounds the answer), an AS number or another
     * one-word key with a digit or a hyphen (handles, primary keys). Not bounded: inverse lookups and
     * more-specific searches, whose answers nothing limits, version history, and a word without
     * digits or hyphens, which may be a name that thousands of persons share.
     */
    public boolean isBoundedLookup() {
        if (isRejected() || kind() != Kind.SEARCH || isInverse() || has(QueryFlag.ONE_MORE) || has(QueryFlag.ALL_MORE)) {
            return false;
        }
        if (key.isIpKey()) {
            return true;
        }
        String text = key.text();
        boolean handleShaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ') {
                return false;
            }
            handleShaped |= c == '-' || c >= '0' && c <= '9';
        }
        return handleShaped;
    }

    /** The IP relation asked for, or null for the default (exact, else smallest enclosing). */
    public RangeQuery ipRelation() {
        if (has(QueryFlag.EXACT)) {
            return RangeQuery.EXACT;
        }
        if (has(QueryFlag.ONE_LESS)) {
            return RangeQuery.ONE_LESS;
        }
        if (has(QueryFlag.ALL_LESS)) {
            return RangeQuery.ALL_LESS;
        }
        if (has(QueryFlag.ONE_MORE)) {
            return RangeQuery.ONE_MORE;
        }
        if (has(QueryFlag.ALL_MORE)) {
            return RangeQuery.ALL_MORE;
        }
        return null;
    }

    /** Referenced contacts and organisations are added unless one of these flags says otherwise. */
    public boolean addsReferenced() {
        return !(has(QueryFlag.NO_REFERENCED) || has(QueryFlag.BRIEF) || has(QueryFlag.PRIMARY_KEYS)
                || has(QueryFlag.ABUSE_CONTACT) || has(QueryFlag.RESOURCE));
    }

    public boolean grouped() {
        return !(has(QueryFlag.NO_GROUPING) || has(QueryFlag.PRIMARY_KEYS) || has(QueryFlag.ABUSE_CONTACT));
    }

    /** Whether e-mail style attributes are removed (stage 6 of the output pipeline). */
    public boolean filtersEmail() {
        return !(has(QueryFlag.NO_FILTERING) || has(QueryFlag.PRIMARY_KEYS) || has(QueryFlag.ABUSE_CONTACT));
    }

    /** What this query asks for, as the metrics count it. */
    public QueryKind countedAs() {
        return switch (kind()) {
            case VERSIONS -> QueryKind.VERSION;
            case SEARCH -> isInverse() ? QueryKind.INVERSE : key().isIpKey() ? QueryKind.RANGE : QueryKind.LOOKUP;
            default -> QueryKind.OTHER;
        };
    }
}
