package net.whoisd.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.sample.SyntheticDatabase;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;

/**
 * Builds a synthetic database for query benchmarks and load tests, committing through the public
 * {@code WhoisDatabase.commit} in batches, and writes query files for {@code WhoisLoadGenerator}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar net.whoisd.bench.QueryDatabases --data DIR --objects 1000000 --queries-dir DIR
 * </pre>
 *
 * writes {@code key-queries.txt} (maintainer, nic-hdl, organisation, AS number lookups, all with
 * {@code -r}) and {@code ip-queries.txt} (addresses inside assignments, {@code -r}).
 */
public final class QueryDatabases {
    private static final int BATCH = 20_000;
    private static final int SAMPLE_EVERY = 97;

    /** Keys collected while loading: plain lookups and IP addresses that hit objects. */
    public record Keys(List<String> keys, List<String> addresses) {}

    private QueryDatabases() {
    }

    /** Fills an empty database with {@code objects} synthetic objects; returns sample keys. */
    public static Keys fill(PersistentDatabase db, long objects, long seed) throws IOException {
        List<Change> batch = new ArrayList<>(BATCH);
        List<String> keys = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        long[] seen = {0};
        long started = System.nanoTime();
        new SyntheticDatabase(seed, db.source()).write(objects, (type, text) -> {
            RpslObject object = RpslObject.parse(text);
            batch.add(Change.create(object));
            if (seen[0]++ % SAMPLE_EVERY == 0) {
                sample(type, object, keys, addresses);
            }
            if (batch.size() == BATCH) {
                db.commit(List.copyOf(batch));
                batch.clear();
                System.err.printf(Locale.ROOT, "loaded %,d objects (%.0f s)%n", seen[0], (System.nanoTime() - started) / 1e9);
            }
        });
        if (!batch.isEmpty()) {
            db.commit(List.copyOf(batch));
        }
        return new Keys(keys, addresses);
    }

    private static void sample(ObjectType type, RpslObject object, List<String> keys, List<String> addresses) {
        switch (type) {
            case MNTNER, AUT_NUM, ORGANISATION -> keys.add(object.classValue());
            case PERSON, ROLE -> keys.add(object.value("nic-hdl"));
            case INETNUM, INET6NUM -> IpRange.parse(object.classValue()).ifPresent(r -> addresses.add(r.endAddress()));
            default -> { }
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        Path queries = null;
        long objects = 1_000_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--objects" -> objects = Long.parseLong(args[i + 1]);
                case "--queries-dir" -> queries = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (data == null || queries == null) {
            System.err.println("usage: QueryDatabases --data DIR --objects N --queries-dir DIR");
            System.exit(2);
        }
        long started = System.nanoTime();
        Keys keys;
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            if (db.size() > 0) {
                throw new IllegalStateException("the data directory is not empty: " + data);
            }
            keys = fill(db, objects, 42);
            System.out.printf(Locale.ROOT, "query-databases: %,d objects in %s in %.0f s%n", db.size(), data, (System.nanoTime() - started) / 1e9);
        }
        Files.createDirectories(queries);
        write(queries.resolve("key-queries.txt"), keys.keys());
        write(queries.resolve("ip-queries.txt"), keys.addresses());
    }

    private static void write(Path file, List<String> keys) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String k : keys) {
                w.write("-r " + k + "\n");
            }
        }
    }
}
