package net.whoisd.server.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleWriterTest {
    @Test
    void tasksRunOneAfterTheOtherInOrderOnOneThread() throws Exception {
        try (SingleWriter writer = new SingleWriter("w")) {
            List<Integer> order = new ArrayList<>();
            List<String> threads = new ArrayList<>();
            List<CompletableFuture<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                done.add(writer.submit(() -> {
                    order.add(n); // unsynchronised on purpose: a second thread would show as a lost or misplaced entry
                    threads.add(Thread.currentThread().getName());
                    return n;
                }));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(i, done.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals(java.util.stream.IntStream.range(0, 100).boxed().toList(), order);
            assertEquals(List.of("w"), threads.stream().distinct().toList());
        }
    }

    @Test
    void callRethrowsTheTasksExceptionAndRunsInlineOnTheWriter() {
        try (SingleWriter writer = new SingleWriter("w")) {
            IllegalArgumentException thrown = new IllegalArgumentException("refused");
            assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> writer.call(() -> {
                throw thrown;
            })));
            // a task that calls another door runs it at once instead of waiting for itself
            assertEquals("inner", writer.call(() -> writer.call(() -> "inner")));
        }
    }

    @Test
    void closeRunsWhatWasHandedInAndRefusesWhatComesAfter() throws Exception {
        SingleWriter writer = new SingleWriter("w");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = writer.submit(() -> {
            started.countDown();
            release.await();
            return "first";
        });
        CompletableFuture<String> queued = writer.submit(() -> "queued");
        started.await();
        Thread closer = new Thread(writer::close);
        closer.start();
        long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CompletableFuture<String> late;
        do { // once the close has begun, new work is refused
            late = writer.submit(() -> "late");
            if (!late.isCompletedExceptionally()) {
                Thread.sleep(1);
            }
        } while (!late.isCompletedExceptionally() && System.nanoTime() < due);
        release.countDown();
        closer.join(10_000);
        assertEquals("first", first.get());
        assertEquals("queued", queued.get());
        ExecutionException refused = assertThrows(ExecutionException.class, late::get);
        assertTrue(refused.getCause().getMessage().contains("closed"), refused.getCause().getMessage());
    }

    @Test
    void theGuardedDatabaseRefusesCommitsOffTheWriter(@TempDir Path dir) {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST"); SingleWriter writer = new SingleWriter("w")) {
            WriterOnlyDatabase guarded = new WriterOnlyDatabase(db, writer);
            Change change = Change.create(RpslObject.parse("person: A Person\nnic-hdl: AP1-TEST\nsource: TEST\n"));
            StorageException e = assertThrows(StorageException.class, () -> guarded.commit(List.of(change)));
            assertTrue(e.getMessage().contains("single writer"), e.getMessage());
            assertEquals(0, db.currentSerial(), "nothing committed");
            writer.call(() -> guarded.commit(List.of(change)));
            assertEquals(1, db.currentSerial());
        }
    }
}
