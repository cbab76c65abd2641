package net.whoisd.server.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;

/**
 * Turns a query line into a {@link Query}: flags (short, clustered, long), their arguments, the
 * search key, then every validation RIPE applies, each failure with its RIPE code and text.
 * Never throws; stateless and thread-safe.
 */
public final class QueryParser {
    /** RIPE rejects 61 or more search-key words. */
    static final int MAX_KEY_WORDS = 60;

    private static final Set<QueryFlag> IP_FLAGS =
            EnumSet.of(QueryFlag.ONE_LESS, QueryFlag.ALL_LESS, QueryFlag.ONE_MORE, QueryFlag.ALL_MORE, QueryFlag.EXACT);
    private static final Set<QueryFlag> VERSION_FLAGS =
            EnumSet.of(QueryFlag.LIST_VERSIONS, QueryFlag.SHOW_VERSION, QueryFlag.DIFF_VERSIONS);
    private static final Set<QueryFlag> ALLOWED_WITH_VERSIONS = EnumSet.of(QueryFlag.SELECT_TYPES,
            QueryFlag.PERSISTENT_CONNECTION, QueryFlag.CLIENT, QueryFlag.CHARSET);

    public Query parse(String line) {
        Builder b = new Builder(line);
        String error = b.tokenize();
        if (error == null) {
            error = validate(b);
        }
        return b.build(error);
    }

    private String validate(Builder b) {
        if (b.keyWords > MAX_KEY_WORDS) {
            return QueryMessages.tooManyArguments();
        }
        String combination = checkCombinations(b.flags);
        if (combination != null) {
            return combination;
        }
        if (countOf(b.flags, IP_FLAGS) > 1) {
            return QueryMessages.duplicateIpFlags();
        }
        for (String t : b.list(QueryFlag.SELECT_TYPES)) {
            Optional<ObjectType> type = typeNamed(t);
            if (type.isEmpty()) {
                return QueryMessages.unknownObjectType(t);
            }
            b.types.add(type.get());
        }
        for (String a : b.list(QueryFlag.INVERSE)) {
            Optional<String> attribute = AttributeCodes.attribute(a);
            if (attribute.isEmpty()) {
                return QueryMessages.unknownAttribute(a);
            }
            if (attribute.get().equals("person")) {
                b.inverse.addAll(InverseKeys.PERSON_EXPANSION);
            } else {
                b.inverse.add(attribute.get());
            }
        }
        for (String s : b.list(QueryFlag.SOURCES)) {
            b.sources.add(s.toUpperCase(Locale.ROOT));
        }
        String q = b.single(QueryFlag.SYSTEM_INFO);
        if (q != null && !(q.equalsIgnoreCase("version") || q.equalsIgnoreCase("types") || q.equalsIgnoreCase("sources"))) {
            return QueryMessages.invalidOption("Invalid option: " + q);
        }
        for (QueryFlag f : List.of(QueryFlag.TEMPLATE, QueryFlag.VERBOSE)) {
            String t = b.single(f);
            if (t != null && typeNamed(t).isEmpty()) {
                return QueryMessages.unknownObjectType(t);
            }
        }
        String client = b.single(QueryFlag.CLIENT);
        if (client != null) {
            String[] parts = client.split(",", -1);
            if (parts.length > 2 || (parts.length == 2 && IpRange.parse(parts[1]).filter(IpRange::isSingleAddress).isEmpty())) {
                return QueryMessages.invalidOption(null);
            }
        }
        String versionError = checkVersionArguments(b);
        if (versionError != null) {
            return versionError;
        }
        SearchKey key = SearchKey.of(b.keyText());
        b.key = key;
        if (b.flags.contains(QueryFlag.ABUSE_CONTACT) && !key.text().isEmpty() && !key.isIpKey() && !key.isAsNumber()) {
            return QueryMessages.invalidOption(null);
        }
        if ((b.flags.contains(QueryFlag.ONE_MORE) || b.flags.contains(QueryFlag.ALL_MORE)) && key.isIpKey()
                && (key.ip().get().equals(IpRange.ALL_IPV4) || key.ip().get().equals(IpRange.ALL_IPV6))) {
            return QueryMessages.illegalRange();
        }
        Query.Kind kind = b.build(null).kind();
        if ((kind == Query.Kind.SEARCH || kind == Query.Kind.VERSIONS) && key.text().isEmpty()) {
            return QueryMessages.noSearchKey();
        }
        if (kind == Query.Kind.SEARCH && !key.isIpKey() && !key.isReverseDomain()
                && (countOf(b.flags, IP_FLAGS) > 0 || b.flags.contains(QueryFlag.REVERSE_DOMAIN))) {
            b.warnings.add(QueryMessages.uselessIpFlag());
        }
        if (b.flags.contains(QueryFlag.CHARSET) && Charsets.named(b.single(QueryFlag.CHARSET)).isEmpty()) {
            b.warnings.add(QueryMessages.invalidCharset(b.single(QueryFlag.CHARSET)));
        }
        return null;
    }

    /** RIPE's reasons, in its order: a non-number is a bare ERROR:111 (the flag takes an integer). */
    private static String checkVersionArguments(Builder b) {
        String show = b.single(QueryFlag.SHOW_VERSION);
        if (show != null && parsePositive(show) < 0) {
            return QueryMessages.invalidOption(null);
        }
        if (show != null && parsePositive(show) < 1) {
            return QueryMessages.invalidOption("version flag number must be greater than 0");
        }
        String diff = b.single(QueryFlag.DIFF_VERSIONS);
        if (diff != null) {
            String[] parts = Arrays.stream(diff.split(":")).filter(part -> !part.isEmpty()).toArray(String[]::new);
            if (parts.length != 2) {
                return QueryMessages.invalidOption("diff versions must be in the format a:b");
            }
            int first = parsePositive(parts[0]);
            int second = parsePositive(parts[1]);
            if (first < 0 || second < 0) {
                return QueryMessages.invalidOption("diff version must be a number");
            }
            if (first < 1 || second < 1) {
                return QueryMessages.invalidOption("diff version number must be greater than 0");
            }
            if (first == second) {
                return QueryMessages.invalidOption("diff versions are the same");
            }
        }
        return null;
    }

    /** The positive number a string holds, or -1. */
    static int parsePositive(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }

    private static String checkCombinations(Set<QueryFlag> flags) {
        for (QueryFlag other : List.of(QueryFlag.BRIEF, QueryFlag.NO_FILTERING, QueryFlag.NO_REFERENCED, QueryFlag.PRIMARY_KEYS)) {
            if (flags.contains(QueryFlag.ABUSE_CONTACT) && flags.contains(other)) {
                return QueryMessages.invalidCombination(QueryFlag.ABUSE_CONTACT, other);
            }
        }
        for (QueryFlag other : List.of(QueryFlag.SOURCES, QueryFlag.ALL_SOURCES, QueryFlag.INVERSE)) {
            if (flags.contains(QueryFlag.RESOURCE) && flags.contains(other)) {
                return QueryMessages.invalidCombination(QueryFlag.RESOURCE, other);
            }
        }
        for (QueryFlag other : List.of(QueryFlag.NO_VALID_SYNTAX, QueryFlag.LIST_VERSIONS, QueryFlag.SHOW_VERSION, QueryFlag.DIFF_VERSIONS)) {
            if (flags.contains(QueryFlag.VALID_SYNTAX) && flags.contains(other)) {
                return QueryMessages.invalidCombination(QueryFlag.VALID_SYNTAX, other);
            }
        }
        for (QueryFlag version : VERSION_FLAGS) {
            if (!flags.contains(version)) {
                continue;
            }
            for (QueryFlag other : flags) {
                if (other != version && !ALLOWED_WITH_VERSIONS.contains(other)) {
                    return QueryMessages.invalidCombination(version, other);
                }
            }
        }
        return null;
    }

    private static int countOf(Set<QueryFlag> flags, Set<QueryFlag> of) {
        int n = 0;
        for (QueryFlag f : of) {
            if (flags.contains(f)) {
                n++;
            }
        }
        return n;
    }

    /** A class by full or two-letter name; a leading {@code *} is accepted ({@code *in}). */
    static Optional<ObjectType> typeNamed(String name) {
        String n = name.length() == 3 && name.charAt(0) == '*' ? name.substring(1) : name;
        return ObjectType.fromName(n);
    }

    /** Mutable state while one line is parsed. */
    private static final class Builder {
        final String line;
        final Set<QueryFlag> flags = EnumSet.noneOf(QueryFlag.class);
        final Map<QueryFlag, List<String>> values = new EnumMap<>(QueryFlag.class);
        final List<String> keyParts = new ArrayList<>();
        final Set<ObjectType> types = new LinkedHashSet<>();
        final Set<String> inverse = new LinkedHashSet<>();
        final Set<String> sources = new LinkedHashSet<>();
        final List<String> warnings = new ArrayList<>();
        int keyWords;
        SearchKey key;

        Builder(String line) {
            this.line = line;
        }

        /**
         * The words of a trimmed line, split at runs of spaces and tabs (as {@code split("[ \\t]+")},
         * without compiling a regular expression for every query); an empty line is one empty word.
         */
        static List<String> words(String trimmed) {
            List<String> out = new ArrayList<>(4);
            int start = -1;
            for (int i = 0; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (c == ' ' || c == '\t') {
                    if (start >= 0) {
                        out.add(trimmed.substring(start, i));
                        start = -1;
                    }
                } else if (start < 0) {
                    start = i;
                }
            }
            if (start >= 0) {
                out.add(trimmed.substring(start));
            }
            if (out.isEmpty()) {
                out.add("");
            }
            return out;
        }

        /** Splits the line into flags and key words; returns an error block or null. */
        String tokenize() {
            List<String> tokens = words(line.trim());
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                if (t.isEmpty()) {
                    continue;
                }
                if (t.length() < 2 || t.charAt(0) != '-') {
                    keyParts.add(t);
                    keyWords++;
                    continue;
                }
                if (t.startsWith("--")) {
                    QueryFlag f = QueryFlag.byLong(t.substring(2));
                    if (f == null) {
                        return QueryMessages.invalidOption("Invalid option: " + t);
                    }
                    if (f.takesArgument()) {
                        if (i + 1 >= tokens.size()) {
                            return QueryMessages.invalidOption(null);
                        }
                        String err = add(f, tokens.get(++i));
                        if (err != null) {
                            return err;
                        }
                    } else {
                        flags.add(f);
                    }
                    continue;
                }
                for (int c = 1; c < t.length(); c++) {
                    QueryFlag f = QueryFlag.byShort(t.charAt(c));
                    if (f == null) {
                        return QueryMessages.invalidOption("Invalid option: " + t);
                    }
                    if (!f.takesArgument()) {
                        flags.add(f);
                        continue;
                    }
                    String arg;
                    if (c + 1 < t.length()) {
                        arg = t.substring(c + 1);
                    } else if (i + 1 < tokens.size()) {
                        arg = tokens.get(++i);
                    } else {
                        return QueryMessages.invalidOption(null);
                    }
                    String err = add(f, arg);
                    if (err != null) {
                        return err;
                    }
                    break;
                }
            }
            return null;
        }

        private String add(QueryFlag f, String arg) {
            if (flags.contains(f) && !f.isList()) {
                return QueryMessages.multipleUse(f.shortest());
            }
            flags.add(f);
            List<String> list = values.computeIfAbsent(f, k -> new ArrayList<>());
            if (f.isList()) {
                for (String part : arg.split(",")) {
                    if (!part.isEmpty()) {
                        list.add(part);
                    }
                }
            } else {
                list.add(arg);
            }
            return null;
        }

        List<String> list(QueryFlag f) {
            return values.getOrDefault(f, List.of());
        }

        String single(QueryFlag f) {
            List<String> v = values.get(f);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String keyText() {
            return String.join(" ", keyParts);
        }

        Query build(String error) {
            SearchKey k = key != null ? key : SearchKey.of(keyText());
            return new Query(line, flags, values, k, types, List.copyOf(inverse), List.copyOf(sources),
                    error == null ? warnings : List.of(), error);
        }
    }
}
