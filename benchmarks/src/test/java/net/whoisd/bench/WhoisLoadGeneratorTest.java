package net.whoisd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives a tiny in-test whois responder on loopback that answers like the real server frames. */
class WhoisLoadGeneratorTest {

    private static final String BANNER = "% This is the TEST whois server\n% banner line 2\n% banner line 3\n% banner line 4\n% banner line 5\n\n";
    private static final String ANSWER = "mntner:         LIR1-MNT\nsource:         TEST\n\n% This query was served by whoisd (test)\n\n\n";

    private final Queue<String> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private ServerSocket server;

    /** Starts the responder; {@code answers} is how many queries a connection gets answered before it is dropped. */
    private int start(int answers) throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        pool.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    pool.submit(() -> serve(s, answers));
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    private void serve(Socket s, int answers) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = s.getOutputStream();
            boolean persistent = false;
            int answered = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (persistent && line.equals("-k")) {
                    return;
                }
                received.add(line);
                if (answered++ == answers) {
                    return;
                }
                persistent |= line.startsWith("-k");
                out.write((BANNER + ANSWER).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!persistent) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away; the test's assertions judge what arrived
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static WhoisLoadGenerator.Options options(int port, boolean persistent, long max) {
        return new WhoisLoadGenerator.Options("127.0.0.1", port, 4, Duration.ofSeconds(20), max,
                List.of("-r LIR1-MNT", "-r 193.0.0.1"), persistent, Duration.ofSeconds(5));
    }

    @Test
    void persistentClientsSendDashKOnceAndReadManyAnswersPerConnection() throws Exception {
        int port = start(Integer.MAX_VALUE);
        WhoisLoadGenerator.Report report = WhoisLoadGenerator.run(options(port, true, 400));
        assertEquals(400, report.queries());
        assertEquals(0, report.errors());
        assertEquals(4, connections.get());
        assertEquals(4, received.stream().filter(q -> q.startsWith("-k ")).count());
        assertEquals(400, received.size());
        assertTrue(report.p50() <= report.p90() && report.p90() <= report.p99() && report.p99() <= report.max());
        assertTrue(report.queriesPerSecond() > 0);
    }

    @Test
    void oneQueryPerConnectionReadsUntilClose() throws Exception {
        int port = start(Integer.MAX_VALUE);
        WhoisLoadGenerator.Report report = WhoisLoadGenerator.run(options(port, false, 120));
        assertEquals(120, report.queries());
        assertEquals(0, report.errors());
        assertEquals(120, connections.get());
        assertTrue(received.stream().noneMatch(q -> q.startsWith("-k")));
    }

    @Test
    void answersCutShortCountAsErrors() throws Exception {
        int port = start(2);   // every connection is dropped after two answers
        WhoisLoadGenerator.Report report = WhoisLoadGenerator.run(options(port, true, 60));
        assertTrue(report.errors() > 0, report.toString());
        assertEquals(60, report.queries() + report.errors());
    }

    @Test
    void aRateHoldsTheQueriesToTheirSchedule() throws Exception {
        int port = start(Integer.MAX_VALUE);
        // 100 queries/s for a second: the server could answer thousands, the schedule lets ~100 go
        WhoisLoadGenerator.Options o = new WhoisLoadGenerator.Options("127.0.0.1", port, 4, Duration.ofSeconds(1),
                Long.MAX_VALUE, List.of("-r LIR1-MNT"), true, Duration.ofSeconds(5), 1, 100);
        WhoisLoadGenerator.Report report = WhoisLoadGenerator.run(o);
        assertEquals(0, report.errors());
        assertTrue(report.queries() > 0 && report.queries() <= 100 + 4, report.toString());
        assertEquals(100.0, WhoisLoadGenerator.parse(new String[] {"--port", "43", "--mode", "ip", "--rate", "100"}).rate());
        assertThrows(IllegalArgumentException.class,
                () -> WhoisLoadGenerator.parse(new String[] {"--port", "43", "--mode", "ip", "--rate", "-1"}));
    }

    /**
     * A scheduled load waits for its queries' times instead of polling for them: at 2,000 queries/s
     * one falls due every half millisecond, below what a selector's timeout can wait for, and a
     * polling loop kept a core busy.
     */
    @Test
    void aScheduledLoadSleepsBetweenItsQueries() throws Exception {
        int port = start(Integer.MAX_VALUE);
        WhoisLoadGenerator.Options o = new WhoisLoadGenerator.Options("127.0.0.1", port, 4, Duration.ofSeconds(2),
                Long.MAX_VALUE, List.of("-r LIR1-MNT"), true, Duration.ofSeconds(5), 1, 2000);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        WhoisLoadGenerator.Report report = WhoisLoadGenerator.run(o);
        double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        assertEquals(0, report.errors());
        assertTrue(report.queries() > 2000, report.toString()); // the schedule was kept, not slowed down
        // polling keeps a core busy on its own (2.9 CPU s in 2 s measured); sleeping, the run and the
        // responder took 0.8 s, much of it the JIT compiler's first work
        assertTrue(cpuSeconds < 0.8 * report.seconds(),
                "the load generator and the test's responder took " + cpuSeconds + " CPU s in " + report.seconds() + " s");
    }

    @Test
    void theDurationBoundsARunWithoutAQueryLimit() throws Exception {
        int port = start(Integer.MAX_VALUE);
        WhoisLoadGenerator.Options o = new WhoisLoadGenerator.Options("127.0.0.1", port, 2, Duration.ofMillis(300),
                Long.MAX_VALUE, List.of("-r LIR1-MNT"), true, Duration.ofSeconds(5));
        long t0 = System.nanoTime();
        WhoisLoadGenerator.Report report = WhoisLoadGenerator.run(o);
        assertTrue(report.queries() > 0);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void onlyLoopbackTargetsAndSaneOptionsAreAccepted() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WhoisLoadGenerator.parse(new String[] {"--host", "192.0.2.1", "--port", "43", "--mode", "key"}));
        assertTrue(e.getMessage().contains("loopback"));
        assertThrows(IllegalArgumentException.class, () -> WhoisLoadGenerator.parse(new String[] {"--port", "43"}));
        assertThrows(IllegalArgumentException.class, () -> WhoisLoadGenerator.parse(new String[] {"--port", "0", "--mode", "ip"}));
        assertThrows(IllegalArgumentException.class, () -> WhoisLoadGenerator.parse(new String[] {"--port", "43", "--mode", "dns"}));
        WhoisLoadGenerator.Options o = WhoisLoadGenerator.parse(
                new String[] {"--port", "4343", "--mode", "ip", "--clients", "8", "--duration", "2m", "--persistent"});
        assertEquals(Duration.ofMinutes(2), o.duration());
        assertEquals(Duration.ofSeconds(10), WhoisLoadGenerator.warmup(new String[] {"--port", "4343"}), "warm-up by default");
        assertEquals(Duration.ZERO, WhoisLoadGenerator.warmup(new String[] {"--warmup", "0"}));
        assertEquals(Duration.ofMillis(2500), WhoisLoadGenerator.warmup(new String[] {"--mode", "ip", "--warmup", "2500ms"}));
        assertThrows(IllegalArgumentException.class,
                () -> WhoisLoadGenerator.parse(new String[] {"--port", "43", "--mode", "ip", "--warmup", "-3s"}));
        assertTrue(o.queries().stream().allMatch(q -> q.startsWith("-r ")));
        assertTrue(WhoisLoadGenerator.keyQueries().contains("-r -T mntner LIR1-MNT"));
    }
}
