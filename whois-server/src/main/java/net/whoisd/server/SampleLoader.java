package net.whoisd.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import net.whoisd.sample.SampleData;
import net.whoisd.storage.disk.BulkImporter;
import net.whoisd.storage.disk.PersistentDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the bundled sample database into an empty store with the bulk importer (first start of {@code serve}). */
public final class SampleLoader {
    private static final Logger log = LoggerFactory.getLogger(SampleLoader.class);

    private SampleLoader() {
    }

    /**
     * Loads the sample objects if the store in {@code dataDir} is empty and its source is the
     * sample's; returns how many objects were loaded (0 if nothing was done). The store must not be
     * open.
     */
    public static long loadIfEmpty(Path dataDir, String source) throws IOException {
        if (!source.equals(SampleData.SOURCE)) {
            return 0;
        }
        if (PersistentDatabase.hasSnapshot(dataDir)) {
            return 0; // not empty, known without the full open (seconds for a large store) that serve does next
        }
        try (PersistentDatabase db = PersistentDatabase.open(dataDir, source)) {
            if (db.size() > 0) {
                return 0;
            }
        }
        Path dump = Files.createTempFile("whoisd-sample", ".db");
        try {
            try (InputStream in = SampleData.open()) {
                Files.copy(in, dump, StandardCopyOption.REPLACE_EXISTING);
            }
            BulkImporter.Summary summary = new BulkImporter(dataDir, source, false, false, new BulkImporter.Listener() {
                @Override
                public void rejected(String file, int line, String reason) {
                    log.warn("sample data line {}: skipped: {}", line, reason);
                }

                @Override
                public void progress(long objects, long bytesRead, long totalBytes, long elapsedMillis) {
                }
            }).importFiles(List.of(dump));
            log.info("loaded {} sample objects into the empty store in {} ms", summary.loaded(), summary.millis());
            return summary.loaded();
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
