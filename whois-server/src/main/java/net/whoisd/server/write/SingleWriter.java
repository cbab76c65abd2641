package net.whoisd.server.write;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that changes the database. Every door hands its work here: the update engine its
 * batches of messages, the registry operations their plans; a commit made anywhere else is refused
 * by {@link WriterOnlyDatabase}. Tasks run one at a time in the order they were handed in, so two
 * changes of the same object from different doors never interleave.
 *
 * <p>The thread runs at the lowest priority: update work waits behind the whois queries.
 */
public final class SingleWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SingleWriter.class);
    private static final long CLOSE_WAIT_MS = 30_000;

    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    private record Task<T>(Callable<T> work, CompletableFuture<T> done) {
        void run() {
            try {
                done.complete(work.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }
    }

    public SingleWriter(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Whether the calling thread is this writer's. */
    public boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Queues the work; the future completes with its result once it has run. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the writer is closed"));
            return done;
        }
        queue.add(new Task<>(work, done));
        if (closed && !thread.isAlive()) {
            failQueued(); // queued after the writer's last look at the queue
        }
        return done;
    }

    /**
     * Runs the work on the writer and waits for it; its exceptions reach the caller as they were
     * thrown. Called on the writer itself, the work runs at once (a task may call another door).
     */
    public <T> T call(Callable<T> work) {
        if (isWriterThread()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        CompletableFuture<T> done = submit(work);
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the writer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private void loop() {
        while (true) {
            try {
                queue.take().run();
            } catch (InterruptedException e) {
                // a close that waited too long: what is left is refused below
            }
            if (closed && queue.isEmpty()) {
                break;
            }
        }
        failQueued();
    }

    private void failQueued() {
        for (Task<?> t; (t = queue.poll()) != null; ) {
            t.done().completeExceptionally(new IllegalStateException("the writer is closed"));
        }
    }

    /** Runs what was handed in before the close, then stops; work handed in afterwards is refused. */
    @Override
    public void close() {
        closed = true;
        queue.add(new Task<>(() -> null, new CompletableFuture<>())); // wakes the writer if it waits for work
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("the writer still runs {} s after the close; its queued work is refused", CLOSE_WAIT_MS / 1000);
            thread.interrupt();
        }
        failQueued();
    }
}
