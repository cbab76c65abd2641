package net.whoisd.server;

import java.util.ArrayList;
import java.util.List;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.sample.SampleData;
import net.whoisd.storage.Change;
import net.whoisd.storage.WhoisDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the bundled sample database into an empty store, in one transaction (first start of {@code serve}). */
public final class SampleLoader {
    private static final Logger log = LoggerFactory.getLogger(SampleLoader.class);

    private SampleLoader() {
    }

    /**
     * Loads the sample objects if the store is empty and holds the sample's source; returns how many
     * objects were loaded (0 if nothing was done).
     */
    public static int loadIfEmpty(WhoisDatabase db) {
        if (db.size() > 0 || !db.source().equals(SampleData.SOURCE)) {
            return 0;
        }
        List<Change> changes = new ArrayList<>();
        for (ParsedObject parsed : RpslLexer.parseAll(SampleData.text())) {
            if (parsed.hasErrors() || parsed.object().type().isEmpty()) {
                log.warn("sample data line {}: skipped: {}", parsed.line(), parsed.problems());
                continue;
            }
            changes.add(Change.create(parsed.object()));
        }
        db.commit(changes);
        log.info("loaded {} sample objects into the empty store", changes.size());
        return changes.size();
    }
}
