package net.whoisd.rpsl;

/**
 * A problem found in RPSL input. Problems are data, never exceptions.
 *
 * @param severity  error, warning or info
 * @param attribute the attribute concerned (lower-case name), or null if it concerns the whole object
 * @param line      1-based source line, or 0 if unknown
 * @param message   what is wrong, in words a maintainer can act on
 */
public record Problem(Severity severity, String attribute, int line, String message) {

    public static Problem error(String attribute, int line, String message) {
        return new Problem(Severity.ERROR, attribute, line, message);
    }

    public static Problem warning(String attribute, int line, String message) {
        return new Problem(Severity.WARNING, attribute, line, message);
    }

    public static Problem info(String attribute, int line, String message) {
        return new Problem(Severity.INFO, attribute, line, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
