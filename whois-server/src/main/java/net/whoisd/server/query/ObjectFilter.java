package net.whoisd.server.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.whoisd.rpsl.ObjectTemplate;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;

/**
 * Output stages 6 to 9 of the query pipeline: e-mail filtering, password-hash masking, removal of
 * {@code changed:}, the {@code # Filtered} marker, and the {@code -F}/{@code -K} output forms.
 */
public final class ObjectFilter {
    /** Removed from default output (stage 6); {@code abuse-mailbox:} never is. */
    static final Set<String> EMAIL_ATTRIBUTES = Set.of("notify", "changed", "ref-nfy", "mnt-nfy", "upd-to", "e-mail");
    static final String FILTERED = " # Filtered";

    private ObjectFilter() {
    }

    /**
     * The object as a query shows it: with {@code emailFilter}, stage 6 applies; {@code auth:}
     * password schemes and SSO are always masked; {@code changed:} always removed. If anything was
     * removed or masked, {@code source:} gets {@code # Filtered}.
     */
    public static RpslObject filter(RpslObject object, boolean emailFilter) {
        List<RpslAttribute> out = new ArrayList<>(object.attributes().size());
        boolean filtered = false;
        for (RpslAttribute a : object.attributes()) {
            String name = a.name();
            if (name.equals("changed")) {
                filtered |= emailFilter;
                continue;
            }
            if (emailFilter && EMAIL_ATTRIBUTES.contains(name)) {
                filtered = true;
                continue;
            }
            if (name.equals("auth")) {
                String scheme = scheme(a.cleanValue());
                if (scheme.endsWith("-PW") || scheme.equals("SSO")) {
                    out.add(RpslAttribute.of("auth", scheme + FILTERED, a.line()));
                    filtered = true;
                    continue;
                }
            }
            out.add(a);
        }
        if (filtered) {
            for (int i = 0; i < out.size(); i++) {
                RpslAttribute a = out.get(i);
                if (a.name().equals("source") && !a.value().endsWith(FILTERED)) {
                    out.set(i, RpslAttribute.of("source", a.cleanValue() + FILTERED, a.line()));
                }
            }
        }
        return new RpslObject(out);
    }

    private static String scheme(String authValue) {
        int space = authValue.indexOf(' ');
        return (space < 0 ? authValue : authValue.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** RIPE's "short hand" ({@code -F}): {@code *mb: VALUE}, continuation lines as {@code +    text}. */
    public static String brief(RpslObject object) {
        StringBuilder sb = new StringBuilder(object.attributes().size() * 32);
        for (RpslAttribute a : object.attributes()) {
            String[] lines = a.value().split("\n", -1);
            sb.append('*').append(AttributeCodes.code(a.name())).append(": ").append(lines[0]).append('\n');
            for (int i = 1; i < lines.length; i++) {
                String rest = lines[i];
                rest = rest.startsWith("+") ? rest.substring(1) : rest;
                sb.append("+    ").append(rest.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Only the primary-key attributes ({@code -K}), plus {@code members:}/{@code mp-members:} of sets. */
    public static RpslObject keysOnly(RpslObject object, ObjectType type) {
        Set<String> keep = Set.copyOf(ObjectTemplate.of(type).primaryKeys());
        boolean set = type == ObjectType.AS_SET;
        RpslObject kept = object.mapAttributes(a -> keep.contains(a.name())
                || (set && (a.name().equals("members") || a.name().equals("mp-members"))) ? a : null);
        return kept;
    }

    /** The object's text, RIPE layout (continuation lines aligned, see {@link ObjectText}). */
    public static String text(RpslObject object) {
        return ObjectText.of(object);
    }
}
