package net.whoisd.server.update;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.config.ServerConfig;

/**
 * What the update engine takes from the configuration.
 *
 * @param registryMntner the registry's maintainer ({@code registry.mntner})
 * @param overrideUsers  {@code override.users}: name to bcrypt hash
 * @param md5Enabled     {@code auth.md5-pw}
 * @param contact        the address acknowledgements give for help ({@code mail.from})
 * @param hostName       shown in acknowledgements
 * @param policies       the registry's abuse-contact and reverse-delegation policies
 * @param guessLimits    how many failed password checks a client, and an account, may make ({@code auth.guesses-*})
 * @param commitInterval least time between two group commits while updates come concurrently
 *                       ({@code update.commit-interval-ms})
 */
public record UpdateSettings(String registryMntner, Map<String, String> overrideUsers, boolean md5Enabled, String contact,
                             String hostName, RegistryPolicies policies, GuessBudget.Limits guessLimits,
                             Duration commitInterval) {
    public UpdateSettings {
        overrideUsers = Map.copyOf(overrideUsers);
    }

    public UpdateSettings(String registryMntner, Map<String, String> overrideUsers, boolean md5Enabled, String contact,
                          String hostName, RegistryPolicies policies, GuessBudget.Limits guessLimits) {
        this(registryMntner, overrideUsers, md5Enabled, contact, hostName, policies, guessLimits,
                UpdateEngine.DEFAULT_COMMIT_INTERVAL);
    }

    public UpdateSettings(String registryMntner, Map<String, String> overrideUsers, boolean md5Enabled, String contact,
                          String hostName, RegistryPolicies policies) {
        this(registryMntner, overrideUsers, md5Enabled, contact, hostName, policies, GuessBudget.Limits.DEFAULT);
    }

    /** These settings with other guess limits. */
    public UpdateSettings withGuessLimits(GuessBudget.Limits limits) {
        return new UpdateSettings(registryMntner, overrideUsers, md5Enabled, contact, hostName, policies, limits,
                commitInterval);
    }

    /** Settings with the lenient policies: missing abuse contacts warned about, no reverse secondary. */
    public UpdateSettings(String registryMntner, Map<String, String> overrideUsers, boolean md5Enabled, String contact,
                          String hostName) {
        this(registryMntner, overrideUsers, md5Enabled, contact, hostName, new RegistryPolicies(registryMntner, false, null));
    }

    public static UpdateSettings from(ServerConfig config) {
        return new UpdateSettings(config.registryMntner(), config.overrideUsers(), config.md5PasswordsEnabled(),
                config.mailFrom(), localHostName(), RegistryPolicies.from(config), config.guessLimits(),
                config.commitInterval());
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
