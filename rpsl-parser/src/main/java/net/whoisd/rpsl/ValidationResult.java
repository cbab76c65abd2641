package net.whoisd.rpsl;

import java.util.List;

/**
 * The outcome of validating one object.
 *
 * @param object   the normalised object (e.g. {@code inetnum:} prefix written as a range)
 * @param problems every problem found, errors, warnings and infos, in attribute order
 */
public record ValidationResult(RpslObject object, List<Problem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    /** True if no problem is an error. */
    public boolean isValid() {
        for (Problem p : problems) {
            if (p.isError()) {
                return false;
            }
        }
        return true;
    }
}
