package net.whoisd.rpsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An RPSL object: an ordered, immutable list of attributes whose first attribute names the class.
 * Nothing here validates; see {@code ObjectValidator} for template and syntax checks.
 */
public record RpslObject(List<RpslAttribute> attributes) {

    public RpslObject {
        if (attributes == null || attributes.isEmpty()) {
            throw new IllegalArgumentException("an object needs at least its class attribute");
        }
        attributes = attributes instanceof AttributeList ? attributes : List.copyOf(attributes);
    }

    /** Parses one object from text; throws {@link IllegalArgumentException} if it holds none. */
    public static RpslObject parse(String text) {
        return RpslLexer.parseSingle(text);
    }

    /** The class, if the first attribute names a known one. */
    public Optional<ObjectType> type() {
        return ObjectType.fromName(attributes.get(0).name());
    }

    /** The class attribute's name as written (lower-cased), known class or not. */
    public String className() {
        return attributes.get(0).name();
    }

    /** The clean value of the class attribute. */
    public String classValue() {
        return attributes.get(0).cleanValue();
    }

    /** 1-based line where the object starts in its source, or 0 if unknown. */
    public int line() {
        return attributes.get(0).line();
    }

    /** All attributes with that name, in order. */
    public List<RpslAttribute> findAll(String name) {
        List<RpslAttribute> out = new ArrayList<>(2);
        for (RpslAttribute a : attributes) {
            if (a.name().equals(name)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The first attribute with that name. */
    public Optional<RpslAttribute> find(String name) {
        for (RpslAttribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Clean value of the first attribute with that name, or null. */
    public String value(String name) {
        for (RpslAttribute a : attributes) {
            if (a.name().equals(name)) {
                return a.cleanValue();
            }
        }
        return null;
    }

    /** Clean values of every attribute with that name, comma lists split. */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>(2);
        for (RpslAttribute a : attributes) {
            if (a.name().equals(name)) {
                out.addAll(a.cleanValues());
            }
        }
        return out;
    }

    public boolean has(String name) {
        return find(name).isPresent();
    }

    /** A copy with every attribute passed through {@code change}. */
    public RpslObject mapAttributes(UnaryOperator<RpslAttribute> change) {
        List<RpslAttribute> out = new ArrayList<>(attributes.size());
        for (RpslAttribute a : attributes) {
            RpslAttribute changed = change.apply(a);
            if (changed != null) {
                out.add(changed);
            }
        }
        return new RpslObject(out);
    }

    /** A copy without attributes of that name. */
    public RpslObject without(String name) {
        return mapAttributes(a -> a.name().equals(name) ? null : a);
    }

    /**
     * A copy where the attributes of that name are replaced by one with {@code value} at the place
     * of the first of them; appended before {@code source:} (or at the end) if there was none.
     */
    public RpslObject with(String name, String value) {
        List<RpslAttribute> out = new ArrayList<>(attributes.size() + 1);
        boolean placed = false;
        for (RpslAttribute a : attributes) {
            if (a.name().equals(name)) {
                if (!placed) {
                    out.add(RpslAttribute.of(name, value, a.line()));
                    placed = true;
                }
            } else {
                out.add(a);
            }
        }
        if (!placed) {
            int at = out.size();
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).name().equals("source")) {
                    at = i;
                }
            }
            out.add(at, RpslAttribute.of(name, value));
        }
        return new RpslObject(out);
    }

    /** The object as RPSL text, RIPE layout (values at column 16), ending with a newline. */
    public String toText() {
        return RpslWriter.write(this);
    }

    @Override
    public String toString() {
        return toText();
    }
}
