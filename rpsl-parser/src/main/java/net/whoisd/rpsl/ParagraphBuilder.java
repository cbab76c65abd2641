package net.whoisd.rpsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the lines of one paragraph (object) with the limits that keep hostile input harmless: a
 * paragraph larger than {@link #MAX_OBJECT_CHARS} or longer than {@link #MAX_LINES} lines is dropped
 * as it arrives (nothing more of it is kept) and reported once; control characters are removed and
 * reported.
 */
final class ParagraphBuilder {
    /** RIPE's {@code whois.max.object.size}. */
    static final int MAX_OBJECT_CHARS = 5_000_000;
    /** More lines than any real object has (the largest as-sets have some tens of thousands). */
    static final int MAX_LINES = 200_000;

    private final String source;
    private static final int INITIAL_LINES = 32;

    private String[] lines = new String[INITIAL_LINES];
    /** Parallel to {@code lines}: the canonical name where the reader already split an attribute line. */
    private String[] names = new String[INITIAL_LINES];
    /** Parallel to {@code lines}: the clean value where the reader saw that the value is its own clean value. */
    private String[] cleans = new String[INITIAL_LINES];
    private int size;
    private List<Problem> problems;
    private int startLine;
    private long chars;
    private boolean oversized;
    private String oversizeReason;

    /** @param source a name for messages (file name), may be null */
    ParagraphBuilder(String source) {
        this.source = source;
    }

    boolean isEmpty() {
        return size == 0 && !oversized;
    }

    /** Adds one physical line (CR and LF already removed). */
    void add(String line, int lineNo) {
        add(line, lineNo, true);
    }

    /** @param mayHaveControl false if the caller has already seen that the line has no control characters */
    void add(String line, int lineNo, boolean mayHaveControl) {
        if (isEmpty()) {
            startLine = lineNo;
        }
        if (oversized) {
            return;
        }
        String text = mayHaveControl ? stripControl(line, lineNo) : line;
        if (admit(text.length())) {
            append(text, null, null);
        }
    }

    /** Counts a line against the limits; false (and the paragraph dropped) if it breaks one. */
    private boolean admit(int lineLength) {
        chars += lineLength + 1;
        if (chars > MAX_OBJECT_CHARS) {
            overflow("is larger than " + MAX_OBJECT_CHARS + " characters");
            return false;
        }
        if (size >= MAX_LINES) {
            overflow("has more than " + MAX_LINES + " lines");
            return false;
        }
        return true;
    }

    /**
     * Adds an attribute line the reader has split itself (no control characters in it).
     *
     * @param clean      the value's clean value if the reader knows it (then {@code value} itself), else null
     * @param lineLength the length of the whole physical line, for the size limit
     */
    void addAttribute(String canonicalName, String value, String clean, int lineNo, int lineLength) {
        if (isEmpty()) {
            startLine = lineNo;
        }
        if (oversized) {
            return;
        }
        if (admit(lineLength)) {
            append(value, canonicalName, clean);
        }
    }

    private void append(String line, String name, String clean) {
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, size * 2);
            names = Arrays.copyOf(names, size * 2);
            cleans = Arrays.copyOf(cleans, size * 2);
        }
        lines[size] = line;
        names[size] = name;
        cleans[size] = clean;
        size++;
    }

    /** Marks the paragraph as too large because one of its lines was (the reader discarded it). */
    void addOverlongLine(int lineNo) {
        if (isEmpty()) {
            startLine = lineNo;
        }
        overflow("has a line longer than " + MAX_OBJECT_CHARS + " characters (line " + lineNo + ")");
    }

    private void overflow(String reason) {
        if (!oversized) {
            oversized = true;
            oversizeReason = reason;
            reset();
        }
    }

    /** The paragraph lexed; resets the builder for the next one. */
    ParsedObject finish() {
        ParsedObject result;
        if (oversized) {
            List<Problem> all = problems == null ? new ArrayList<>() : problems;
            all.add(Problem.error(null, startLine, "object starting at line " + startLine + " " + oversizeReason + "; skipped"));
            result = new ParsedObject(null, startLine, all);
        } else {
            result = RpslLexer.lexParagraph(lines, names, cleans, size, startLine);
            if (problems != null) {
                List<Problem> all = new ArrayList<>(problems);
                all.addAll(result.problems());
                result = new ParsedObject(result.object(), result.line(), all);
            }
        }
        // the lexer keeps none of the arrays, so they are reused for the next paragraph
        reset();
        problems = null;
        chars = 0;
        oversized = false;
        oversizeReason = null;
        return result;
    }

    /** Empties the line arrays; drops them if an unusually large paragraph grew them. */
    private void reset() {
        if (lines.length > 1024) {
            lines = new String[INITIAL_LINES];
            names = new String[INITIAL_LINES];
            cleans = new String[INITIAL_LINES];
        } else {
            Arrays.fill(lines, 0, size, null);
            Arrays.fill(names, 0, size, null);
            Arrays.fill(cleans, 0, size, null);
        }
        size = 0;
    }

    /** Removes NUL and other control characters (tab excepted), reporting the line once. */
    private String stripControl(String line, int lineNo) {
        int n = line.length();
        int i = 0;
        while (i < n && !isControl(line.charAt(i))) {
            i++;
        }
        if (i == n) {
            return line;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(line, 0, i);
        for (; i < n; i++) {
            char c = line.charAt(i);
            if (!isControl(c)) {
                sb.append(c);
            }
        }
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        if (problems.size() < 100) {
            problems.add(Problem.warning(null, lineNo, "control characters removed from line " + lineNo));
        }
        return sb.toString();
    }

    private static boolean isControl(char c) {
        return (c < ' ' && c != '\t') || c == 0x7f;
    }

    @Override
    public String toString() {
        return "paragraph of " + source + " at line " + startLine;
    }
}
