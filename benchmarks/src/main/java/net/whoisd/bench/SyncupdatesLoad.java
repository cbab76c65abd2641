package net.whoisd.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.WhoisServer;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;

/**
 * Load generator for syncupdates: a real server (the production wiring of {@link WhoisServer}:
 * PersistentDatabase, update engine, HTTP and whois listeners on loopback) and N client threads,
 * each POSTing single-object creates (a {@code person}) with a password, one at a time. Every
 * acknowledged update is a durable commit.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar net.whoisd.bench.SyncupdatesLoad [updates] [clients] [bcrypt-cost]
 *     [--data DIR] [--source TEST] [--mntners N] [--password PW]
 *     [--queries FILE] [--query-clients 8] [--seconds 20] [--rate N] [--warmup-seconds N] [--query-rate N]
 *     [--http-url http://HOST:PORT/syncupdates --whois HOST:PORT] [--rounds N]</pre>
 *
 * Without {@code --data} the server runs on a new database in a temporary directory holding one
 * maintainer whose password is hashed at {@code bcrypt-cost}. With {@code --data DIR} it runs on
 * that existing data directory (a copy: the run adds objects to it), and the creates name the
 * synthetic database's maintainers {@code LIR1-MNT} .. {@code LIR<N>-MNT} in turn with
 * {@code --password} (default {@code synthetic-secret}; docs/sample-data.md).
 *
 * <p>With {@code --queries FILE} a whois query load ({@link WhoisLoadGenerator}, persistent
 * connections, {@code --query-clients} clients) runs first alone for {@code --seconds}, then for
 * as long again together with the updates (which then run until the query load ends instead of
 * for a fixed count), and the query latencies of both runs are reported side by side.
 *
 * <p>{@code --rounds N} repeats the two query windows (alone, then with the updates) N times in
 * turn and reports the median p99 of each kind besides every window's figures.
 *
 * <p>{@code --query-rate N} paces the whois queries at N per second in all (an open load, as
 * independent clients send: each query on its schedule, whatever the answers' speed) instead of
 * each client sending its next query as soon as it has the answer, which keeps the machine busy
 * to the last cycle and makes the queries' latency a measure of their own queueing.
 *
 * <p>{@code --rate N} paces the updates at N per second in all (sent on a fixed schedule, the
 * clients sharing it) instead of as fast as the clients are answered: to see what queries suffer
 * at a given update rate rather than at the most the machine can take.
 *
 * <p>With {@code --http-url} the load goes to a server already running elsewhere (its own process,
 * started with {@code whoisd serve} on a copy of the synthetic database), its whois port given by
 * {@code --whois}: the server then keeps its own heap, garbage collector and JIT compiler apart from
 * the load's, as it does in production, and the CPU figures are the load generator's only.
 *
 * <p>{@code --warmup-seconds N} runs the updates (at the rate) and the query load together for N
 * seconds before anything is measured, so that the JIT compiler's one-time work is done.
 */
public final class SyncupdatesLoad {
    private SyncupdatesLoad() {
    }

    private record Settings(int updates, int clients, int cost, Path data, String source, int mntners, String password,
                            Path queries, int queryClients, int seconds, int rate, int warmupSeconds, int queryRate,
                            URI httpUrl, String whoisHost, int whoisPort, int rounds) {
        static Settings parse(String[] args) {
            List<String> positional = new ArrayList<>();
            Map<String, String> options = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.put(args[i], args[++i]);
                } else {
                    positional.add(args[i]);
                }
            }
            for (String key : options.keySet()) {
                if (!List.of("--data", "--source", "--mntners", "--password", "--queries", "--query-clients", "--seconds", "--rate",
                        "--warmup-seconds", "--query-rate", "--http-url", "--whois", "--rounds")
                        .contains(key)) {
                    throw new IllegalArgumentException("unknown option " + key);
                }
            }
            return new Settings(positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 3000,
                    positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 4,
                    positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 10,
                    options.containsKey("--data") ? Path.of(options.get("--data")) : null,
                    options.getOrDefault("--source", "TEST"),
                    Integer.parseInt(options.getOrDefault("--mntners", "64")),
                    options.getOrDefault("--password", "synthetic-secret"),
                    options.containsKey("--queries") ? Path.of(options.get("--queries")) : null,
                    Integer.parseInt(options.getOrDefault("--query-clients", "8")),
                    Integer.parseInt(options.getOrDefault("--seconds", "20")),
                    Integer.parseInt(options.getOrDefault("--rate", "0")),
                    Integer.parseInt(options.getOrDefault("--warmup-seconds", "0")),
                    Integer.parseInt(options.getOrDefault("--query-rate", "0")),
                    options.containsKey("--http-url") ? URI.create(options.get("--http-url")) : null,
                    hostOf(options.getOrDefault("--whois", "127.0.0.1:43")),
                    portOf(options.getOrDefault("--whois", "127.0.0.1:43")),
                    Math.max(1, Integer.parseInt(options.getOrDefault("--rounds", "1"))));
        }

        private static String hostOf(String hostPort) {
            return hostPort.substring(0, colon(hostPort));
        }

        private static int portOf(String hostPort) {
            return Integer.parseInt(hostPort.substring(colon(hostPort) + 1));
        }

        private static int colon(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--whois needs HOST:PORT, not " + hostPort);
            }
            return colon;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        if (settings.httpUrl() != null) {
            measure(settings, new Target(settings.httpUrl(), settings.whoisHost(), settings.whoisPort(), null),
                    syntheticMaintainers(settings), settings.password());
            return;
        }
        if (settings.data() != null) {
            run(settings, settings.data(), syntheticMaintainers(settings), settings.password());
            return;
        }
        Path dir = Files.createTempDirectory("syncupdates-load");
        try {
            long hashStart = System.nanoTime();
            String hash = BcryptCredential.hash("load-pw", settings.cost());
            System.out.printf(Locale.ROOT, "  bcrypt hash at cost %d: %.1f ms%n", settings.cost(),
                    (System.nanoTime() - hashStart) / 1e6);
            try (PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), settings.source())) {
                db.commit(List.of(
                        Change.create(RpslObject.parse("person: Load Admin\ne-mail: load@example.net\nnic-hdl: LA1-"
                                + settings.source() + "\nmnt-by: LOAD-MNT\nsource: " + settings.source() + "\n")),
                        Change.create(RpslObject.parse("mntner: LOAD-MNT\nadmin-c: LA1-" + settings.source()
                                + "\nupd-to: load@example.net\nauth: BCRYPT-PW " + hash + "\nmnt-by: LOAD-MNT\nsource: "
                                + settings.source() + "\n"))));
            }
            run(settings, dir.resolve("data"), i -> "LOAD-MNT", "load-pw");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Settings settings, Path data, IntFunction<String> mntner, String password) throws Exception {
        Properties p = new Properties();
        p.setProperty("data.dir", data.toString());
        p.setProperty("source", settings.source());
        p.setProperty("bind.address", "127.0.0.1");
        p.setProperty("whois.port", Integer.toString(freePort()));
        p.setProperty("http.port", Integer.toString(freePort()));
        p.setProperty("smtp.port", "0");
        p.setProperty("nrtm.port", "0");
        p.setProperty("acl.trusted", "127.0.0.1");
        long opening = System.nanoTime();
        PersistentDatabase db = PersistentDatabase.open(data, settings.source());
        try (WhoisServer server = new WhoisServer(ServerConfig.fromProperties(p), db).start()) {
            System.out.printf(Locale.ROOT, "syncupdates: server on %s opened in %.1f s%n", data, (System.nanoTime() - opening) / 1e9);
            measure(settings, new Target(URI.create("http://127.0.0.1:" + server.httpPort() + "/syncupdates"), "127.0.0.1",
                    server.whoisPort(), db), mntner, password);
        }
    }

    /** The synthetic database's maintainers in turn: LIR1-MNT .. LIR{@code --mntners}-MNT (docs/sample-data.md). */
    private static IntFunction<String> syntheticMaintainers(Settings settings) {
        return i -> "LIR" + (1 + i % settings.mntners()) + "-MNT";
    }

    /** Where the load goes: the server's syncupdates URL and whois port, and its database when it runs in this JVM. */
    private record Target(URI httpUrl, String whoisHost, int whoisPort, PersistentDatabase db) {
    }

    private static void measure(Settings settings, Target target, IntFunction<String> mntner, String password) throws Exception {
        Updates updates = new Updates(target.httpUrl(), mntner, password, settings.source(), runLetters());
        long firstStart = System.nanoTime();
        try (PlainHttpPost first = new PlainHttpPost(updates.uri())) {
            updates.send(first, 0);
        }
        double firstMs = (System.nanoTime() - firstStart) / 1e6;
        int warmup = Math.min(500, settings.updates() / 5);
        AtomicInteger next = new AtomicInteger(1);
        updates.drive(settings.clients(), next, warmup, Long.MAX_VALUE, new long[warmup + 1], new AtomicLong(), 0, new LongAdder());
        WhoisLoadGenerator.Options queryLoad = settings.queries() == null ? null
                : queryLoad(target, settings, settings.seconds());
        if (settings.warmupSeconds() > 0) {
            warmUp(settings, updates, next, queryLoad == null ? null : queryLoad(target, settings,
                    settings.warmupSeconds()));
        }
        int count = queryLoad == null ? settings.updates() : Integer.MAX_VALUE - next.get() - 1;
        List<long[]> latencies = new ArrayList<>(); // each round's, indexed from its first update on
        AtomicLong failures = new AtomicLong();
        int base = next.get();
        List<WhoisLoadGenerator.Report> alone = new ArrayList<>();
        List<WhoisLoadGenerator.Report> withUpdates = new ArrayList<>();
        ThreadCpu cpu = null;
        LongAdder clientCpu = new LongAdder();
        double seconds = 0;
        for (int round = 0; round < (queryLoad == null ? 1 : settings.rounds()); round++) {
            if (queryLoad != null) {
                alone.add(WhoisLoadGenerator.run(queryLoad));
            }
            java.util.concurrent.CompletableFuture<WhoisLoadGenerator.Report> during = queryLoad == null ? null
                    : inBackground(queryLoad);
            cpu = cpu == null ? ThreadCpu.start() : cpu;
            long start = System.nanoTime();
            long deadline = queryLoad == null ? Long.MAX_VALUE : start + settings.seconds() * 1_000_000_000L;
            long[] roundLatencies = new long[queryLoad == null ? count : 1 << 20];
            updates.drive(settings.clients(), next, base + count, deadline, roundLatencies, failures, settings.rate(), clientCpu);
            latencies.add(roundLatencies);
            seconds += (System.nanoTime() - start) / 1e9;
            if (during != null) {
                withUpdates.add(during.get());
            }
        }
        int done = Math.min(next.get(), base + count) - base;
        long[] sorted = latencies.stream().flatMapToLong(Arrays::stream).filter(l -> l > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "syncupdates: %d durable single-object creates, %d clients, %s%n", sorted.length,
                settings.clients(), settings.httpUrl() == null && settings.data() == null
                        ? "new database, bcrypt cost " + settings.cost()
                        : (settings.httpUrl() != null ? target.httpUrl() : settings.data()) + ", maintainers LIR1-MNT..LIR"
                                + settings.mntners() + "-MNT");
        System.out.printf(Locale.ROOT, "  first update (cold): %.1f ms%n", firstMs);
        System.out.printf(Locale.ROOT, "  throughput: %.0f updates/s (%.2f s), failures: %d%n", sorted.length / seconds,
                seconds, failures.get());
        System.out.printf(Locale.ROOT, "  update latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        ThreadCpu.Spent spent = cpu.stop();
        printQueryRounds(alone, withUpdates);
        if (alone.size() <= 1) {
            printCpu(spent, clientCpu.sum(), sorted.length);
        } else {
            System.out.println("  cpu per update: not given with --rounds (the load's CPU in the windows alone would count)");
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (target.db() != null) {
            System.out.printf(Locale.ROOT, "  database: %d objects, serial %d; load average %.1f%n", target.db().size(),
                    target.db().currentSerial(), load);
        } else {
            System.out.printf(Locale.ROOT, "  load average %.1f (the server's CPU is not in the figures above)%n", load);
        }
        if (done != sorted.length) {
            System.out.printf(Locale.ROOT, "  (%d updates sent, %d timed)%n", done, sorted.length);
        }
    }

    /**
     * The query latencies of each round, alone and with the updates, and with several rounds the
     * median p99 of each kind: one window's p99 moves with whatever else the machine did in it (a
     * store checkpoint, the compiler, a merge), so rounds that alternate the two give a fairer ratio.
     */
    private static void printQueryRounds(List<WhoisLoadGenerator.Report> alone, List<WhoisLoadGenerator.Report> withUpdates) {
        for (int i = 0; i < alone.size(); i++) {
            String round = alone.size() > 1 ? " (round " + (i + 1) + ")" : "";
            System.out.println("  queries alone" + round + ":        " + alone.get(i));
            System.out.println("  queries with updates" + round + ": " + withUpdates.get(i));
        }
        if (alone.size() > 1) {
            double p99Alone = medianP99(alone);
            double p99With = medianP99(withUpdates);
            System.out.printf(Locale.ROOT, "  median query p99 of %d rounds: alone %.2f ms, with updates %.2f ms (%.1fx)%n",
                    alone.size(), p99Alone, p99With, p99With / p99Alone);
        }
    }

    static double medianP99(List<WhoisLoadGenerator.Report> reports) {
        long[] p99 = reports.stream().mapToLong(WhoisLoadGenerator.Report::p99).sorted().toArray();
        int n = p99.length;
        return (n % 2 == 1 ? p99[n / 2] : (p99[n / 2 - 1] + p99[n / 2]) / 2.0) / 1000.0;
    }

    private static java.util.concurrent.CompletableFuture<WhoisLoadGenerator.Report> inBackground(
            WhoisLoadGenerator.Options queries) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return WhoisLoadGenerator.run(queries);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static WhoisLoadGenerator.Options queryLoad(Target target, Settings settings, int seconds)
            throws java.io.IOException {
        return WhoisLoadGenerator.parse(new String[] {"--host", target.whoisHost(), "--port", Integer.toString(target.whoisPort()), "--clients",
            Integer.toString(settings.queryClients()), "--duration", seconds + "s", "--queries",
            settings.queries().toString(), "--persistent", "--rate", Integer.toString(settings.queryRate())});
    }

    /**
     * Runs the updates at the measured rate, and the query load if there is one, for
     * {@code --warmup-seconds} before anything is measured: the JIT compiler needs 30-40 s of
     * updates on two cores before it stops (C2 alone took 1.6 ms of CPU per update over the
     * first 60 s at 300 updates/s), and a measurement that starts earlier counts the compiler's
     * one-time work as the cost of the updates and of the queries running beside it.
     */
    private static void warmUp(Settings settings, Updates updates, AtomicInteger next, WhoisLoadGenerator.Options queries)
            throws Exception {
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<WhoisLoadGenerator.Report> queryRun = queries == null ? null : inBackground(queries);
        int first = next.get();
        updates.drive(settings.clients(), next, Integer.MAX_VALUE - 1, start + settings.warmupSeconds() * 1_000_000_000L,
                new long[1], new AtomicLong(), settings.rate(), new LongAdder());
        if (queryRun != null) {
            queryRun.get();
        }
        System.out.printf(Locale.ROOT, "  warm-up: %d updates%s in %.1f s, not measured%n", next.get() - first,
                queries == null ? "" : " with the query load", (System.nanoTime() - start) / 1e9);
    }

    /**
     * CPU per update: of the whole process, and of the server's update side alone (the process
     * without the update clients, the whois query load and the whois server's query threads).
     */
    private static void printCpu(ThreadCpu.Spent spent, long clients, int updates) {
        if (updates == 0) {
            return;
        }
        long queries = spent.of("whois-load-", "whois-query-", "whois-io-");
        System.out.printf(Locale.ROOT, "  cpu: process %.1f s = %.0f µs/update; update clients %.0f µs/update; whois queries %.1f s;"
                + " server without queries and clients %.0f µs/update%n", spent.process() / 1e9,
                spent.process() / 1000.0 / updates, clients / 1000.0 / updates, queries / 1e9,
                (spent.process() - clients - queries) / 1000.0 / updates);
        System.out.print(spent.table(updates, "update"));
    }

    private static final String CLIENT_THREAD = "update-client-";
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Two letters that differ between runs a second apart, so that repeated runs on one data directory create new handles. */
    private static String runLetters() {
        long t = System.currentTimeMillis() / 1000;
        return "" + (char) ('A' + t % 26) + (char) ('A' + t / 26 % 26);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The update clients: person creates, each naming one maintainer with its password; {@code run} keeps NIC handles of repeated runs apart. */
    private record Updates(URI uri, IntFunction<String> mntner, String password, String source, String run) {
        /**
         * {@code rate} updates per second in all on a fixed schedule, or 0 for as fast as they are
         * answered. The update clients stand in for clients on other machines, so they run at the
         * lowest priority (with {@code -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19},
         * nice 19) and each sends over its own plain keep-alive connection ({@link PlainHttpPost}):
         * on the server's two cores they should take as little CPU as they can from the whois
         * queries that are measured.
         */
        void drive(int clients, AtomicInteger next, int end, long deadline, long[] latencies, AtomicLong failures, int rate,
                   LongAdder clientCpu) throws InterruptedException {
        int base = next.get();
        long scheduleStart = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                int n;
                long cpuAtStart = THREADS.getCurrentThreadCpuTime();
                try (PlainHttpPost http = new PlainHttpPost(uri)) {
                    while (System.nanoTime() < deadline && (n = next.getAndIncrement()) < end) {
                        if (rate > 0) {
                            long due = scheduleStart + (long) ((n - base) * (1e9 / rate));
                            long wait;
                            while ((wait = due - System.nanoTime()) > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                            if (System.nanoTime() >= deadline) {
                                break;
                            }
                        }
                        long s = System.nanoTime();
                        try {
                            if (!send(http, n)) {
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
                }
                clientCpu.add(THREADS.getCurrentThreadCpuTime() - cpuAtStart); // the thread ends before the CPU report
            }, CLIENT_THREAD + c);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

        boolean send(PlainHttpPost http, int n) throws Exception {
            String data = "person:         Load Person\ne-mail:         load@example.net\nnic-hdl:        L" + run + (n + 1) + "-" + source + "\nmnt-by:         " + mntner.apply(n) + "\nsource:         " + source
                    + "\n\npassword: " + password + "\n";
            PlainHttpPost.Response r = http.post("application/x-www-form-urlencoded",
                    ("DATA=" + URLEncoder.encode(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
            boolean ok = r.status() == 200 && r.body().contains("Create SUCCEEDED:");
            if (!ok && FAILURES_SHOWN.getAndIncrement() == 0) {
                System.err.println("first failed update:\n" + r.body());
            }
            return ok;
        }
    }

    private static final AtomicInteger FAILURES_SHOWN = new AtomicInteger();

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }
}
