package net.whoisd.server.config;

import java.util.function.Function;

/**
 * The type of a configuration value: how its text is parsed and checked, and how it is shown.
 *
 * @param name    the type as the documentation names it (int, long, duration, size, string, list,
 *                address, enum, boolean, path)
 * @param allowed the values it accepts, for the documentation and error messages
 * @param parser  the trimmed text to the value; throws {@link IllegalArgumentException} with the
 *                reason if the text is not acceptable
 * @param shower  the value back to text, as the effective configuration shows it
 */
public record ValueType<T>(String name, String allowed, Parser<T> parser, Function<T, String> shower) {

    /** Text to value, or {@link IllegalArgumentException} saying why not. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    public ValueType(String name, String allowed, Parser<T> parser) {
        this(name, allowed, parser, String::valueOf);
    }

    public T parse(String text) {
        return parser.parse(text.trim());
    }

    public String show(T value) {
        return shower.apply(value);
    }
}
