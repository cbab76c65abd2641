package net.whoisd.rpsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The template of one object class: which attributes it has, how often, and which are keys. */
public final class ObjectTemplate {
    private static final int NAME_WIDTH = 16;
    private static final int COLUMN_WIDTH = 13;
    private static final Map<ObjectType, ObjectTemplate> TEMPLATES = new EnumMap<>(ObjectType.class);

    static {
        TemplateData.all().forEach((type, text) -> TEMPLATES.put(type, new ObjectTemplate(type, parse(text))));
    }

    private final ObjectType type;
    private final List<AttributeTemplate> attributes;
    private final Map<String, AttributeTemplate> byName;
    private final Set<String> lookupKeys;
    private final Set<String> inverseKeys;

    private ObjectTemplate(ObjectType type, List<AttributeTemplate> attributes) {
        this.type = type;
        this.attributes = List.copyOf(attributes);
        Map<String, AttributeTemplate> map = new HashMap<>();
        Set<String> lookup = new LinkedHashSet<>();
        Set<String> inverse = new LinkedHashSet<>();
        for (AttributeTemplate a : attributes) {
            map.put(a.name(), a);
            if (a.keys().contains(KeyRole.LOOKUP)) {
                lookup.add(a.name());
            }
            if (a.keys().contains(KeyRole.INVERSE)) {
                inverse.add(a.name());
            }
        }
        this.byName = map;
        this.lookupKeys = Collections.unmodifiableSet(lookup);
        this.inverseKeys = Collections.unmodifiableSet(inverse);
    }

    public static ObjectTemplate of(ObjectType type) {
        return TEMPLATES.get(type);
    }

    public ObjectType type() {
        return type;
    }

    /** The attributes in template order. */
    public List<AttributeTemplate> attributes() {
        return attributes;
    }

    public Optional<AttributeTemplate> attribute(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The template entry for that name, or null (no Optional on the validator's hot path). */
    AttributeTemplate attributeOrNull(String name) {
        return byName.get(name);
    }

    /** Attribute names a plain query searches. */
    public Set<String> lookupKeys() {
        return lookupKeys;
    }

    /** Attribute names {@code -i} searches. */
    public Set<String> inverseKeys() {
        return inverseKeys;
    }

    /** The primary-key attributes in template order (two for route and route6). */
    public List<String> primaryKeys() {
        List<String> out = new ArrayList<>(2);
        for (AttributeTemplate a : attributes) {
            if (a.isPrimaryKey()) {
                out.add(a.name());
            }
        }
        return out;
    }

    /** What {@code whois -t <class>} prints: one line per attribute in RIPE's columns. */
    public String templateText() {
        StringBuilder sb = new StringBuilder(attributes.size() * 64);
        for (AttributeTemplate a : attributes) {
            pad(sb, a.name() + ":", NAME_WIDTH);
            pad(sb, a.requirement().label(), COLUMN_WIDTH);
            pad(sb, a.cardinality().label(), COLUMN_WIDTH);
            sb.append(a.keyLabel()).append('\n');
        }
        return sb.toString();
    }

    /** What {@code whois -v <class>} prints: description, template, then each attribute explained. */
    public String verboseText() {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("The ").append(type.attributeName()).append(" class:\n\n");
        sb.append("      ").append(TemplateData.classDescription(type)).append("\n\n");
        sb.append(templateText());
        sb.append("\nThe content of the attributes of the ").append(type.attributeName()).append(" class are:\n\n");
        for (AttributeTemplate a : attributes) {
            sb.append(a.name()).append("\n\n");
            sb.append("   ").append(AttributeDocs.description(a.name())).append("\n\n");
            sb.append("     ").append(AttributeDocs.syntax(a.name())).append("\n\n");
        }
        return sb.toString();
    }

    /** Left-aligned in a fixed column, as RIPE's {@code %-16s}: a word that fills it gets no space after it. */
    private static void pad(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
    }

    private static List<AttributeTemplate> parse(String text) {
        List<AttributeTemplate> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            Requirement requirement = switch (f[1]) {
                case "M" -> Requirement.MANDATORY;
                case "O" -> Requirement.OPTIONAL;
                case "C" -> Requirement.CONDITIONAL;
                default -> Requirement.GENERATED;
            };
            Cardinality cardinality = f[2].equals("S") ? Cardinality.SINGLE : Cardinality.MULTIPLE;
            Set<KeyRole> keys = EnumSet.noneOf(KeyRole.class);
            for (char c : f[3].toCharArray()) {
                switch (c) {
                    case 'P' -> keys.add(KeyRole.PRIMARY);
                    case 'L' -> keys.add(KeyRole.LOOKUP);
                    case 'I' -> keys.add(KeyRole.INVERSE);
                    default -> { }
                }
            }
            out.add(new AttributeTemplate(f[0], requirement, cardinality, keys));
        }
        return out;
    }
}
