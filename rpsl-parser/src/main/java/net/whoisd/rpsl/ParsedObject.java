package net.whoisd.rpsl;

import java.util.List;

/**
 * One paragraph of RPSL input after lexing.
 *
 * @param object   the object, or null when the paragraph held nothing that could be read as one
 * @param line     1-based line where the paragraph starts
 * @param problems lexical problems found (syntax and template checks come later)
 */
public record ParsedObject(RpslObject object, int line, List<Problem> problems) {

    public ParsedObject {
        problems = List.copyOf(problems);
    }

    /** True for a paragraph deliberately skipped without an error (a deleted object of a legacy IRRd dump). */
    public boolean isSkipped() {
        if (object != null) {
            return false;
        }
        for (Problem p : problems) {
            if (p.isError()) {
                return false;
            }
        }
        return !problems.isEmpty();
    }

    public boolean hasErrors() {
        for (Problem p : problems) {
            if (p.isError()) {
                return true;
            }
        }
        return object == null;
    }
}
