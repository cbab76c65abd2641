package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.store.MapStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM commits transactions in a loop and is killed with SIGKILL;
 * after every kill the database must open with every acknowledged transaction and no part of an
 * unacknowledged one beyond whole transactions, with index and history consistent.
 */
class KillRecoveryTest {
    private static final int ROUNDS = Integer.getInteger("whoisd.kill.rounds", 100);

    @TempDir
    Path dir;

    @Test
    @Tag("slow") // starts and SIGKILLs 100 writer JVMs
    void everyAcknowledgedCommitSurvivesSigkillAndNoCommitIsHalfThere() throws Exception {
        Random random = new Random(20261122L);
        long acknowledged = 0;
        int unacknowledgedButDurable = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process p = new ProcessBuilder(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), KillWriter.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            AtomicLong lastAck = new AtomicLong(-1);
            AtomicLong acks = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        String[] parts = line.split(" ");
                        lastAck.set(Long.parseLong(parts[1]));
                        if (parts[0].equals("ACK")) {
                            acks.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    // the pipe breaks when the process is killed
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // kill while commits stream: after the first acknowledgement, at a random moment
            while (acks.get() == 0 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(2);
            }
            assertTrue(acks.get() > 0, "writer did not commit in round " + round);
            Thread.sleep(random.nextInt(250));
            // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the
            // pipe and drop acknowledgements the writer printed but the reader had not yet read
            p.toHandle().destroyForcibly();
            p.waitFor();
            reader.join();
            acknowledged = Math.max(acknowledged, lastAck.get());
            if (check(acknowledged, round) > acknowledged) {
                unacknowledgedButDurable++;
                acknowledged++;
            }
        }
        System.out.println(ROUNDS + " kill rounds, " + acknowledged + " transactions; in " + unacknowledgedButDurable
                + " rounds the kill fell between the journal write and the acknowledgement");
    }

    @Test
    void acknowledgedCommitsTheStoreNeverCheckpointedAreReplayedFromTheJournal() throws Exception {
        int commits = 40;
        Process p = new ProcessBuilder(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dwhoisd.store.checkpoint-ms=3600000", "-cp", System.getProperty("java.class.path"),
                KillWriter.class.getName(), dir.toString(), Integer.toString(commits), "halt")
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "writer did not finish");
        assertEquals(0, p.exitValue());
        long journalSerial;
        try (Journal journal = Journal.open(dir.resolve("journal"))) {
            journalSerial = journal.lastSerial();
        }
        MapStore.Opened onDisk = MapStore.openChecked(dir, 60);
        try {
            assertEquals(0, onDisk.store().lastSerial(), "the store was never checkpointed after its creation");
        } finally {
            onDisk.store().close();
        }
        assertTrue(journalSerial > 0);
        assertEquals(commits, check(commits, 0));
    }

    /** Checks the reopened database; returns the last transaction it holds. */
    private long check(long acknowledged, int round) {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            long n = db.get(ObjectType.MNTNER, "COUNTER-MNT").map(o -> Long.parseLong(o.object().value("descr"))).orElse(0L);
            String where = "round " + round + ", acknowledged " + acknowledged + ", counter " + n;
            assertTrue(n >= acknowledged && n <= acknowledged + 1, where);
            // transactions n-4..n are live in full, n+1 not at all, n-5 deleted in full
            for (long t = Math.max(1, n - 5); t <= n + 1; t++) {
                boolean live = t > n - 5 && t <= n;
                for (int i = 1; i <= 3; i++) {
                    assertEquals(live, db.get(ObjectType.PERSON, KillWriter.nic(t, i)).isPresent(), where + ", person " + KillWriter.nic(t, i));
                }
            }
            long live = Math.min(n, 5) * 3 + (n > 0 ? 1 : 0);
            assertEquals(live, db.size(), where);
            List<StoredObject> indexed = db.inverse("mnt-by", "KILL-MNT", EnumSet.of(ObjectType.PERSON));
            assertEquals(Math.min(n, 5) * 3, indexed.size(), where + ": index");
            if (n > 0) {
                assertEquals(n == 1 ? 1 : n, db.history(ObjectType.MNTNER, "COUNTER-MNT").size(), where + ": history");
                assertEquals(n * 3 + (n > 5 ? (n - 5) * 3 : 0) + n, db.currentSerial(), where + ": serial");
            }
            return n;
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
