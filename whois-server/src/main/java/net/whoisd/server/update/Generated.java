package net.whoisd.server.update;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.PgpKeyCert;

/** The attributes the server sets: {@code created}, {@code last-modified}, and key-cert {@code method/owner/fingerpr}. */
final class Generated {
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Attributes ignored when deciding whether a submitted object equals the stored one. */
    static final Set<String> IGNORED_FOR_IDENTITY = Set.of("created", "last-modified", "changed", "fingerpr", "owner", "method");
    private static final Set<String> TIMESTAMPS = Set.of("created", "last-modified");
    private static final Set<String> KEY_CERT = Set.of("method", "owner", "fingerpr");

    private Generated() {
    }

    static String timestamp(Instant time) {
        return ISO.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Removes user-supplied generated attributes, with a warning for each. */
    static RpslObject strip(ObjectType type, RpslObject object, List<Problem> messages) {
        List<RpslAttribute> kept = new ArrayList<>();
        for (RpslAttribute a : object.attributes()) {
            boolean generated = TIMESTAMPS.contains(a.name()) || (type == ObjectType.KEY_CERT && KEY_CERT.contains(a.name()));
            if (generated) {
                messages.add(Problem.warning(null, 0, "Supplied attribute '" + a.name()
                        + "' has been replaced with a generated value"));
            } else {
                kept.add(a);
            }
        }
        return new RpslObject(kept);
    }

    /** Adds the generated attributes: key-cert data after the class line, timestamps before {@code source:}. */
    static RpslObject add(ObjectType type, RpslObject object, String created, String lastModified) {
        List<RpslAttribute> out = new ArrayList<>(object.attributes().size() + 5);
        out.add(object.attributes().get(0));
        if (type == ObjectType.KEY_CERT) {
            PgpKeyCert.fromObject(object).ifPresent(k -> {
                out.add(RpslAttribute.of("method", "PGP"));
                k.owners().forEach(o -> out.add(RpslAttribute.of("owner", o)));
                out.add(RpslAttribute.of("fingerpr", k.fingerprint()));
            });
        }
        boolean placed = false;
        for (RpslAttribute a : object.attributes().subList(1, object.attributes().size())) {
            if (a.name().equals("source") && !placed) {
                out.add(RpslAttribute.of("created", created));
                out.add(RpslAttribute.of("last-modified", lastModified));
                placed = true;
            }
            out.add(a);
        }
        if (!placed) {
            out.add(RpslAttribute.of("created", created));
            out.add(RpslAttribute.of("last-modified", lastModified));
        }
        return new RpslObject(out);
    }

    /** True if the two versions are the same ignoring generated attributes (case-insensitive clean values and comments). */
    static boolean sameContent(RpslObject a, RpslObject b) {
        return identity(a).equals(identity(b));
    }

    private static List<String> identity(RpslObject o) {
        List<String> out = new ArrayList<>();
        for (RpslAttribute a : o.attributes()) {
            if (!IGNORED_FOR_IDENTITY.contains(a.name())) {
                out.add(a.name() + ":" + a.cleanValue().toLowerCase(Locale.ROOT) + "#" + a.comment().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
