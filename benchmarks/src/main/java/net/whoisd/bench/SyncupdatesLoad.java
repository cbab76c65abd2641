package net.whoisd.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.http.HttpListener;
import net.whoisd.server.http.SyncupdatesEndpoint;
import net.whoisd.server.update.ParserSyntaxChecks;
import net.whoisd.server.update.UpdateEngine;
import net.whoisd.server.update.UpdateSettings;
import net.whoisd.storage.Change;
import net.whoisd.storage.PersistentDatabase;

/**
 * Load generator for syncupdates: a real server (PersistentDatabase in a temporary directory,
 * update engine, HTTP listener on loopback) and N client threads, each POSTing single-object
 * creates with a password, one at a time. Every acknowledged update is a durable commit.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar net.whoisd.bench.SyncupdatesLoad [updates] [clients] [bcrypt-cost]</pre>
 */
public final class SyncupdatesLoad {
    private SyncupdatesLoad() {
    }

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int cost = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("syncupdates-load");
        try {
            run(dir, updates, clients, cost);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, int updates, int clients, int cost) throws Exception {
        long hashStart = System.nanoTime();
        String hash = BcryptCredential.hash("load-pw", cost);
        long hashMicros = (System.nanoTime() - hashStart) / 1000;
        try (PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST")) {
            db.commit(List.of(
                    Change.create(RpslObject.parse("person: Load Admin\ne-mail: load@example.net\nnic-hdl: LA1-TEST\n"
                            + "mnt-by: LOAD-MNT\nsource: TEST\n")),
                    Change.create(RpslObject.parse("mntner: LOAD-MNT\nadmin-c: LA1-TEST\nupd-to: load@example.net\n"
                            + "auth: BCRYPT-PW " + hash + "\nmnt-by: LOAD-MNT\nsource: TEST\n"))));
            UpdateSettings settings = new UpdateSettings("TEST-NCC-HM-MNT", Map.of(), false, "dbm@example.net", "load");
            try (UpdateEngine engine = new UpdateEngine(db, new ParserSyntaxChecks("TEST"), settings, null, Clock.systemUTC());
                 HttpListener listener = new HttpListener()) {
                new SyncupdatesEndpoint(engine, "TEST").registerOn(listener);
                int port = listener.start("127.0.0.1", 0);
                URI uri = URI.create("http://127.0.0.1:" + port + "/syncupdates");
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long firstStart = System.nanoTime();
                send(http, uri, 0);
                long firstMicros = (System.nanoTime() - firstStart) / 1000;
                int warmup = Math.min(500, updates / 5);
                AtomicInteger next = new AtomicInteger(1);
                drive(http, uri, clients, next, warmup, new long[warmup + 1], new AtomicLong());
                long[] latencies = new long[updates];
                AtomicLong failures = new AtomicLong();
                AtomicInteger measured = new AtomicInteger(next.get());
                long start = System.nanoTime();
                drive(http, uri, clients, measured, measured.get() + updates, latencies, failures);
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
                System.out.printf(Locale.ROOT, "syncupdates: %d durable single-object creates, %d clients, bcrypt cost %d%n",
                        updates, clients, cost);
                System.out.printf(Locale.ROOT, "  bcrypt hash at cost %d: %.1f ms; first update (bcrypt verify, cold): %.1f ms%n",
                        cost, hashMicros / 1000.0, firstMicros / 1000.0);
                System.out.printf(Locale.ROOT, "  throughput: %.0f updates/s (%.2f s), failures: %d%n", updates / seconds, seconds,
                        failures.get());
                System.out.printf(Locale.ROOT, "  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", pct(sorted, 50),
                        pct(sorted, 90), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
                System.out.printf(Locale.ROOT, "  database: %d objects, serial %d%n", db.size(), db.currentSerial());
            }
        }
    }

    private static void drive(HttpClient http, URI uri, int clients, AtomicInteger next, int end, long[] latencies,
                              AtomicLong failures) throws InterruptedException {
        int base = next.get();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                int n;
                while ((n = next.getAndIncrement()) < end) {
                    long s = System.nanoTime();
                    try {
                        if (!send(http, uri, n)) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    int slot = n - base;
                    if (slot < latencies.length) {
                        latencies[slot] = (System.nanoTime() - s) / 1000;
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static boolean send(HttpClient http, URI uri, int n) throws Exception {
        String data = "person:         Load Person\ne-mail:         load@example.net\nnic-hdl:        LP" + (n + 1)
                + "-TEST\nmnt-by:         LOAD-MNT\nsource:         TEST\n\npassword: load-pw\n";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("DATA=" + URLEncoder.encode(data, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 && r.body().contains("Create SUCCEEDED:");
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }
}
