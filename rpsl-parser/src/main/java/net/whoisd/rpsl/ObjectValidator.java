package net.whoisd.rpsl;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks an object against its class template and the syntax of every attribute, and returns it
 * normalised. Never throws; every problem of the object is reported at once, each naming its
 * attribute and line.
 */
public final class ObjectValidator {
    private static final Map<ObjectType, Rules> RULES = new EnumMap<>(ObjectType.class);
    private static final ObjectType[] TYPES = ObjectType.values();
    /** Class attribute names (exactly as {@link ObjectType#attributeName()}) to positions in {@link #TYPES}. */
    private static final NameIndex CLASSES = new NameIndex(java.util.Arrays.stream(TYPES).map(ObjectType::attributeName).toList());

    static {
        for (ObjectType type : ObjectType.values()) {
            RULES.put(type, new Rules(ObjectTemplate.of(type)));
        }
    }

    private final ValidationMode mode;
    private final String source;

    /**
     * @param mode   STRICT for updates, LENIENT for dump imports
     * @param source the database's source name; objects must carry it (or its {@code -NONAUTH}
     *               companion). Null accepts any well-formed source.
     */
    public ObjectValidator(ValidationMode mode, String source) {
        this.mode = mode;
        this.source = source == null ? null : source.trim().toUpperCase(Locale.ROOT);
    }

    public ValidationMode mode() {
        return mode;
    }

    public ValidationResult validate(RpslObject object) {
        try {
            return check(object);
        } catch (RuntimeException | StackOverflowError e) {
            // a defect in a check must not take an import or an update down with it
            return new ValidationResult(object, List.of(Problem.error(null, object.line(),
                    "internal error while validating: " + e)));
        }
    }

    private ValidationResult check(RpslObject object) {
        List<Problem> problems = new ArrayList<>(0);
        RpslAttribute first = object.attributes().get(0);
        int classIndex = CLASSES.get(first.name());
        ObjectType type = classIndex < 0 ? null : TYPES[classIndex];
        if (type == null) {
            problems.add(Problem.error(first.name(), first.line(), "\"" + first.name() + "\" is not a known object class"));
            return new ValidationResult(object, problems);
        }
        Rules rules = RULES.get(type);
        List<RpslAttribute> attributes = object.attributes();
        // bit i of seen[0]: template attribute i occurs; of seen[1]: it occurs more than once
        long[] seen = new long[2];
        List<RpslAttribute> out = null;
        RpslAttribute domainAttr = null;
        for (int i = 0; i < attributes.size(); i++) {
            RpslAttribute attr = attributes.get(i);
            RpslAttribute result = checkAttribute(type, rules, attr, seen, problems);
            if (result != attr && out == null) {
                out = new ArrayList<>(attributes.subList(0, i));
            }
            if (out != null && result != null) {
                out.add(result);
            }
            if (result != null && type == ObjectType.DOMAIN && result.name().equals("domain")) {
                domainAttr = result;
            }
        }
        checkCounts(rules, seen, object, problems);
        RpslObject normalised = out == null ? object : (out.isEmpty() ? object : new RpslObject(out));
        if (domainAttr != null) {
            checkGlue(domainAttr.cleanValue(), normalised, problems);
        }
        if (type == ObjectType.INETNUM || type == ObjectType.INET6NUM) {
            checkAssignmentSize(normalised, problems);
        }
        return new ValidationResult(normalised, problems.isEmpty() ? List.of() : problems);
    }

    /** Checks one attribute; returns it, its normalised replacement, or null to drop it. */
    private RpslAttribute checkAttribute(ObjectType type, Rules rules, RpslAttribute attr, long[] seen, List<Problem> problems) {
        String name = attr.name();
        int index = rules.index(name);
        if (index < 0) {
            if (name.equals("changed") && mode == ValidationMode.STRICT) {
                problems.add(Problem.warning(name, attr.line(), "\"changed\" is deprecated and has been removed"));
                return null;
            }
            String message = AttributeChecks.isKnown(name)
                    ? "\"" + name + "\" is not valid for this object type (" + type.attributeName() + ")"
                    : "\"" + name + "\" is not a known RPSL attribute";
            problems.add(mode == ValidationMode.STRICT ? Problem.error(name, attr.line(), message)
                    : Problem.warning(name, attr.line(), message + "; kept as it is"));
            return attr;
        }
        long bit = 1L << index;
        seen[1] |= seen[0] & bit;
        seen[0] |= bit;
        boolean essential = rules.essential[index];
        String clean = attr.cleanValue();
        String message;
        if (clean.isEmpty()) {
            message = rules.checks[index] == AttributeChecks.FREE_TEXT ? null : "empty value";
        } else {
            message = rules.checks[index].check(clean);
        }
        if (message != null) {
            // a lenient import loads a legacy or foreign key as written (C51767-TEST, aut-num: 278);
            // only an empty key or a bad source stop it
            boolean error = essential && (mode == ValidationMode.STRICT || clean.isEmpty() || name.equals("source"))
                    || (mode == ValidationMode.STRICT && !rules.generated[index]);
            String text = "syntax error in \"" + abbreviate(clean) + "\": " + message;
            problems.add(error ? Problem.error(name, attr.line(), text) : Problem.warning(name, attr.line(), text));
            return attr;
        }
        if (name.equals("source")) {
            checkSource(attr, clean, problems);
        }
        if (!rules.normalised[index] && !rules.key[index]) {
            return attr;   // its clean value is canonical and it keeps its comments
        }
        String canonical = AttributeChecks.normalise(type, name, clean);
        boolean key = rules.key[index];
        if (key) {
            // class and primary-key attributes lose continuation lines and comments
            if (!canonical.equals(attr.value())) {
                if (!canonical.equals(clean)) {
                    problems.add(Problem.info(name, attr.line(), "value \"" + clean + "\" has been normalised to \"" + canonical + "\""));
                }
                return new RpslAttribute(name, canonical, canonical, attr.line());
            }
            return attr;
        }
        if (canonical != clean && !canonical.equals(clean)) {
            problems.add(Problem.info(name, attr.line(), "value \"" + clean + "\" has been normalised to \"" + canonical + "\""));
            String comment = attr.comment();
            String value = comment.isEmpty() ? canonical : canonical + " # " + comment;
            return new RpslAttribute(name, value, canonical, attr.line());
        }
        return attr;
    }

    private void checkSource(RpslAttribute attr, String clean, List<Problem> problems) {
        if (attr.value().indexOf('#') >= 0) {
            // port-43 output carries "source: RIPE # Filtered"; the source is still RIPE
            problems.add(mode == ValidationMode.STRICT ? Problem.error("source", attr.line(), "comments are not allowed on \"source\"")
                    : Problem.warning("source", attr.line(), "comments are not allowed on \"source\"; kept as it is"));
        }
        if (source != null) {
            String upper = clean.toUpperCase(Locale.ROOT);
            if (!upper.equals(source) && !upper.equals(source + "-NONAUTH")) {
                problems.add(Problem.error("source", attr.line(), "unrecognized source: " + clean + " (this database holds " + source + ")"));
            }
        }
    }

    private void checkCounts(Rules rules, long[] seen, RpslObject object, List<Problem> problems) {
        long missing = rules.mandatory & ~seen[0];
        long repeated = rules.single & seen[1];
        if ((missing | repeated) == 0) {
            return;
        }
        List<AttributeTemplate> attrs = rules.template.attributes();
        for (int i = 0; i < attrs.size(); i++) {
            AttributeTemplate t = attrs.get(i);
            boolean strict = mode == ValidationMode.STRICT;
            if ((missing & (1L << i)) != 0) {
                // an object without source: loads leniently (it is in this source's dump); without its key it cannot
                boolean error = strict || (rules.essential[i] && !t.name().equals("source"));
                String message = "mandatory attribute \"" + t.name() + "\" is missing";
                problems.add(error ? Problem.error(t.name(), object.line(), message) : Problem.warning(t.name(), object.line(), message));
            } else if ((repeated & (1L << i)) != 0) {
                // the first of two origin: (or nic-hdl:) lines is the key, as in IRRd
                boolean error = strict;
                int line = secondLine(object, t.name());
                String message = "attribute \"" + t.name() + "\" appears " + count(object, t.name()) + " times; only one is allowed";
                problems.add(error ? Problem.error(t.name(), line, message) : Problem.warning(t.name(), line, message));
            }
        }
    }

    private static int count(RpslObject object, String name) {
        int n = 0;
        for (RpslAttribute a : object.attributes()) {
            if (a.name().equals(name)) {
                n++;
            }
        }
        return n;
    }

    private static int secondLine(RpslObject object, String name) {
        boolean seen = false;
        for (RpslAttribute a : object.attributes()) {
            if (a.name().equals(name)) {
                if (seen) {
                    return a.line();
                }
                seen = true;
            }
        }
        return object.line();
    }

    /** Glue is required for a name server inside the delegated zone and forbidden outside it. */
    private void checkGlue(String domain, RpslObject object, List<Problem> problems) {
        String zone = domain.toLowerCase(Locale.ROOT);
        for (RpslAttribute ns : object.attributes()) {
            if (!ns.name().equals("nserver")) {
                continue;
            }
            String v = ns.cleanValue().toLowerCase(Locale.ROOT);
            int space = v.indexOf(' ');
            String host = space < 0 ? v : v.substring(0, space);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            boolean inside = host.equals(zone) || (host.length() > zone.length() && host.endsWith(zone)
                    && host.charAt(host.length() - zone.length() - 1) == '.');
            if (inside && space < 0) {
                add(problems, ns, "glue IP address required: " + host + " lies inside " + zone);
            } else if (!inside && space >= 0) {
                add(problems, ns, "glue IP address not allowed: " + host + " lies outside " + zone);
            }
        }
    }

    private void checkAssignmentSize(RpslObject object, List<Problem> problems) {
        RpslAttribute size = object.find("assignment-size").orElse(null);
        if (size == null) {
            return;
        }
        String status = object.value("status");
        if (size != null && status != null && !status.equalsIgnoreCase("AGGREGATED-BY-LIR")) {
            add(problems, size, "\"assignment-size\" is only allowed with status AGGREGATED-BY-LIR");
        }
        if (size != null && status != null && status.equalsIgnoreCase("AGGREGATED-BY-LIR")) {
            int length = Syntax.smallInt(size.cleanValue(), 128);
            int prefix = IpRange.parse(object.classValue()).map(IpRange::prefixLength).orElse(-1);
            int max = object.className().equals("inetnum") ? 32 : 128;
            if (length >= 0 && (length <= prefix || length > max)) {
                add(problems, size, "\"assignment-size\" must be longer than the object's prefix and at most " + max);
            }
        }
    }

    private void add(List<Problem> problems, RpslAttribute attr, String message) {
        problems.add(mode == ValidationMode.STRICT ? Problem.error(attr.name(), attr.line(), message)
                : Problem.warning(attr.name(), attr.line(), message));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** A template with its checks laid out by attribute position, built once per class. */
    private static final class Rules {
        final ObjectTemplate template;
        final AttributeChecks.ValueCheck[] checks;
        /** Primary keys and source: their problems are errors in every mode. */
        final boolean[] essential;
        /** The class attribute and primary keys: normalised without comments or continuation lines. */
        final boolean[] key;
        final boolean[] generated;
        /** Attributes that have a canonical form (see {@link AttributeChecks#normalise}). */
        final boolean[] normalised;
        /** Bit i set if template attribute i is mandatory, resp. single. */
        final long mandatory;
        final long single;
        private final NameIndex indexes;

        Rules(ObjectTemplate template) {
            this.template = template;
            List<AttributeTemplate> attrs = template.attributes();
            if (attrs.size() > Long.SIZE) {
                throw new IllegalStateException(template.type() + " has more than " + Long.SIZE + " attributes");
            }
            checks = new AttributeChecks.ValueCheck[attrs.size()];
            essential = new boolean[attrs.size()];
            key = new boolean[attrs.size()];
            generated = new boolean[attrs.size()];
            normalised = new boolean[attrs.size()];
            long m = 0;
            long s = 0;
            for (int i = 0; i < attrs.size(); i++) {
                AttributeTemplate a = attrs.get(i);
                checks[i] = AttributeChecks.forAttribute(template.type(), a.name());
                essential[i] = a.isPrimaryKey() || a.name().equals("source");
                key[i] = a.isPrimaryKey() || i == 0;
                generated[i] = a.requirement() == Requirement.GENERATED;
                normalised[i] = AttributeChecks.hasCanonicalForm(a.name());
                m |= a.isMandatory() ? 1L << i : 0;
                s |= a.isSingle() ? 1L << i : 0;
            }
            mandatory = m;
            single = s;
            indexes = new NameIndex(attrs.stream().map(AttributeTemplate::name).toList());
        }

        int index(String name) {
            return indexes.get(name);
        }
    }
}
