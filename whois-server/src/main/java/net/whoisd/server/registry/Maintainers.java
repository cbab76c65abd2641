package net.whoisd.server.registry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;

/** Edits of maintainer references that closures and transfers make. */
public final class Maintainers {
    /** The attributes whose values name a maintainer (mnt-routes: the first word). */
    public static final List<String> ATTRIBUTES = List.of("mnt-by", "mnt-lower", "mnt-domains", "mnt-routes");

    private Maintainers() {
    }

    /** Every maintainer named in the maintainer attributes, upper-cased. */
    public static Set<String> of(RpslObject object) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : ATTRIBUTES) {
            for (String v : object.values(name)) {
                out.add(firstWord(v));
            }
        }
        return out;
    }

    /** True if {@code mntner} appears in any maintainer attribute. */
    public static boolean mentions(RpslObject object, String mntner) {
        return of(object).contains(mntner.toUpperCase(Locale.ROOT));
    }

    /**
     * Replaces {@code from} by {@code to} in every maintainer attribute, keeping other maintainers
     * and the attribute order; a value that becomes a duplicate of an earlier one is dropped.
     */
    public static RpslObject replace(RpslObject object, String from, String to) {
        String f = from.toUpperCase(Locale.ROOT);
        List<RpslAttribute> out = new ArrayList<>(object.attributes().size());
        Set<String> seen = new LinkedHashSet<>();
        for (RpslAttribute a : object.attributes()) {
            if (!ATTRIBUTES.contains(a.name())) {
                out.add(a);
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String v : a.cleanValues()) {
                String replaced = firstWord(v).equals(f) ? to + v.substring(firstWord(v).length()) : v;
                if (seen.add(a.name() + "\u0000" + replaced.toUpperCase(Locale.ROOT))) {
                    kept.add(replaced);
                }
            }
            if (kept.equals(a.cleanValues())) {
                out.add(a);
            } else if (!kept.isEmpty()) {
                out.add(RpslAttribute.of(a.name(), String.join(", ", kept), a.line()));
            }
        }
        return new RpslObject(out);
    }

    /** A copy with {@code last-modified} set to {@code now}, as every registry change records. */
    public static RpslObject touched(RpslObject object, Instant now) {
        return object.with("last-modified", now.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static String firstWord(String value) {
        int space = value.indexOf(' ');
        return (space < 0 ? value : value.substring(0, space)).toUpperCase(Locale.ROOT);
    }
}
