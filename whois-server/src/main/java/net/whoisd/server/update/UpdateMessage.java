package net.whoisd.server.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.server.auth.ClearSignedBlock;

/**
 * An update message split into its parts (RIPE's rules): a {@code dry-run:} line anywhere makes the
 * whole message a dry run; {@code password:} lines anywhere are credentials for every object (an
 * indented one is not a credential and is removed with a warning, so its secret is never stored or echoed);
 * inline PGP-signed blocks give their signature to the paragraphs inside them; paragraphs are
 * separated by empty lines; {@code override:} and {@code delete:} lines belong to their paragraph.
 *
 * @param dryRun     true if nothing may be changed
 * @param passwords  the offered passwords, in order
 * @param paragraphs the paragraphs that start with an attribute line, in message order
 * @param ignored    paragraphs that do not look like objects (reported, not processed)
 * @param problems   message-level errors and warnings
 */
public record UpdateMessage(boolean dryRun, List<String> passwords, List<Paragraph> paragraphs, List<String> ignored,
                            List<Problem> problems) {
    /** The largest object text accepted in one paragraph (RIPE's whois.max.object.size). */
    public static final int MAX_OBJECT_CHARS = 5_000_000;
    /** More passwords than this make every object fail (RIPE's limit). */
    public static final int MAX_PASSWORDS = 20;
    private static final int MAX_NESTING = 5;

    /**
     * One paragraph of the message.
     *
     * @param parsed       the lexed object text (credentials and markers removed)
     * @param deleteReasons values of the {@code delete:} lines (one means delete; more is an error)
     * @param overrides    values of the {@code override:} lines
     * @param signatures   the inline PGP blocks whose signed text contains this paragraph
     */
    public record Paragraph(ParsedObject parsed, List<String> deleteReasons, List<String> overrides,
                            List<ClearSignedBlock> signatures) {
        public boolean isDelete() {
            return !deleteReasons.isEmpty();
        }
    }

    public static UpdateMessage parse(String content) {
        String text = content.replace("\r", "");
        List<String> lines = List.of(text.split("\n", -1));
        Builder b = new Builder();
        b.segment(lines, List.of(), 0);
        return new UpdateMessage(b.dryRun, List.copyOf(b.passwords), List.copyOf(b.paragraphs), List.copyOf(b.ignored),
                List.copyOf(b.problems));
    }

    private static final class Builder {
        boolean dryRun;
        final List<String> passwords = new ArrayList<>();
        final List<Paragraph> paragraphs = new ArrayList<>();
        final List<String> ignored = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();

        /** Splits text into signed blocks and plain runs; each run into paragraphs. */
        void segment(List<String> lines, List<ClearSignedBlock> signatures, int depth) {
            List<String> plain = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (depth < MAX_NESTING && line.equals(ClearSignedBlock.BEGIN)) {
                    int[] end = new int[1];
                    ClearSignedBlock block = ClearSignedBlock.read(lines, i, end);
                    if (block != null) {
                        paragraphs(plain, signatures);
                        plain = new ArrayList<>();
                        List<ClearSignedBlock> inner = new ArrayList<>(signatures);
                        inner.add(block);
                        segment(List.of(block.signedText().split("\n", -1)), inner, depth + 1);
                        i = end[0];
                        continue;
                    }
                }
                plain.add(line);
            }
            paragraphs(plain, signatures);
        }

        void paragraphs(List<String> lines, List<ClearSignedBlock> signatures) {
            List<String> current = new ArrayList<>();
            for (String line : lines) {
                if (line.isBlank()) {
                    paragraph(current, signatures);
                    current = new ArrayList<>();
                } else {
                    current.add(line);
                }
            }
            paragraph(current, signatures);
        }

        void paragraph(List<String> lines, List<ClearSignedBlock> signatures) {
            List<String> objectLines = new ArrayList<>();
            List<String> deletes = new ArrayList<>();
            List<String> overrides = new ArrayList<>();
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (CredentialLines.isIndented(line)) {
                    // would continue the previous attribute: stored, echoed and notified with the secret in it
                    problems.add(Problem.warning(null, 0, "A password: or override: line that is indented or continued"
                            + " with + was removed unused; a credential line must start at the beginning of the line"));
                } else if (lower.startsWith("password:")) {
                    passwords.add(line.substring(9).trim());
                } else if (lower.startsWith("dry-run:")) {
                    dryRun = true;
                } else if (lower.startsWith("override:")) {
                    overrides.add(line.substring(9).trim());
                } else if (lower.startsWith("delete:")) {
                    deletes.add(line.substring(7).trim());
                } else {
                    objectLines.add(line);
                }
            }
            if (objectLines.isEmpty()) {
                if (!overrides.isEmpty()) {
                    problems.add(Problem.warning(null, 0, "An override: line outside an object was ignored"));
                }
                return;
            }
            int size = 0;
            for (String l : objectLines) {
                size += l.length() + 1;
            }
            if (size > MAX_OBJECT_CHARS) {
                problems.add(Problem.error(null, 0, "A paragraph of " + size + " characters exceeds the limit of "
                        + MAX_OBJECT_CHARS + " and was ignored"));
                return;
            }
            ParsedObject parsed = RpslLexer.lexParagraph(objectLines, 1);
            if (parsed.object() == null || parsed.object().type().isEmpty()) {
                ignored.add(String.join("\n", objectLines));
                if (parsed.object() != null) {
                    problems.add(Problem.warning(null, 0, "\"" + parsed.object().className()
                            + "\" is not a known object class; that paragraph was not processed"));
                }
                if (!overrides.isEmpty()) {
                    problems.add(Problem.warning(null, 0, "An override: line in a paragraph that is not an object was ignored"));
                }
                return;
            }
            paragraphs.add(new Paragraph(parsed, List.copyOf(deletes), List.copyOf(overrides), List.copyOf(signatures)));
        }
    }
}
