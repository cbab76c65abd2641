package net.whoisd.rpsl;

import java.util.Locale;
import java.util.Optional;

/**
 * The identity of an object: its class and its normalised primary key. Two objects with equal keys
 * are versions of the same object.
 *
 * <p>Normalisation: {@code inetnum} as {@code a - b}; {@code inet6num} as compressed lower-case prefix;
 * {@code route}/{@code route6} as prefix followed by the origin ({@code 192.0.2.0/24AS64496});
 * {@code domain} lower-case without trailing dot; {@code aut-num} as {@code AS<n>} without leading
 * zeros; {@code person}/{@code role} by {@code nic-hdl}; everything else upper-case. A key that is not
 * well-formed (a leniently imported legacy key such as {@code aut-num: 278}) is only upper-cased.
 */
public record ObjectKey(ObjectType type, String key) {

    public static ObjectKey of(RpslObject object) {
        ObjectType type = object.type().orElseThrow(() -> new IllegalArgumentException("unknown class: " + object.className()));
        return new ObjectKey(type, primaryKey(type, object));
    }

    /** The normalised primary key of an object of a known class. */
    public static String primaryKey(ObjectType type, RpslObject object) {
        return switch (type) {
            case PERSON, ROLE -> upper(nonNull(object.value("nic-hdl")));
            case ROUTE, ROUTE6 -> normalise(type, object.classValue()) + normalise(ObjectType.AUT_NUM, object.value("origin"));
            default -> normalise(type, object.classValue());
        };
    }

    /**
     * Normalises a key as a user would type it for that class (for {@code route} only the prefix part).
     * Imports and queries both go through here, so that a key is found however it was written.
     */
    public static String normalise(ObjectType type, String value) {
        String v = value == null ? "" : value.trim();
        switch (type) {
            case INETNUM:
                return IpRange.parse(v).filter(IpRange::isIpv4).map(IpRange::toString).orElse(upper(v));
            case INET6NUM:
            case ROUTE:
            case ROUTE6:
                return IpRange.parse(v).map(IpRange::toPrefixString).orElse(v.toLowerCase(Locale.ROOT));
            case DOMAIN:
                String d = v.toLowerCase(Locale.ROOT);
                return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
            case AUT_NUM:
                String as = Syntax.normaliseAsNumber(v);
                return as != null ? as : upper(v);
            default:
                return upper(v);
        }
    }

    /**
     * Whether {@link #normalise} can make more of a key of that class than upper case: the classes a
     * query has to look up under the normalised key as well as under the key as typed.
     */
    public static boolean hasCanonicalForm(ObjectType type) {
        return switch (type) {
            case INETNUM, INET6NUM, ROUTE, ROUTE6, DOMAIN, AUT_NUM -> true;
            default -> false;
        };
    }

    /**
     * Whether the object's primary key is an {@code AUTO-<n>} placeholder, which only an update can
     * turn into a real key (a handle, an organisation id, an X.509 key-cert name).
     */
    public static boolean isPlaceholder(ObjectType type, RpslObject object) {
        String key = switch (type) {
            case PERSON, ROLE -> object.value("nic-hdl");
            case ORGANISATION, KEY_CERT -> object.classValue();
            default -> null;
        };
        return key != null && Syntax.isAutoKey(key);
    }

    /** The key of a {@code route}/{@code route6} object split back into prefix and origin. */
    public static Optional<String[]> splitRouteKey(String key) {
        int as = key.toUpperCase(Locale.ROOT).lastIndexOf("AS");
        if (as <= 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {key.substring(0, as), key.substring(as)});
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "[" + type + "] " + key;
    }
}
