package net.whoisd.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 *     [--warmup 10s]
 * </pre>
 *
 * The measured run follows a warm-up of {@code --warmup} (default 10 s; {@code 0} for none) with the
 * same load, whose queries are not counted: a JVM server answers its first seconds' queries before
 * its hot paths are compiled.
 *
 * Without {@code --persistent} every query opens a connection, sends one line and reads until the
 * server closes; its latency runs from the connect to the end of the answer. With it each client
 * sends {@code -k} with its first query and reads each answer up to the terminator (the served-by
 * line followed by two empty lines, {@code \n\n\n}); its latency runs from the send. Only loopback
 * addresses are accepted as targets; the run stops after {@code --duration} or {@code --max-queries}.
 * The clients are driven by {@code --threads} selector threads (default 1).
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

    /**
     * {@code threads}: selector threads that drive the clients (one is enough for a loopback server on
     * two cores); {@code rate}: queries per second in all, sent on a fixed schedule shared by the
     * clients whatever the answers' speed (0: each client sends its next query when it has the answer).
     */
    public record Options(String host, int port, int clients, Duration duration, long maxQueries, List<String> queries,
                          boolean persistent, Duration timeout, int threads, double rate) {
        public Options(String host, int port, int clients, Duration duration, long maxQueries, List<String> queries,
                       boolean persistent, Duration timeout) {
            this(host, port, clients, duration, maxQueries, queries, persistent, timeout, 1, 0);
        }

        public Options(String host, int port, int clients, Duration duration, long maxQueries, List<String> queries,
                       boolean persistent, Duration timeout, int threads) {
            this(host, port, clients, duration, maxQueries, queries, persistent, timeout, threads, 0);
        }
    }

    private static final byte[] TERMINATOR = {'\n', '\n', '\n'};
    private static final int MAX_CLIENTS = 1024;
    private static final int LATENCY_SAMPLES_PER_CLIENT = 1 << 20;

    private WhoisLoadGenerator() {
    }

    public static void main(String[] args) {
        Options options;
        Duration warmup;
        try {
            options = parse(args);
            warmup = warmup(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("whois-load: " + e.getMessage());
            System.err.println("usage: WhoisLoadGenerator --host 127.0.0.1 --port N [--clients 32] [--duration 30s] "
                    + "(--queries FILE | --mode key|ip) [--persistent] [--max-queries N] [--threads 1] [--warmup 10s]");
            System.exit(2);
            return;
        }
        try {
            if (!warmup.isZero()) {
                // the server's JIT compiles its hot paths in the first seconds: not part of the figure
                Report warm = run(new Options(options.host(), options.port(), options.clients(), warmup, Long.MAX_VALUE,
                        options.queries(), options.persistent(), options.timeout(), options.threads(), options.rate()));
                System.out.println("whois-load: warm-up " + warmup.toSeconds() + " s, not counted: " + warm);
            }
            Report report = run(options);
            System.out.println("whois-load: " + (options.persistent() ? "persistent, " : "one query per connection, ")
                    + options.clients() + " clients: " + report);
            System.exit(report.queries() > 0 ? 0 : 1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("whois-load: failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** {@code --warmup D}: queries sent for D before the measured run and not counted (default 10 s, 0 for none). */
    static Duration warmup(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--warmup")) {
                return warmupValue(args[i + 1]);
            }
        }
        return Duration.ofSeconds(10);
    }

    private static Duration warmupValue(String text) {
        return text.strip().equals("0") ? Duration.ZERO : parseDuration(text);
    }

    public static Options parse(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = -1;
        int clients = 32;
        int threads = 1;
        double rate = 0;
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
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--duration" -> duration = parseDuration(value);
                    case "--max-queries" -> maxQueries = Long.parseLong(value);
                    case "--queries" -> queries = readQueries(Path.of(value));
                    case "--mode" -> mode = value;
                    case "--warmup" -> warmupValue(value); // checked here, used by main (not part of a run's options)
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
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads must be 1..64");
        }
        if (rate < 0 || rate > 1_000_000) {
            throw new IllegalArgumentException("--rate must be 0 (as fast as answered) .. 1000000 queries/s");
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
        return new Options(host, port, clients, duration, maxQueries, queries, persistent, Duration.ofSeconds(30), threads, rate);
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
            throw new IllegalArgumentException("durations must be between 1 ms and 1 hour, not " + text);
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
        int threads = Math.min(options.threads(), options.clients());
        List<Loop> loops = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            List<Client> clients = new ArrayList<>();
            for (int c = t; c < options.clients(); c += threads) {
                clients.add(new Client(target, options, budget, errors, c * 7919, c));
            }
            loops.add(new Loop(clients, options, deadline));
        }
        List<Thread> running = new ArrayList<>();
        for (Loop loop : loops) {
            Thread thread = new Thread(loop, "whois-load-" + running.size());
            thread.setDaemon(true);
            thread.start();
            running.add(thread);
        }
        List<long[]> latencies = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            running.get(i).join(options.duration().toMillis() + options.timeout().toMillis() * 2);
            if (running.get(i).isAlive() || loops.get(i).failure != null) {
                running.get(i).interrupt();
                errors.incrementAndGet();
                continue;
            }
            for (Client client : loops.get(i).clients) {
                latencies.add(Arrays.copyOf(client.latencies, client.count));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return new Report(all.length, errors.get(), seconds, percentile(all, 0.50), percentile(all, 0.90),
                percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1]);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /**
     * One thread driving its share of the clients with a selector: the load generator shares the
     * machine with the server under test, so it spends a few system calls per query and no thread
     * switches (one blocking thread per client cost as much CPU as the server).
     */
    private static final class Loop implements Runnable {
        final List<Client> clients;
        private final Options options;
        private final long deadline;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        volatile Exception failure;

        Loop(List<Client> clients, Options options, long deadline) {
            this.clients = clients;
            this.options = options;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            Ticker ticker = null;
            try (Selector selector = Selector.open()) {
                ticker = new Ticker(selector);
                if (options.rate() > 0) {
                    ticker.start();
                }
                for (Client client : clients) {
                    client.next(selector, deadline);
                }
                long timeoutNanos = options.timeout().toNanos();
                long lastSweep = System.nanoTime();
                while (anyActive()) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    long firstDue = Long.MAX_VALUE;
                    for (Client client : clients) {
                        if (client.parked) {
                            firstDue = Math.min(firstDue, client.due);
                        }
                    }
                    if (firstDue == Long.MAX_VALUE) {
                        selector.select(100);
                    } else if (firstDue - System.nanoTime() > 0) {
                        ticker.wakeAt(firstDue);
                        selector.select(100);
                    } else {
                        selector.selectNow();
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        Client client = (Client) key.attachment();
                        if (key.isValid() && client.ready(key, buffer)) {
                            client.next(selector, deadline);
                        }
                    }
                    selector.selectedKeys().clear();
                    long now = System.nanoTime();
                    for (Client client : clients) {
                        if (client.parked && client.active && now >= client.due) {
                            client.next(selector, deadline);
                        }
                    }
                    if (now - lastSweep > 100_000_000L) {
                        lastSweep = now;
                        for (Client client : clients) {
                            if (client.active && client.waiting && now - client.t0 > timeoutNanos) {
                                client.fail();
                                client.next(selector, deadline);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                if (ticker != null) {
                    ticker.finish();
                }
                for (Client client : clients) {
                    client.finish();
                }
            }
        }

        private boolean anyActive() {
            for (Client client : clients) {
                if (client.active) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Wakes a loop's selector when its next query is due. With a rate, queries fall due every few
     * tens of microseconds, far below the millisecond that {@link Selector#select(long)} can wait
     * for, and a loop that polled instead kept a whole core busy: on a two-core machine that core
     * was taken from the server it measured, and most of the whois p99 measured beside updates
     * was the server's event loops waiting for it. This thread sleeps until the time due instead.
     */
    private static final class Ticker extends Thread {
        private final Selector selector;
        private final AtomicLong due = new AtomicLong(Long.MAX_VALUE);
        private volatile boolean running = true;

        Ticker(Selector selector) {
            super("whois-load-ticker");
            this.selector = selector;
            setDaemon(true);
        }

        /** Asks for a wake-up of the selector at {@code nanoTime}; the loop then selects without a busy wait. */
        void wakeAt(long nanoTime) {
            if (nanoTime < due.getAndSet(nanoTime)) {
                LockSupport.unpark(this); // it may be sleeping until a later time
            }
        }

        void finish() {
            running = false;
            LockSupport.unpark(this);
            try {
                join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            while (running) {
                long at = due.get();
                if (at == Long.MAX_VALUE) {
                    LockSupport.park(this);
                    continue;
                }
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                } else if (due.compareAndSet(at, Long.MAX_VALUE)) {
                    selector.wakeup();
                }
            }
        }
    }

    /** One simulated client: sequential queries, latencies of successful answers in microseconds. */
    private static final class Client {
        private final InetSocketAddress target;
        private final Options options;
        private final AtomicLong budget;
        private final AtomicLong errors;
        private int next;
        long[] latencies = new long[1024];
        int count;
        boolean active = true;
        /** A query is in flight (connecting, sending or reading). */
        boolean waiting;
        long t0;
        private SocketChannel channel;
        private ByteBuffer request;
        private long received;
        private int matched;

        /** With a rate: the time between this client's sends, and when the next one is due. */
        private final long interval;
        long due;
        /** Waiting for {@link #due} to send the next query (with a rate). */
        boolean parked;

        Client(InetSocketAddress target, Options options, AtomicLong budget, AtomicLong errors, int offset, int index) {
            this.target = target;
            this.options = options;
            this.budget = budget;
            this.errors = errors;
            this.next = offset;
            this.interval = options.rate() > 0 ? (long) (1e9 * options.clients() / options.rate()) : 0;
            // the clients' schedules interleave evenly
            this.due = interval > 0 ? System.nanoTime() + interval * index / options.clients() : 0;
        }

        /**
         * Starts the next query, or ends the client when the run is over. With a rate the query waits
         * for its turn ({@link #parked}); a query that is late (the answer before it was slow) goes at
         * once, and the schedule does not move, so the rate holds.
         */
        void next(Selector selector, long deadline) {
            if (interval > 0) {
                if (System.nanoTime() < due) {
                    parked = true;
                    return;
                }
                parked = false;
                due += interval;
            }
            while (true) {
                if (System.nanoTime() >= deadline || budget.getAndDecrement() <= 0) {
                    active = false;
                    finish();
                    return;
                }
                String query = options.queries().get(Math.floorMod(next++, options.queries().size()));
                t0 = System.nanoTime();
                waiting = true;
                received = 0;
                matched = 0;
                try {
                    boolean first = channel == null;
                    request = ByteBuffer.wrap(((first && options.persistent() ? "-k " : "") + query + "\n").getBytes(StandardCharsets.UTF_8));
                    if (first) {
                        channel = SocketChannel.open();
                        channel.configureBlocking(false);
                        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        if (!channel.connect(target)) {
                            channel.register(selector, SelectionKey.OP_CONNECT, this);
                            return;
                        }
                        channel.register(selector, 0, this);
                    }
                    if (send(selector)) {
                        return;
                    }
                } catch (IOException e) {
                    fail();
                }
            }
        }

        /** Writes the request; true when it is on its way (now reading), false after a failure. */
        private boolean send(Selector selector) throws IOException {
            channel.write(request);
            SelectionKey key = channel.keyFor(selector);
            key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            return true;
        }

        /** Handles readiness; true when the query is over (answered or failed) and the next may start. */
        boolean ready(SelectionKey key, ByteBuffer buffer) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    send(key.selector());
                    return false;
                }
                if (key.isWritable()) {
                    send(key.selector());
                    return false;
                }
                if (key.isReadable()) {
                    return read(buffer);
                }
                return false;
            } catch (IOException e) {
                fail();
                return true;
            }
        }

        /** Reads what is there; true when the answer is complete. */
        private boolean read(ByteBuffer buffer) throws IOException {
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    if (options.persistent()) {
                        throw new IOException("connection closed before the end of the answer");
                    }
                    if (received == 0) {
                        throw new IOException("empty answer");
                    }
                    close();
                    done();
                    return true;
                }
                if (n == 0) {
                    return false;
                }
                received += n;
                if (options.persistent()) {
                    for (int i = 0; i < n; i++) {
                        matched = buffer.get(i) == '\n' ? matched + 1 : 0;
                        if (matched == TERMINATOR.length) {
                            // the banner that follows an answer with -k belongs to it: it was sent with it
                            done();
                            return true;
                        }
                    }
                }
            }
        }

        private void done() {
            waiting = false;
            record((System.nanoTime() - t0) / 1000);
        }

        void fail() {
            waiting = false;
            errors.incrementAndGet();
            close();
        }

        /** Ends a persistent session with a lone {@code -k}, as a client would, and closes. */
        void finish() {
            if (channel != null && options.persistent() && channel.isConnected() && !waiting) {
                try {
                    channel.write(ByteBuffer.wrap("-k\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException ignored) {
                    // the server may have closed already; the session is over either way
                }
            }
            close();
        }

        private void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a broken connection; nothing left to do
                }
                channel = null;
            }
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
    }
}
