package net.whoisd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;

/**
 * Load generator for durable storage commits: a PersistentDatabase in a temporary directory (or
 * the directory given) and N threads, each committing person creates in commits of B changes, one
 * commit at a time. Prints commits/s, changes/s and commit latency percentiles.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar net.whoisd.bench.CommitLoad [commits] [changes-per-commit] [threads] [dir]</pre>
 */
public final class CommitLoad {
    private CommitLoad() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("commit-load");
        try {
            run(dir.resolve("data"), commits, batch, threads);
        } finally {
            if (args.length <= 3) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void run(Path dir, int commits, int batch, int threads) throws Exception {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            AtomicInteger names = new AtomicInteger((int) db.size());
            int warmup = Math.min(200, commits / 5);
            drive(db, threads, warmup, batch, names, new long[warmup]);
            long[] latencies = new long[commits];
            long start = System.nanoTime();
            drive(db, threads, commits, batch, names, latencies);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "storage: %d commits of %d changes, %d threads: %.0f commits/s, %.0f changes/s (%.2f s)%n",
                    commits, batch, threads, commits / seconds, commits * (double) batch / seconds, seconds);
            System.out.printf(Locale.ROOT, "  commit latency ms: p50 %.2f  p99 %.2f  max %.2f%n", pct(latencies, 50),
                    pct(latencies, 99), latencies[latencies.length - 1] / 1000.0);
        }
    }

    private static void drive(PersistentDatabase db, int threads, int commits, int batch, AtomicInteger names,
                              long[] latencies) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                int n;
                while ((n = next.getAndIncrement()) < commits) {
                    List<Change> changes = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        int k = names.incrementAndGet();
                        changes.add(Change.create(RpslObject.parse("person: Commit Load " + k + "\ne-mail: load@example.net\n"
                                + "nic-hdl: CL" + k + "-TEST\nmnt-by: LOAD-MNT\nsource: TEST\n")));
                    }
                    long s = System.nanoTime();
                    db.commit(changes);
                    latencies[n] = (System.nanoTime() - s) / 1000;
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread t : running) {
            t.join();
        }
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }
}
