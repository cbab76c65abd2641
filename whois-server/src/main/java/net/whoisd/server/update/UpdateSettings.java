package net.whoisd.server.update;

import java.net.InetAddress;
import java.util.Map;
import net.whoisd.server.config.ServerConfig;

/**
 * What the update engine takes from the configuration.
 *
 * @param registryMntner the registry's maintainer ({@code registry.mntner})
 * @param overrideUsers  {@code override.users}: name to bcrypt hash
 * @param md5Enabled     {@code auth.md5-pw}
 * @param contact        the address acknowledgements give for help ({@code mail.from})
 * @param hostName       shown in acknowledgements
 */
public record UpdateSettings(String registryMntner, Map<String, String> overrideUsers, boolean md5Enabled, String contact,
                             String hostName) {
    public UpdateSettings {
        overrideUsers = Map.copyOf(overrideUsers);
    }

    public static UpdateSettings from(ServerConfig config) {
        return new UpdateSettings(config.registryMntner(), config.overrideUsers(), config.md5PasswordsEnabled(),
                config.mailFrom(), localHostName());
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
