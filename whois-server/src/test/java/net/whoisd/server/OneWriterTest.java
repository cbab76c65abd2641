package net.whoisd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.sample.SyntheticDatabase;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every door commits through the one writer: update messages and a registry operation racing each
 * other are committed on the same thread, one commit at a time.
 */
class OneWriterTest {
    @TempDir
    Path dir;

    /** Records which threads commit and how many commits ever overlap. */
    private static final class CommitRecorder extends ForwardingDatabase {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();

        CommitRecorder(PersistentDatabase real) {
            super(real);
        }

        @Override
        public CommitResult commit(List<Change> changes, Runnable precondition) {
            threads.add(Thread.currentThread().getName());
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.onSpinWait(); // a window for an overlapping commit to show
                return real.commit(changes, precondition);
            } finally {
                inFlight.decrementAndGet();
                commits.incrementAndGet();
            }
        }
    }

    @Test
    void updatesAndARegistryOperationCommitOnTheSingleWriterOneAtATime() throws Exception {
        PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST");
        List<Change> load = new ArrayList<>();
        new SyntheticDatabase(7, "TEST").write(60, (type, text) -> load.add(Change.create(RpslObject.parse(text))));
        db.commit(load);
        CommitRecorder recorder = new CommitRecorder(db);
        Properties p = new Properties();
        p.setProperty("whois.port", "0");
        p.setProperty("http.port", String.valueOf(freePort()));
        p.setProperty("smtp.port", "0");
        p.setProperty("override.users", "hostmaster:" + BCrypt.withDefaults().hashToString(4, "pw".toCharArray()));
        p.setProperty("mail.outbox", dir.resolve("outbox").toString());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (WhoisServer server = new WhoisServer(ServerConfig.fromProperties(p), recorder).start()) {
            String base = "http://127.0.0.1:" + server.httpPort();
            List<Future<String>> updates = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String data = "person:         Racing Person " + i + "\naddress:        Street 1\ne-mail:         r" + i
                        + "@example.net\nnic-hdl:        AUTO-1\nmnt-by:         LIR2-MNT\nsource:         TEST\n\npassword: synthetic-secret\n";
                updates.add(clients.submit(() -> client.send(HttpRequest.newBuilder(URI.create(base + "/syncupdates"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("DATA=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()));
            }
            HttpResponse<String> closure = client.send(HttpRequest.newBuilder(URI.create(base + "/registry/lir-closure/start"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("hostmaster:pw".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("mntner=LIR1-MNT")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, closure.statusCode(), closure.body());
            assertTrue(closure.body().startsWith("Committed "), closure.body());
            for (Future<String> u : updates) {
                assertTrue(u.get().contains("Create SUCCEEDED: [person]"), u.get());
            }
        } finally {
            clients.shutdownNow();
            db.close();
        }
        assertTrue(recorder.commits.get() >= 2, "commits seen: " + recorder.commits.get());
        assertEquals(Set.of("writer"), recorder.threads, "threads that committed");
        assertEquals(1, recorder.mostInFlight.get(), "commits that overlapped");
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
