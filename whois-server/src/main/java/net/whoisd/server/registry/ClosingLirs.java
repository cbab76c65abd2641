package net.whoisd.server.registry;

import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;

/**
 * Reads the closing state that {@code lir-closure start} records on an LIR's allocations. The update
 * engine calls {@link #refusal} for every {@code inetnum}/{@code inet6num} create: a closing LIR may
 * make no further assignments (RIPE NCC's LIR closure procedure, 3.1).
 */
public final class ClosingLirs {
    private final ObjectLookup lookup;

    public ClosingLirs(ObjectLookup lookup) {
        this.lookup = lookup;
    }

    /** The closing mark on an allocation enclosing the range, if one is closing. */
    public Optional<RegistryMarks.Closing> closingAt(IpRange range) {
        ObjectType type = range.isIpv4() ? ObjectType.INETNUM : ObjectType.INET6NUM;
        for (RpslObject enclosing : lookup.enclosing(type, range)) {
            Optional<RegistryMarks.Closing> closing = RegistryMarks.closing(enclosing);
            if (closing.isPresent()) {
                return closing;
            }
        }
        return Optional.empty();
    }

    /**
     * The error for creating this object, or empty if it may be created: non-empty exactly when the
     * object is an {@code inetnum}/{@code inet6num} inside an allocation of a closing LIR.
     */
    public Optional<String> refusal(RpslObject candidate) {
        ObjectType type = candidate.type().orElse(null);
        if (type != ObjectType.INETNUM && type != ObjectType.INET6NUM) {
            return Optional.empty();
        }
        return IpRange.parse(candidate.classValue()).flatMap(this::closingAt)
                .map(c -> "The LIR " + c.mntner() + " is closing (since " + c.since() + "): no further assignments"
                        + " may be made from its allocations (LIR closure procedure)");
    }
}
