package net.whoisd.rpsl;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which classes an attribute's values point at (the references that must resolve). */
public final class References {
    private static final Set<ObjectType> CONTACTS = Collections.unmodifiableSet(EnumSet.of(ObjectType.PERSON, ObjectType.ROLE));
    private static final Set<ObjectType> MNTNER = Set.of(ObjectType.MNTNER);
    private static final Map<String, Set<ObjectType>> TARGETS = Map.ofEntries(
            Map.entry("admin-c", CONTACTS),
            Map.entry("tech-c", CONTACTS),
            Map.entry("zone-c", CONTACTS),
            Map.entry("author", CONTACTS),
            Map.entry("ping-hdl", CONTACTS),
            Map.entry("abuse-c", Set.of(ObjectType.ROLE)),
            Map.entry("mnt-by", MNTNER),
            Map.entry("mnt-lower", MNTNER),
            Map.entry("mnt-domains", MNTNER),
            Map.entry("mnt-ref", MNTNER),
            Map.entry("mnt-routes", MNTNER),
            Map.entry("mbrs-by-ref", MNTNER),
            Map.entry("mnt-irt", Set.of(ObjectType.IRT)),
            Map.entry("org", Set.of(ObjectType.ORGANISATION)),
            Map.entry("sponsoring-org", Set.of(ObjectType.ORGANISATION)),
            Map.entry("member-of", Set.of(ObjectType.AS_SET)),
            Map.entry("auth", Set.of(ObjectType.KEY_CERT)),
            Map.entry("signature", Set.of(ObjectType.KEY_CERT)),
            Map.entry("encryption", Set.of(ObjectType.KEY_CERT)));
    private static final Set<String> INVERSE_SEARCHABLE;

    static {
        Set<String> names = new TreeSet<>();
        for (ObjectType type : ObjectType.values()) {
            names.addAll(ObjectTemplate.of(type).inverseKeys());
        }
        INVERSE_SEARCHABLE = Collections.unmodifiableSet(names);
    }

    private References() {
    }

    /**
     * The classes that values of this attribute name. For {@code auth} only {@code PGPKEY-}/{@code X509-}
     * values are references, and {@code mbrs-by-ref: ANY} is none; callers skip those values.
     */
    public static Set<ObjectType> targets(String attributeName) {
        return TARGETS.getOrDefault(attributeName, Set.of());
    }

    /** Every attribute that is an inverse key in some template, sorted. */
    public static Set<String> inverseSearchable() {
        return INVERSE_SEARCHABLE;
    }
}
