package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.ForwardingDatabase;
import net.whoisd.server.SampleLoader;
import net.whoisd.server.acl.AccessControl;
import net.whoisd.server.acl.AddressRanges;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large answers over real sockets: written a part at a time while the client reads, a slow reader
 * holds neither a query thread nor more than a bounded amount of output, the number of large
 * answers in progress is capped, and a failing query always ends with an error and a close.
 */
class LargeAnswerTest {
    /** Routes maintained by BIG-MNT: an answer of about 14 MB, more than loopback's socket buffers hold. */
    private static final int BIG = 60_000;
    private static final long BIG_FIRST_ID = 1L << 40;
    /** Routes maintained by BREAK-MNT, of which one fails to load in the middle of the answer. */
    private static final int BREAKING = 2_000;
    private static final long BREAKING_FIRST_ID = 2L << 40;
    private static final long BROKEN_ID = BREAKING_FIRST_ID + 1_000;
    /** Output a paused answer may leave in the server: the write buffer's high-water mark plus a part or two. */
    private static final long PENDING_BOUND = 512 * 1024;

    private static final String SERVED_BY = QueryMessages.servedBy("test", "TESTHOST") + "\n\n";

    @TempDir
    Path dataDir;

    private PersistentDatabase real;
    private WhoisListener listener;
    private int port;
    private final List<StoredObject> big = routes("BIG-MNT", BIG, BIG_FIRST_ID);
    private final List<StoredObject> breaking = routes("BREAK-MNT", BREAKING, BREAKING_FIRST_ID);
    /** HELD-MNT's lookups wait here, counted while inside. */
    private final CountDownLatch holdLookups = new CountDownLatch(1);
    private final AtomicInteger lookupsInside = new AtomicInteger();
    private final AtomicInteger mostLookupsInside = new AtomicInteger();

    @BeforeEach
    void openDatabase() throws Exception {
        SampleLoader.loadIfEmpty(dataDir, "TEST");
        real = PersistentDatabase.open(dataDir, "TEST");
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        real.close();
    }

    private static List<StoredObject> routes(String mntner, int count, long firstId) {
        List<StoredObject> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RpslObject o = RpslObject.parse("route:          10." + (i >> 8) + "." + (i & 0xFF) + ".0/24\n"
                    + "descr:          synthetic route " + i + " of a maintainer with very many objects\n"
                    + "origin:         AS64496\n"
                    + "mnt-by:         " + mntner + "\n"
                    + "source:         TEST\n");
            out.add(new StoredObject(firstId + i, ObjectKey.of(o), o));
        }
        return out;
    }

    /** The sample database plus the synthetic routes; BOOM-MNT's inverse lookup runs out of memory. */
    private final class LargeDatabase extends ForwardingDatabase {
        LargeDatabase(WhoisDatabase real) {
            super(real);
        }

        @Override
        public List<StoredObject> inverse(String attribute, String value, Set<ObjectType> types) {
            if (attribute.equals("mnt-by") && value.equalsIgnoreCase("BIG-MNT")) {
                return new ArrayList<>(big);
            }
            if (attribute.equals("mnt-by") && value.equalsIgnoreCase("BREAK-MNT")) {
                return new ArrayList<>(breaking);
            }
            if (attribute.equals("mnt-by") && value.equalsIgnoreCase("HELD-MNT")) {
                mostLookupsInside.accumulateAndGet(lookupsInside.incrementAndGet(), Math::max);
                try {
                    holdLookups.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lookupsInside.decrementAndGet();
                }
                return new ArrayList<>(big.subList(0, 1_000));
            }
            if (attribute.equals("mnt-by") && value.equalsIgnoreCase("BOOM-MNT")) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
            return super.inverse(attribute, value, types);
        }

        @Override
        public List<StoredObject> lookup(String searchKey, Set<ObjectType> types) {
            if (searchKey.equalsIgnoreCase("BOOM-HANDLE")) {
                throw new StackOverflowError("simulated");
            }
            return super.lookup(searchKey, types);
        }

        @Override
        public Optional<StoredObject> byId(long id) {
            if (id == BROKEN_ID) {
                throw new IllegalStateException("store read failed (simulated)");
            }
            if (id >= BREAKING_FIRST_ID) {
                return Optional.of(breaking.get((int) (id - BREAKING_FIRST_ID)));
            }
            if (id >= BIG_FIRST_ID) {
                return Optional.of(big.get((int) (id - BIG_FIRST_ID)));
            }
            return super.byId(id);
        }
    }

    private void start(int workerThreads, int maxLargeQueries, int largeQueriesPerClient, String trusted) throws Exception {
        AccessControl acl = new AccessControl(AddressRanges.parse("acl.trusted", trusted == null ? List.of() : List.of(trusted)),
                AddressRanges.parse("acl.denied", List.of()), 0, 0, Clock.systemUTC());
        QueryExecutor executor = new QueryExecutor(new LargeDatabase(real), acl, "test", "TESTHOST", "TEST-NCC-HM-MNT");
        listener = new WhoisListener(executor, acl, new WhoisListener.Settings(1024, Duration.ofSeconds(180), 100,
                workerThreads, maxLargeQueries, largeQueriesPerClient));
        port = listener.start("127.0.0.1", 0);
    }

    /** A client that sends its query and reads nothing: its receive buffer is as small as the kernel allows. */
    private Socket slowReader(String from, String query) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(30_000);
        s.getOutputStream().write((query + "\n").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    private String query(String from, String query) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.setSoTimeout(30_000);
            s.getOutputStream().write((query + "\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return TestServer.readAll(s.getInputStream());
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void slowReaderHoldsBoundedOutputAndNoThreadThenGetsTheCompleteAnswer() throws Exception {
        start(1, 16, 4, null);
        try (Socket slow = slowReader("127.0.0.1", "-i mnt-by BIG-MNT")) {
            await("the large answer waits for its reader", () -> listener.pendingOutboundBytes() > 0);
            // the only query thread is free: another inverse lookup is answered while the large one waits
            String other = query("127.0.0.1", "-i mnt-by LIR1-MNT");
            assertTrue(other.contains("mntner:         LIR1-MNT") || other.contains("mnt-by:         LIR1-MNT"), other);
            long maxPending = 0;
            for (int i = 0; i < 50; i++) {
                maxPending = Math.max(maxPending, listener.pendingOutboundBytes());
                Thread.sleep(10);
            }
            assertTrue(maxPending < PENDING_BOUND, "pending output of a paused answer: " + maxPending + " bytes");
            assertEquals(1, listener.largeQueriesInProgress());

            String answer = TestServer.body(TestServer.readAll(slow.getInputStream()));
            List<String> keys = new ArrayList<>();
            for (String line : answer.split("\n")) {
                if (line.startsWith("route:")) {
                    keys.add(line.substring("route:".length()).strip());
                }
            }
            assertEquals(BIG, keys.size(), "every object, once");
            for (int i = 0; i < BIG; i += 997) {
                assertEquals("10." + (i >> 8) + "." + (i & 0xFF) + ".0/24", keys.get(i), "object " + i + " in order");
            }
            assertTrue(answer.startsWith(QueryMessages.filterNotice() + "\n% Information related to '10.0.0.0/24AS64496'\n\nroute:"),
                    answer.substring(0, 300));
            assertTrue(answer.endsWith(SERVED_BY),
                    answer.substring(answer.length() - 300));
        }
        await("the answer's slot is given back", () -> listener.largeQueriesInProgress() == 0);
    }

    @Test
    void errorInsideTheQueryEndsWithAnErrorLineAndClose() throws Exception {
        start(2, 16, 4, null);
        String response = query("127.0.0.1", "-i mnt-by BOOM-MNT");
        assertEquals(QueryMessages.internalError() + "\n"
                + SERVED_BY,
                TestServer.body(response));
        await("the failed query's slot is given back", () -> listener.largeQueriesInProgress() == 0);
        assertTrue(query("127.0.0.1", "-i mnt-by LIR1-MNT").contains("LIR1-MNT"), "the pool still answers");
    }

    @Test
    void errorInsideABoundedLookupOnTheEventLoopEndsWithAnErrorLineAndClose() throws Exception {
        start(2, 16, 4, null);
        assertTrue(new QueryParser().parse("-k -r BOOM-HANDLE").isBoundedLookup(), "answered on the event loop");
        String response = query("127.0.0.1", "-k -r BOOM-HANDLE");
        assertEquals(QueryMessages.internalError() + "\n" + SERVED_BY, TestServer.body(response));
    }

    @Test
    void failureInTheMiddleOfAnAnswerEndsItWithAnErrorLineAndClose() throws Exception {
        start(2, 16, 4, null);
        String answer = TestServer.body(query("127.0.0.1", "-r -i mnt-by BREAK-MNT"));
        assertTrue(answer.contains("route:          10.0.0.0/24\n"), "the answer had begun");
        assertTrue(answer.endsWith(QueryMessages.internalError() + "\n"
                + SERVED_BY),
                answer.substring(Math.max(0, answer.length() - 400)));
        assertTrue(!answer.contains("10.3.232.0/24"), "nothing after the failure");
        await("the failed answer's slot is given back", () -> listener.largeQueriesInProgress() == 0);
    }

    @Test
    void largeQueriesOverTheClientLimitAreRefusedWithError208() throws Exception {
        start(4, 16, 1, "127.0.0.3");
        try (Socket slow = slowReader("127.0.0.1", "-i mnt-by BIG-MNT")) {
            await("the first large answer is in progress", () -> listener.largeQueriesInProgress() == 1);
            String refused = TestServer.body(query("127.0.0.1", "-i mnt-by LIR1-MNT"));
            assertTrue(refused.startsWith(QueryMessages.largeQueriesExceeded(1) + "\n% This query was served by"), refused);
            assertTrue(TestServer.body(query("127.0.0.1", "-r LIR1-MNT")).contains("mntner:         LIR1-MNT"),
                    "bounded lookups are not limited");
            assertTrue(query("127.0.0.2", "-i mnt-by LIR1-MNT").contains("mnt-by:         LIR1-MNT"), "another address is not limited");
            try (Socket trusted = slowReader("127.0.0.3", "-i mnt-by BIG-MNT")) {
                await("a trusted address's first large answer is in progress", () -> listener.largeQueriesInProgress() == 2);
                assertTrue(query("127.0.0.3", "-i mnt-by LIR1-MNT").contains("mnt-by:         LIR1-MNT"), "trusted addresses are exempt");
            }
        }
        await("closed slow readers give their slots back", () -> listener.largeQueriesInProgress() == 0);
        assertTrue(query("127.0.0.1", "-i mnt-by LIR1-MNT").contains("mnt-by:         LIR1-MNT"), "the slot is free again");
    }

    @Test
    void aQuarterOfTheLargeQueriesLookUpAtOnce() throws Exception {
        start(8, 8, 0, null);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                String from = "127.0.0." + i;
                answers.add(clients.submit(() -> query(from, "-r -i mnt-by HELD-MNT")));
            }
            await("two lookups run and two wait for their turn",
                    () -> lookupsInside.get() == 2 && listener.largeLookupsWaiting() == 2);
            assertEquals(2, mostLookupsInside.get(), "lookups at once with whois.large-queries = 8");
            holdLookups.countDown();
            for (Future<String> answer : answers) {
                assertEquals(1_000, answer.get().split("\nroute:", -1).length - 1, "each answer complete");
            }
            assertEquals(2, mostLookupsInside.get());
        } finally {
            holdLookups.countDown();
            clients.shutdownNow();
        }
    }

    @Test
    void largeQueriesOverTheServerLimitAreRefusedWithError208() throws Exception {
        start(4, 1, 0, null);
        try (Socket slow = slowReader("127.0.0.1", "-i mnt-by BIG-MNT")) {
            await("the first large answer is in progress", () -> listener.largeQueriesInProgress() == 1);
            String refused = TestServer.body(query("127.0.0.2", "-i mnt-by LIR1-MNT"));
            assertTrue(refused.startsWith(QueryMessages.largeQueriesBusy() + "\n% This query was served by"), refused);
        }
        await("the closed slow reader gives its slot back", () -> listener.largeQueriesInProgress() == 0);
        assertTrue(query("127.0.0.2", "-i mnt-by LIR1-MNT").contains("mnt-by:         LIR1-MNT"), "the slot is free again");
    }
}
