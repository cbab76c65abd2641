package net.whoisd.server.registry;

import java.util.Optional;
import net.whoisd.rpsl.RpslObject;

/**
 * {@code policy.abuse-contact}: a create or modify of a resource that would lead to no valid abuse
 * contact is refused ({@code required}) or passes with a warning ({@code warn}). The update engine
 * calls {@link #check} with the object as it would be stored.
 */
public final class AbuseContactPolicy {
    private final AbuseContactResolver resolver;
    private final boolean required;

    /** What the update engine adds to the object's result, if anything. */
    public record Finding(boolean error, String message) {
    }

    /**
     * @param registryMntner {@code ServerConfig.registryMntner()}
     * @param required       {@code ServerConfig.abuseContactRequired()}
     */
    public AbuseContactPolicy(ObjectLookup lookup, String registryMntner, boolean required) {
        this.resolver = new AbuseContactResolver(lookup, registryMntner);
        this.required = required;
    }

    /** Empty for objects that are not resources or that lead to a valid abuse contact. */
    public Optional<Finding> check(RpslObject candidate) {
        if (candidate.type().isEmpty() || !AbuseContactResolver.isResource(candidate.type().get())) {
            return Optional.empty();
        }
        AbuseContactResolver.Resolution r = resolver.resolve(candidate);
        if (r.isValid()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(required, "No valid abuse contact: " + r.reason()
                + " (an abuse contact is a role with abuse-mailbox, phone and address)"));
    }
}
