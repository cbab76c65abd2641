package net.whoisd.server.update;

import java.util.List;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslObject;

/** The parser's checks the engine relies on: strict template/syntax validation and reverse-zone ranges. */
public interface SyntaxChecks {

    /** The normalised object and every template or syntax problem found. */
    record Outcome(RpslObject object, List<Problem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    Outcome validate(RpslObject object);

    /** The address range a reverse zone ({@code in-addr.arpa}, {@code ip6.arpa}) covers; empty for other domains. */
    Optional<IpRange> reverseRange(String domain);
}
