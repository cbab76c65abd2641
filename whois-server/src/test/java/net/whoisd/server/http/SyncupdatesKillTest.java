package net.whoisd.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.server.Fixtures;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.StoredObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in a child JVM is killed with SIGKILL while clients stream updates at it. After
 * reopening the data directory every acknowledged update must be there, and every maintainer and
 * person pair (one atomic group commit) must be there completely or not at all.
 */
@Tag("slow")
class SyncupdatesKillTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedUpdateSurvivesKill9() throws Exception {
        try (SyncupdatesHarness seeded = new SyncupdatesHarness(dir)) {
            seeded.seedStandard();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SyncupdatesChild.class.getName(), dir.toString())
                .redirectError(dir.resolve("child.log").toFile())
                .start();
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<Integer> pairsSent = Collections.synchronizedList(new ArrayList<>());
        try {
            int port = readPort(child);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            AtomicInteger counter = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread w = new Thread(() -> stream(client, port, counter, acknowledged, pairsSent));
                w.start();
                writers.add(w);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(37);
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            for (Thread w : writers) {
                w.join(30_000);
            }
        } finally {
            child.destroyForcibly();
        }
        assertTrue(acknowledged.size() >= 40, "updates were acknowledged before the kill: " + acknowledged.size());
        try (PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST")) {
            for (String key : new ArrayList<>(acknowledged)) {
                ObjectType type = key.endsWith("-MNT") ? ObjectType.MNTNER : ObjectType.PERSON;
                StoredObject o = db.get(type, key).orElse(null);
                assertNotNull(o, "acknowledged but lost: " + key);
                assertNotNull(o.object().value("last-modified"), key);
            }
            for (int n : new ArrayList<>(pairsSent)) {
                boolean mntner = db.get(ObjectType.MNTNER, "PAIR" + n + "-MNT").isPresent();
                long persons = db.inverse("mnt-by", "PAIR" + n + "-MNT", EnumSet.of(ObjectType.PERSON)).size();
                assertEquals(mntner ? 1 : 0, persons, "pair " + n + " was applied half");
            }
        }
    }

    private static int readPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("the child server did not start");
    }

    /** Sends single creates and, every fifth message, a new maintainer with its person, until the server dies. */
    private static void stream(HttpClient client, int port, AtomicInteger counter, List<String> acknowledged,
                               List<Integer> pairsSent) {
        while (true) {
            int n = counter.incrementAndGet();
            boolean pair = n % 5 == 0;
            String data;
            if (pair) {
                pairsSent.add(n);
                data = """
                        person:         Pair Person
                        e-mail:         pair@example.net
                        nic-hdl:        AUTO-1
                        mnt-by:         PAIR%1$d-MNT
                        source:         TEST

                        mntner:         PAIR%1$d-MNT
                        admin-c:        AUTO-1
                        upd-to:         pair@example.net
                        auth:           %2$s
                        mnt-by:         PAIR%1$d-MNT
                        source:         TEST

                        password: pair-pw
                        """.formatted(n, PAIR_HASH);
            } else {
                data = Fixtures.person("Stream Person", "SP" + n + "-TEST", "OWNER-MNT") + "password: owner-pw\n";
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/syncupdates"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("DATA=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                for (String line : r.body().split("\n")) {
                    if (line.startsWith("Create SUCCEEDED: [person] ")) {
                        acknowledged.add(line.substring("Create SUCCEEDED: [person] ".length()).split(" ")[0]);
                    } else if (line.startsWith("Create SUCCEEDED: [mntner] ")) {
                        acknowledged.add(line.substring("Create SUCCEEDED: [mntner] ".length()).trim());
                    }
                }
            } catch (Exception e) {
                return; // the server was killed
            }
        }
    }

    private static final String PAIR_HASH = Fixtures.hash("pair-pw");
}
