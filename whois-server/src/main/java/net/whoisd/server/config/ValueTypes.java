package net.whoisd.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.whoisd.rpsl.IpRange;

/** The value types of {@link ConfigKeys}: each parses, checks and shows one kind of value. */
public final class ValueTypes {
    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(-?[0-9]+)\\s*([a-zA-Z]*)");
    private static final Pattern WORD = Pattern.compile("[A-Z0-9][A-Z0-9_-]*");
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Map<String, ChronoUnit> TIME_SUFFIXES = Map.of("ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES, "min", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);
    private static final Map<String, Long> SIZE_SUFFIXES = Map.of("b", 1L, "kb", 1L << 10, "k", 1L << 10,
            "mb", 1L << 20, "m", 1L << 20, "gb", 1L << 30, "g", 1L << 30);

    private ValueTypes() {
    }

    public static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>("int", range(min, max), text -> (int) checkRange(number(text), min, max));
    }

    public static ValueType<Long> longs(long min, long max) {
        return new ValueType<>("long", range(min, max), text -> checkRange(number(text), min, max));
    }

    public static ValueType<Integer> port() {
        return new ValueType<>("int", "0..65535 (0 disables)", text -> (int) checkRange(number(text), 0, 65535));
    }

    /** A positive int, or {@code auto} (empty) for a default the program works out. */
    public static ValueType<OptionalInt> intOrAuto(int min, int max) {
        return new ValueType<>("int", range(min, max) + " or auto", text -> text.equalsIgnoreCase("auto")
                ? OptionalInt.empty() : OptionalInt.of((int) checkRange(number(text), min, max)),
                v -> v.isPresent() ? String.valueOf(v.getAsInt()) : "auto");
    }

    /** A duration: a bare number counts in {@code unit}; {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} name another. */
    public static ValueType<Duration> duration(ChronoUnit unit, Duration min, Duration max) {
        String unitName = suffix(unit);
        return new ValueType<>("duration", show(min, unit) + ".." + show(max, unit) + " (" + unitName + " unless suffixed)",
                text -> {
                    Matcher m = NUMBER_WITH_UNIT.matcher(text);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("not a duration: " + text);
                    }
                    ChronoUnit given = m.group(2).isEmpty() ? unit : TIME_SUFFIXES.get(m.group(2).toLowerCase(Locale.ROOT));
                    if (given == null) {
                        throw new IllegalArgumentException("unknown time unit '" + m.group(2) + "' in " + text
                                + " (ms, s, m, h, d)");
                    }
                    Duration d = Duration.of(number(m.group(1)), given);
                    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                        throw new IllegalArgumentException("out of range " + show(min, unit) + ".." + show(max, unit)
                                + " " + unitName + ": " + text);
                    }
                    return d;
                }, d -> show(d, unit));
    }

    /** A size in bytes: a bare number counts in units of {@code unitBytes}; {@code KB}, {@code MB}, {@code GB} name another. */
    public static ValueType<Long> size(long unitBytes, String unitName, long minBytes, long maxBytes) {
        return new ValueType<>("size", minBytes / unitBytes + ".." + maxBytes / unitBytes + " (" + unitName + " unless suffixed)",
                text -> {
                    Matcher m = NUMBER_WITH_UNIT.matcher(text);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("not a size: " + text);
                    }
                    Long unit = m.group(2).isEmpty() ? Long.valueOf(unitBytes) : SIZE_SUFFIXES.get(m.group(2).toLowerCase(Locale.ROOT));
                    if (unit == null) {
                        throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in " + text + " (KB, MB, GB)");
                    }
                    long n = number(m.group(1));
                    if (n < 0 || n > maxBytes / unit || n * unit < minBytes) {
                        throw new IllegalArgumentException("out of range " + minBytes / unitBytes + ".." + maxBytes / unitBytes
                                + " " + unitName + ": " + text);
                    }
                    return n * unit;
                }, bytes -> bytes % unitBytes == 0 ? String.valueOf(bytes / unitBytes) : bytes + "b");
    }

    /** One of two words, read as true and false. */
    public static ValueType<Boolean> choice(String yes, String no) {
        return new ValueType<>("enum", yes + " | " + no, text -> {
            String v = text.toLowerCase(Locale.ROOT);
            if (v.equals(yes) || v.equals(no)) {
                return v.equals(yes);
            }
            throw new IllegalArgumentException("must be " + yes + " or " + no + ": " + text);
        }, v -> v ? yes : no);
    }

    /** One of an enum's constants, written in lower case. */
    public static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" | "));
        return new ValueType<>("enum", names, text -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be one of " + names + ": " + text);
        }, e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** A word of letters, digits and dashes, upper-cased (a source, a maintainer). */
    public static ValueType<String> upperWord() {
        return new ValueType<>("string", "letters, digits, '-' (upper-cased)", text -> {
            String v = text.toUpperCase(Locale.ROOT);
            if (!WORD.matcher(v).matches()) {
                throw new IllegalArgumentException("not a name of letters, digits and dashes: " + text);
            }
            return v;
        });
    }

    public static ValueType<String> mailAddress() {
        return new ValueType<>("string", "an e-mail address", text -> {
            if (!MAIL_ADDRESS.matcher(text).matches()) {
                throw new IllegalArgumentException("not an e-mail address: " + text);
            }
            return text;
        });
    }

    public static ValueType<Path> path() {
        return new ValueType<>("path", "a file system path", text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty path");
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a path: " + text);
            }
        });
    }

    /** An IP address or host name (checked for its form only: nothing is looked up). */
    public static ValueType<String> address() {
        return new ValueType<>("address", "an IP address or host name", ValueTypes::hostAddress);
    }

    /** {@code host} or {@code host:port}. */
    public static ValueType<String> hostAndPort() {
        return new ValueType<>("address", "host or host:port", text -> {
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.indexOf(':') == colon) {
                hostAddress(text.substring(0, colon));
                checkRange(number(text.substring(colon + 1)), 1, 65535);
                return text;
            }
            return hostAddress(text);
        });
    }

    /** Comma-separated IP addresses, prefixes or ranges. */
    public static ValueType<List<String>> ipRanges() {
        return new ValueType<>("list", "IP addresses, prefixes or ranges, comma-separated", text -> {
            List<String> ranges = items(text);
            for (String r : ranges) {
                if (IpRange.parse(r).isEmpty()) {
                    throw new IllegalArgumentException("not an address, prefix or range: " + r);
                }
            }
            return ranges;
        }, v -> String.join(", ", v));
    }

    /**
     * Comma-separated IPv4 prefixes or ranges the registry may hand out: never the whole IPv4 space,
     * nor any special-purpose space ({@link SpecialPurposeSpace}).
     */
    public static ValueType<List<IpRange>> freePool() {
        return new ValueType<>("list", "IPv4 prefixes or ranges, comma-separated, outside special-purpose space", text -> {
            List<IpRange> pool = new ArrayList<>();
            for (String part : items(text)) {
                IpRange range = IpRange.parse(part).filter(IpRange::isIpv4)
                        .orElseThrow(() -> new IllegalArgumentException("not an IPv4 range or prefix: " + part));
                if (SpecialPurposeSpace.isRoot(range)) {
                    throw new IllegalArgumentException(part + " is the whole IPv4 space, not the registry's own blocks");
                }
                SpecialPurposeSpace.overlapped(range).ifPresent(reserved -> {
                    throw new IllegalArgumentException(part + " overlaps special-purpose space " + reserved.toPrefixString()
                            + ", which is never handed out");
                });
                pool.add(range);
            }
            return List.copyOf(pool);
        }, pool -> pool.stream().map(IpRange::toString).collect(Collectors.joining(", ")));
    }

    /** Comma-separated {@code name:bcrypt-hash} pairs; shown with the hashes masked. */
    public static ValueType<Map<String, String>> users() {
        return new ValueType<>("list", "name:bcrypt-hash pairs, comma-separated", text -> {
            Map<String, String> users = new LinkedHashMap<>();
            for (String pair : items(text)) {
                int colon = pair.indexOf(':');
                if (colon <= 0 || colon == pair.length() - 1) {
                    throw new IllegalArgumentException("entries must be name:bcrypt-hash, not " + pair.replaceAll(":.*", ":..."));
                }
                // hash-password prints an auth: value, "BCRYPT-PW $2b$...": taken as it is printed
                String hash = pair.substring(colon + 1).trim().replaceFirst("(?i)^BCRYPT-PW\\s+", "");
                if (!hash.startsWith("$2")) {
                    throw new IllegalArgumentException("entries must be name:bcrypt-hash (the hash as hash-password prints it,"
                            + " with or without BCRYPT-PW), not " + pair.substring(0, colon).trim() + ":...");
                }
                users.put(pair.substring(0, colon).trim(), hash);
            }
            return Map.copyOf(users);
        }, users -> users.keySet().stream().sorted().map(u -> u + ":****").collect(Collectors.joining(", ")));
    }

    /** A value that may be left out (blank): empty then. */
    public static <T> ValueType<Optional<T>> optional(ValueType<T> type) {
        return new ValueType<>(type.name(), type.allowed() + ", or empty for none",
                text -> text.isEmpty() ? Optional.empty() : Optional.of(type.parse(text)),
                v -> v.map(type::show).orElse(""));
    }

    private static String hostAddress(String text) {
        if (text.contains(":") || DOTTED_NUMBERS.matcher(text).matches()) {
            if (IpRange.parse(text).filter(r -> r.startHi() == r.endHi() && r.startLo() == r.endLo()).isEmpty()) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            return text;
        }
        if (!HOST_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IP address or host name: " + text);
        }
        return text;
    }

    private static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text);
        }
    }

    private static long checkRange(long n, long min, long max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException("out of range " + range(min, max) + ": " + n);
        }
        return n;
    }

    private static String range(long min, long max) {
        return min + ".." + (max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "" : String.valueOf(max));
    }

    private static String show(Duration d, ChronoUnit unit) {
        long inUnit = d.toNanos() / unit.getDuration().toNanos();
        return Duration.of(inUnit, unit).equals(d) ? String.valueOf(inUnit) : d.toMillis() + "ms";
    }

    private static String suffix(ChronoUnit unit) {
        return switch (unit) {
            case MILLIS -> "ms";
            case SECONDS -> "seconds";
            case MINUTES -> "minutes";
            case HOURS -> "hours";
            default -> unit.name().toLowerCase(Locale.ROOT);
        };
    }
}
