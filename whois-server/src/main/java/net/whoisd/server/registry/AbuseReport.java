package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.List;
import net.whoisd.storage.WhoisDatabase;

/** Every resource ({@code inetnum}, {@code inet6num}, {@code aut-num}) without a valid abuse contact. */
public final class AbuseReport {
    private final WhoisDatabase db;
    private final String registryMntner;

    public AbuseReport(WhoisDatabase db, String registryMntner) {
        this.db = db;
        this.registryMntner = registryMntner;
    }

    /** The report: one line per resource, {@code [class] key: reason}, then a summary line. */
    public List<String> lines() {
        AbuseContactResolver resolver = new AbuseContactResolver(ObjectLookup.of(db), registryMntner);
        List<String> out = new ArrayList<>();
        long[] checked = {0};
        db.forEach(stored -> {
            if (AbuseContactResolver.isResource(stored.key().type())) {
                checked[0]++;
                AbuseContactResolver.Resolution r = resolver.resolve(stored.object());
                if (!r.isValid()) {
                    out.add(stored.key() + ": " + r.reason());
                }
            }
        });
        out.add(out.size() + " of " + checked[0] + " resources have no valid abuse contact");
        return out;
    }
}
