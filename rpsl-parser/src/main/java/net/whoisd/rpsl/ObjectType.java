package net.whoisd.rpsl;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The RPSL object classes this server knows. The order position is RIPE's: it sorts query results
 * (resources first, then routing objects, domains, maintainers and contacts last).
 */
public enum ObjectType {
    INETNUM("inetnum", "in", 5),
    INET6NUM("inet6num", "i6", 6),
    AUT_NUM("aut-num", "an", 8),
    AS_SET("as-set", "as", 9),
    ROUTE("route", "rt", 10),
    ROUTE6("route6", "r6", 11),
    DOMAIN("domain", "dn", 30),
    MNTNER("mntner", "mt", 40),
    IRT("irt", "it", 41),
    KEY_CERT("key-cert", "kc", 45),
    ORGANISATION("organisation", "oa", 48),
    ROLE("role", "ro", 49),
    PERSON("person", "pn", 50);

    private static final Map<String, ObjectType> BY_NAME = new HashMap<>();

    static {
        for (ObjectType type : values()) {
            BY_NAME.put(type.name, type);
            BY_NAME.put(type.shortName, type);
        }
    }

    private final String name;
    private final String shortName;
    private final int orderPosition;

    ObjectType(String name, String shortName, int orderPosition) {
        this.name = name;
        this.shortName = shortName;
        this.orderPosition = orderPosition;
    }

    /** The class attribute name, e.g. {@code inetnum}, {@code aut-num}. */
    public String attributeName() {
        return name;
    }

    /** RIPE's two-letter short form, as accepted by {@code -T} and shown by {@code -F}. */
    public String shortName() {
        return shortName;
    }

    public int orderPosition() {
        return orderPosition;
    }

    /** Finds a class by its full or short name, case-insensitively. */
    public static Optional<ObjectType> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        ObjectType type = BY_NAME.get(name);
        if (type == null) {
            type = BY_NAME.get(name.toLowerCase(Locale.ROOT).trim());
        }
        return Optional.ofNullable(type);
    }

    /** True for classes whose primary key is an address range (the IP range index holds them). */
    public boolean isAddressClass() {
        return this == INETNUM || this == INET6NUM || this == ROUTE || this == ROUTE6;
    }

    @Override
    public String toString() {
        return name;
    }
}
