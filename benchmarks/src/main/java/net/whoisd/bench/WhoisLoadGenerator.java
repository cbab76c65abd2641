package net.whoisd.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.sample.SampleData;

/**
 * Drives a whois server on the loopback interface and reports throughput and latency.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar net.whoisd.bench.WhoisLoadGenerator \
 *     --host 127.0.0.1 --port 4343 --clients 32 --duration 30s (--queries FILE | --mode key|ip) [--persistent]
 * </pre>
 *
 * Without {@code --persistent} every query opens a connection, sends one line and reads until the
 * server closes. With it each client sends {@code -k} with its first query and reads each answer up
 * to the terminator (the served-by line followed by two empty lines, {@code \n\n\n}). Only loopback
 * addresses are accepted as targets; the run stops after {@code --duration} or {@code --max-queries}.
 */
public final class WhoisLoadGenerator {

    /** What a run measured. Latencies in microseconds. */
    public record Report(long queries, long errors, double seconds, long p50, long p90, long p99, long max) {
        public double queriesPerSecond() {
            return seconds > 0 ? queries / seconds : 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d queries in %.1f s = %,.0f queries/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d errors",
                    queries, seconds, queriesPerSecond(), p50 / 1000.0, p90 / 1000.0, p99 / 1000.0, max / 1000.0, errors);
        }
    }

    public record Options(String host, int port, int clients, Duration duration, long maxQueries, List<String> queries,
                          boolean persistent, Duration timeout) {}

    private static final byte[] TERMINATOR = {'\n', '\n', '\n'};
    private static final int MAX_CLIENTS = 1024;
    private static final int LATENCY_SAMPLES_PER_CLIENT = 1 << 20;

    private WhoisLoadGenerator() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("whois-load: " + e.getMessage());
            System.err.println("usage: WhoisLoadGenerator --host 127.0.0.1 --port N [--clients 32] [--duration 30s] "
                    + "(--queries FILE | --mode key|ip) [--persistent] [--max-queries N]");
            System.exit(2);
            return;
        }
        try {
            Report report = run(options);
            System.out.println("whois-load: " + (options.persistent() ? "persistent, " : "one query per connection, ")
                    + options.clients() + " clients: " + report);
            System.exit(report.queries() > 0 ? 0 : 1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("whois-load: failed: " + e.getMessage());
            System.exit(1);
        }
    }

    public static Options parse(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = -1;
        int clients = 32;
        Duration duration = Duration.ofSeconds(30);
        long maxQueries = Long.MAX_VALUE;
        List<String> queries = null;
        String mode = null;
        boolean persistent = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--persistent")) {
                persistent = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value" : "unknown argument " + arg);
            }
            String value = args[++i];
            try {
                switch (arg) {
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--duration" -> duration = parseDuration(value);
                    case "--max-queries" -> maxQueries = Long.parseLong(value);
                    case "--queries" -> queries = readQueries(Path.of(value));
                    case "--mode" -> mode = value;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(arg + " must be a number, not '" + value + "'");
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be 1..65535");
        }
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("--clients must be 1.." + MAX_CLIENTS);
        }
        if (maxQueries < 1) {
            throw new IllegalArgumentException("--max-queries must be positive");
        }
        if ((queries == null) == (mode == null)) {
            throw new IllegalArgumentException("give exactly one of --queries FILE and --mode key|ip");
        }
        if (mode != null) {
            queries = switch (mode) {
                case "key" -> keyQueries();
                case "ip" -> ipQueries(new Random(1), 10_000);
                default -> throw new IllegalArgumentException("--mode must be key or ip");
            };
        }
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no queries to send");
        }
        requireLoopback(host);
        return new Options(host, port, clients, duration, maxQueries, queries, persistent, Duration.ofSeconds(30));
    }

    /** Only this machine is a permitted target. */
    static void requireLoopback(String host) throws IOException {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing to load " + host + " (" + address.getHostAddress()
                        + "): only loopback addresses may be targeted");
            }
        }
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long factor = 1000;
        if (t.endsWith("ms")) {
            factor = 1;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 60_000;
            t = t.substring(0, t.length() - 1);
        }
        long value = Long.parseLong(t);
        if (value <= 0 || value * factor > Duration.ofHours(1).toMillis()) {
            throw new IllegalArgumentException("--duration must be between 1 ms and 1 hour");
        }
        return Duration.ofMillis(value * factor);
    }

    private static List<String> readQueries(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Primary-key lookups of every sample object (with -r so answers are the object alone). */
    static List<String> keyQueries() {
        List<String> out = new ArrayList<>();
        for (ParsedObject p : RpslLexer.parseAll(SampleData.text())) {
            RpslObject o = p.object();
            ObjectType type = o.type().orElse(null);
            if (type == null) {
                continue;
            }
            String key = type == ObjectType.PERSON || type == ObjectType.ROLE ? o.value("nic-hdl") : o.classValue();
            out.add("-r -T " + type.attributeName() + " " + key);
        }
        return out;
    }

    /** Random addresses inside the sample's inetnum and inet6num objects (most-specific lookups). */
    static List<String> ipQueries(Random random, int count) {
        List<IpRange> ranges = new ArrayList<>();
        for (ParsedObject p : RpslLexer.parseAll(SampleData.text())) {
            ObjectType type = p.object().type().orElse(null);
            if (type == ObjectType.INETNUM || type == ObjectType.INET6NUM) {
                IpRange.parse(p.object().classValue()).ifPresent(ranges::add);
            }
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            IpRange r = ranges.get(random.nextInt(ranges.size()));
            long lo = r.startLo() + (r.endLo() == r.startLo() ? 0 : Math.floorMod(random.nextLong(), Math.min(r.endLo() - r.startLo(), 1L << 40)));
            IpRange address = r.ipv6() ? IpRange.ipv6(r.startHi(), lo, r.startHi(), lo) : IpRange.ipv4(lo, lo);
            out.add("-r " + address.startAddress());
        }
        return out;
    }

    public static Report run(Options options) throws IOException, InterruptedException {
        requireLoopback(options.host());
        InetSocketAddress target = new InetSocketAddress(options.host(), options.port());
        long deadline = System.nanoTime() + options.duration().toNanos();
        AtomicLong budget = new AtomicLong(options.maxQueries());
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        List<Future<long[]>> results = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int c = 0; c < options.clients(); c++) {
                int offset = c * 7919;
                Client client = new Client(target, options, deadline, budget, errors, offset);
                results.add(pool.submit(client::run));
            }
            List<long[]> latencies = new ArrayList<>();
            for (Future<long[]> f : results) {
                try {
                    latencies.add(f.get(options.duration().toMillis() + options.timeout().toMillis() * 2, TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    errors.incrementAndGet();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            return new Report(all.length, errors.get(), seconds, percentile(all, 0.50), percentile(all, 0.90),
                    percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1]);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** One simulated client: sequential queries, latencies of successful answers in microseconds. */
    private static final class Client {
        private final InetSocketAddress target;
        private final Options options;
        private final long deadline;
        private final AtomicLong budget;
        private final AtomicLong errors;
        private int next;
        private long[] latencies = new long[1024];
        private int count;

        Client(InetSocketAddress target, Options options, long deadline, AtomicLong budget, AtomicLong errors, int offset) {
            this.target = target;
            this.options = options;
            this.deadline = deadline;
            this.budget = budget;
            this.errors = errors;
            this.next = offset;
        }

        long[] run() {
            Socket socket = null;
            InputStream in = null;
            try {
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    String query = options.queries().get(Math.floorMod(next++, options.queries().size()));
                    long t0 = System.nanoTime();
                    try {
                        if (options.persistent()) {
                            boolean first = socket == null;
                            if (first) {
                                socket = connect();
                                in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                            }
                            send(socket, (first ? "-k " : "") + query);
                            readUntilTerminator(in);
                        } else {
                            try (Socket one = connect()) {
                                send(one, query);
                                readUntilClose(one.getInputStream());
                            }
                        }
                        record((System.nanoTime() - t0) / 1000);
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        close(socket);
                        socket = null;
                    }
                }
            } finally {
                if (socket != null) {
                    try {
                        send(socket, "-k");
                    } catch (IOException ignored) {
                        // the server may have closed already; the session is over either way
                    }
                    close(socket);
                }
            }
            return Arrays.copyOf(latencies, count);
        }

        private Socket connect() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) options.timeout().toMillis());
            s.connect(target, (int) options.timeout().toMillis());
            return s;
        }

        private static void send(Socket s, String line) throws IOException {
            OutputStream out = s.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private void record(long micros) {
            if (count == latencies.length) {
                if (count == LATENCY_SAMPLES_PER_CLIENT) {
                    return;
                }
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = micros;
        }

        private static void close(Socket s) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a broken connection; nothing left to do
                }
            }
        }
    }

    /** Reads up to and including {@code \n\n\n}; an early end of stream is an error. */
    static void readUntilTerminator(InputStream in) throws IOException {
        int matched = 0;
        while (matched < TERMINATOR.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the answer");
            }
            matched = b == '\n' ? matched + 1 : 0;
        }
    }

    static void readUntilClose(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
        }
        if (total == 0) {
            throw new IOException("empty answer");
        }
    }
}
