package net.whoisd.server.update;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.References;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;

/**
 * {@code AUTO-n} keys of one message: a new person, role or organisation written with
 * {@code AUTO-1} gets a free handle, and other objects of the same message that name
 * {@code AUTO-1} are rewritten to it.
 */
final class AutoKeys {
    private static final Pattern AUTO = Pattern.compile("(?i)AUTO-(\\d+)([A-Z]{0,4})");
    private static final Set<ObjectType> CONTACTS = Set.of(ObjectType.PERSON, ObjectType.ROLE);

    private final Map<String, String> assigned = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    static boolean isAuto(String value) {
        return value != null && AUTO.matcher(value.trim()).matches();
    }

    /** The AUTO label of a value ({@code AUTO-1}), upper case. */
    private static String label(String value) {
        Matcher m = AUTO.matcher(value.trim());
        return m.matches() ? "AUTO-" + m.group(1) : value.trim().toUpperCase(Locale.ROOT);
    }

    /** Rewrites reference values {@code AUTO-n} that an earlier object of the message resolved. */
    RpslObject resolveReferences(RpslObject object) {
        return object.mapAttributes(a -> {
            if (References.targets(a.name()).isEmpty() || !a.cleanValue().toUpperCase(Locale.ROOT).contains("AUTO-")) {
                return a;
            }
            List<String> values = a.cleanValues();
            StringBuilder sb = new StringBuilder();
            boolean changed = false;
            for (String v : values) {
                String resolved = isAuto(v) ? assigned.get(label(v)) : null;
                sb.append(sb.length() > 0 ? ", " : "").append(resolved != null ? resolved : v);
                changed |= resolved != null;
            }
            return changed ? RpslAttribute.of(a.name(), sb.toString(), a.line()) : a;
        });
    }

    /** The attribute holding the object's own key if that key is {@code AUTO-n}, else empty. */
    static Optional<String> autoKeyAttribute(ObjectType type, RpslObject object) {
        String attribute = switch (type) {
            case PERSON, ROLE -> "nic-hdl";
            case ORGANISATION -> "organisation";
            default -> null;
        };
        return attribute != null && isAuto(object.value(attribute)) ? Optional.of(attribute) : Optional.empty();
    }

    /** Gives a new object a free key in place of its {@code AUTO-n}. */
    RpslObject assign(ObjectType type, RpslObject object, ObjectView view) {
        String attribute = autoKeyAttribute(type, object).orElseThrow();
        String auto = object.value(attribute);
        String earlier = assigned.get(label(auto));
        if (earlier != null) {
            return object.with(attribute, earlier); // a retry of the same object keeps its key
        }
        Matcher m = AUTO.matcher(auto.trim());
        m.matches();
        String nameAttribute = type == ObjectType.ORGANISATION ? "org-name" : type.attributeName();
        String letters = m.group(2).isEmpty() ? initials(object.value(nameAttribute)) : m.group(2).toUpperCase(Locale.ROOT);
        String source = view.source().toUpperCase(Locale.ROOT);
        Set<ObjectType> types = type == ObjectType.ORGANISATION ? Set.of(ObjectType.ORGANISATION) : CONTACTS;
        for (int n = 1; ; n++) {
            String candidate = (type == ObjectType.ORGANISATION ? "ORG-" : "") + letters + n + "-" + source;
            if (!taken.contains(candidate) && view.get(types, candidate).isEmpty()) {
                taken.add(candidate);
                assigned.put(label(auto), candidate);
                return object.with(attribute, candidate);
            }
        }
    }

    /** Up to four upper-case initials of the name's words; at least two letters. */
    static String initials(String name) {
        StringBuilder sb = new StringBuilder();
        if (name != null) {
            for (String word : name.trim().split("\\s+")) {
                if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && word.charAt(0) < 128 && sb.length() < 4) {
                    sb.append(Character.toUpperCase(word.charAt(0)));
                }
            }
        }
        while (sb.length() < 2) {
            sb.append('A');
        }
        return sb.toString();
    }
}
