package net.whoisd.rpsl;

import java.util.Set;

/** One line of an object template: an attribute name with its requirement, cardinality and keys. */
public record AttributeTemplate(String name, Requirement requirement, Cardinality cardinality, Set<KeyRole> keys) {

    public AttributeTemplate {
        keys = Set.copyOf(keys);
    }

    public boolean isMandatory() {
        return requirement == Requirement.MANDATORY;
    }

    public boolean isSingle() {
        return cardinality == Cardinality.SINGLE;
    }

    public boolean isPrimaryKey() {
        return keys.contains(KeyRole.PRIMARY);
    }

    /** The key column of {@code whois -t}: {@code [primary/lookup key]}, {@code [inverse key]}, ... or {@code [ ]}. */
    public String keyLabel() {
        boolean primary = keys.contains(KeyRole.PRIMARY);
        boolean lookup = keys.contains(KeyRole.LOOKUP);
        boolean inverse = keys.contains(KeyRole.INVERSE);
        StringBuilder sb = new StringBuilder("[");
        if (primary) {
            sb.append("primary");
        }
        if (lookup) {
            sb.append(primary ? "/" : "").append("lookup");
        }
        if (inverse) {
            sb.append(primary || lookup ? "/" : "").append("inverse");
        }
        return sb.length() == 1 ? "[ ]" : sb.append(" key]").toString();
    }
}
