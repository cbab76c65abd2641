package net.whoisd.server.query;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The output character sets {@code -Z} may name; {@code latin-1} is RIPE's alias for ISO-8859-1. */
final class Charsets {
    private Charsets() {
    }

    static Optional<Charset> named(String name) {
        if (name == null) {
            return Optional.of(StandardCharsets.ISO_8859_1);
        }
        if (name.toLowerCase(Locale.ROOT).equals("latin-1")) {
            return Optional.of(StandardCharsets.ISO_8859_1);
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
