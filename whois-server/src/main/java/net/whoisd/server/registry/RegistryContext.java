package net.whoisd.server.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.whoisd.rpsl.IpRange;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.WhoisDatabase;

/**
 * What every registry operation works with: the database, the registry's maintainers, the address
 * that signs its records, the configured free pool ({@code registry.free-pool}, empty if not set), and a clock (tests fix it to check the waiting list's time rules).
 */
public record RegistryContext(WhoisDatabase db, String source, String registryMntner, String endUserMntner,
                              String registryEmail, List<IpRange> freePool, Clock clock) {

    public RegistryContext {
        registryMntner = registryMntner.toUpperCase(Locale.ROOT);
        endUserMntner = endUserMntner.toUpperCase(Locale.ROOT);
        freePool = List.copyOf(freePool);
    }

    /** A context whose free pool is the registry's ALLOCATED UNSPECIFIED blocks. */
    public RegistryContext(WhoisDatabase db, String source, String registryMntner, String endUserMntner,
                           String registryEmail, Clock clock) {
        this(db, source, registryMntner, endUserMntner, registryEmail, List.of(), clock);
    }

    public static RegistryContext of(WhoisDatabase db, ServerConfig config, Clock clock) {
        return new RegistryContext(db, db.source(), config.registryMntner(), config.endUserMntner(), config.mailFrom(),
                config.registryFreePool(), clock);
    }

    public Instant now() {
        return clock.instant();
    }

    /** True for the registry's own maintainers, which are never an LIR's. */
    public boolean isRegistryMntner(String mntner) {
        String m = mntner.toUpperCase(Locale.ROOT);
        return m.equals(registryMntner) || m.equals(endUserMntner);
    }
}
