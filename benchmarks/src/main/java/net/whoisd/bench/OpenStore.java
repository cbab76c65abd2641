package net.whoisd.bench;

import java.nio.file.Path;
import net.whoisd.storage.disk.PersistentDatabase;

/**
 * Measures how long opening a data directory takes (store check, range indexes loaded from the
 * stored ranges, Lucene opened): {@code java -cp benchmarks/target/benchmarks.jar net.whoisd.bench.OpenStore /tmp/data1m}.
 */
public final class OpenStore {
    private OpenStore() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "data");
        String source = args.length > 1 ? args[1] : "TEST";
        long started = System.nanoTime();
        try (PersistentDatabase db = PersistentDatabase.open(dir, source)) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.println("opened " + dir + ": " + db.size() + " objects at serial " + db.currentSerial() + " in " + ms + " ms");
        }
    }
}
