package net.whoisd.server.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The keyword a mail update carries in its subject (RIPE's robot): the whole trimmed subject must
 * be exactly one of {@code NEW}, {@code HELP}, {@code HOWTO}, {@code DIFF}, in any case. A subject
 * that is anything else is not an error: its words are reported as invalid keywords and the
 * message is processed as usual.
 *
 * @param keyword      the keyword, if the subject is one
 * @param invalidWords the subject's words when the subject is not empty and not a keyword
 */
public record SubjectKeywords(Optional<Keyword> keyword, List<String> invalidWords) {

    public enum Keyword {
        /** Every object must be a creation; existing objects fail, {@code delete:} is refused. */
        NEW,
        /** The body is ignored; the answer is the help text. */
        HELP,
        /** Same as HELP. */
        HOWTO,
        /** Accepted and ignored, with a warning that it is not supported. */
        DIFF
    }

    public SubjectKeywords {
        invalidWords = List.copyOf(invalidWords);
    }

    public static SubjectKeywords parse(String subject) {
        String trimmed = subject == null ? "" : subject.strip();
        if (trimmed.isEmpty()) {
            return new SubjectKeywords(Optional.empty(), List.of());
        }
        for (Keyword k : Keyword.values()) {
            if (k.name().equals(trimmed.toUpperCase(Locale.ROOT))) {
                return new SubjectKeywords(Optional.of(k), List.of());
            }
        }
        return new SubjectKeywords(Optional.empty(), List.of(trimmed.split("\\s+")));
    }

    public boolean is(Keyword k) {
        return keyword.isPresent() && keyword.get() == k;
    }

    /** Asks for the help text instead of an update. */
    public boolean wantsHelp() {
        return is(Keyword.HELP) || is(Keyword.HOWTO);
    }

    /** The global warnings RIPE's robot gives for the subject (none for a keyword or an empty subject). */
    public List<String> warnings() {
        if (is(Keyword.DIFF)) {
            return List.of("The DIFF keyword is not supported and was ignored.");
        }
        if (invalidWords.isEmpty()) {
            return List.of();
        }
        return List.of("Invalid keyword(s) found: " + String.join(", ", invalidWords),
                "All keywords were ignored");
    }
}
