package net.whoisd.server.update;

import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectValidator;
import net.whoisd.rpsl.ReverseDomain;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.rpsl.ValidationMode;
import net.whoisd.rpsl.ValidationResult;

/** The parser's strict validator and reverse-zone mapping, for the database's source. */
public final class ParserSyntaxChecks implements SyntaxChecks {
    private final ObjectValidator validator;

    public ParserSyntaxChecks(String source) {
        this.validator = new ObjectValidator(ValidationMode.STRICT, source);
    }

    @Override
    public Outcome validate(RpslObject object) {
        ValidationResult r = validator.validate(object);
        return new Outcome(r.object(), r.problems());
    }

    @Override
    public Optional<IpRange> reverseRange(String domain) {
        return ReverseDomain.toRange(domain);
    }
}
