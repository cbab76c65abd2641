package net.whoisd.server.update;

import net.whoisd.server.config.ServerConfig;

/**
 * The registry policies updates are held to besides templates and authorisation.
 *
 * @param registryMntner       the registry's maintainer ({@code registry.mntner}); abuse-contact
 *                             resolution stops climbing at objects it maintains
 * @param abuseContactRequired {@code policy.abuse-contact}: true refuses resources without an abuse
 *                             contact, false only warns
 * @param reverseSecondary     {@code registry.reverse-secondary}: the name server block-sized reverse
 *                             delegations must list, or null
 */
public record RegistryPolicies(String registryMntner, boolean abuseContactRequired, String reverseSecondary) {

    public static RegistryPolicies from(ServerConfig config) {
        return new RegistryPolicies(config.registryMntner(), config.abuseContactRequired(), config.reverseSecondary());
    }
}
