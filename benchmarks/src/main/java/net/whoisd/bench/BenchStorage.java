package net.whoisd.bench;

import java.util.Properties;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.disk.StorageOptions;

/** The storage tuning of a benchmark's database: the defaults, or the {@code -Dwhoisd.*} tuning keys given to its JVM. */
final class BenchStorage {
    private BenchStorage() {
    }

    static StorageOptions options() {
        return ServerConfig.fromProperties(new Properties(), System.getProperties()).storageOptions();
    }
}
