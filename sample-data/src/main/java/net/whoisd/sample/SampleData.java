package net.whoisd.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The small hand-written sample database for source TEST that ships in the jar (see
 * docs/sample-data.md for what it holds and the test passwords of its maintainers).
 */
public final class SampleData {

    /** Class-path location of the dump. */
    public static final String RESOURCE = "/sample-data/TEST.db";

    /** The source every sample object belongs to. */
    public static final String SOURCE = "TEST";

    private SampleData() {
    }

    /** A fresh stream over the dump (UTF-8, RPSL paragraphs separated by blank lines). */
    public static InputStream open() {
        InputStream in = SampleData.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("sample database " + RESOURCE + " is missing from the class path");
        }
        return in;
    }

    /** The whole dump as text. */
    public static String text() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample database " + RESOURCE, e);
        }
    }
}
