package net.whoisd.server.update;

import java.util.regex.Pattern;

/**
 * Lines that carry a secret: {@code password:} and {@code override:} (user, password, reason). Only
 * one starting in column 0 is a credential (RIPE's rule), but one that is indented or starts with
 * {@code +} (a continuation line, a quoted mail) holds the same secret, so both are masked wherever submitted text is kept or
 * shown (the mails kept in {@code mail-spool/failed/}) and neither is ever echoed.
 */
public final class CredentialLines {
    /** What a masked line's value becomes. */
    public static final String FILTERED = "FILTERED";
    private static final Pattern LINE = Pattern.compile("(?im)^((?:[ \\t]*|\\+[ \\t]*)(?:password|override)[ \\t]*:)[^\\r\\n]*");
    /** Indented, or an RPSL continuation line starting with {@code +}. */
    private static final Pattern INDENTED = Pattern.compile("(?i)^(?:[ \\t]+|\\+[ \\t]*)(?:password|override)[ \\t]*:.*");

    private CredentialLines() {
    }

    /** The text with the value of every credential line, indented or not, replaced by {@link #FILTERED}. */
    public static String mask(String text) {
        return LINE.matcher(text).replaceAll("$1 " + FILTERED);
    }

    /** An indented {@code password:} or {@code override:} line: not a credential, but a secret all the same. */
    static boolean isIndented(String line) {
        return INDENTED.matcher(line).matches();
    }
}
