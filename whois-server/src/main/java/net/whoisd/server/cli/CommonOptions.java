package net.whoisd.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import net.whoisd.server.config.ServerConfig;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --data}, shared by every command (a picocli mixin). */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Java properties file with configuration keys")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (overrides data.dir)")
    Path data;

    /**
     * The configuration: file (if given), then the tuning keys given as {@code -Dwhoisd.<key>}, then
     * command-line overrides.
     *
     * @throws net.whoisd.server.config.ConfigException naming every unknown key and bad value
     */
    public ServerConfig load() throws IOException {
        ServerConfig cfg = ServerConfig.load(config, System.getProperties());
        return data != null ? cfg.withDataDir(data) : cfg;
    }
}
