package net.whoisd.server.mail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through the {@link MailSpool} oldest first, several messages at a time.
 *
 * <p>A dispatcher thread lists the spool and hands each message to the lane of its sender
 * ({@link MailSpool#senderKey}); each lane is worked through in order of receipt by one of
 * {@code threads} pool threads, so two messages from the same sender (a creation and its
 * correction) are applied in the order they were received, while messages from different senders
 * are handled at the same time and share the update engine's group commit.
 *
 * <p>A message leaves the spool only after its handler returned; if the handler throws, the
 * message is moved to {@code failed/} and its lane goes on with the next. On start it handles
 * whatever an earlier run left behind. It wakes when told a message arrived and also looks at the
 * spool every few seconds, so nothing waits for ever if a wake-up is missed.
 */
public final class SpoolWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpoolWorker.class);
    private static final long RESCAN_MILLIS = 5_000;
    /** Messages handed to lanes per worker thread before the dispatcher waits (bounds memory with a long backlog). */
    private static final int QUEUED_PER_THREAD = 16;
    private static final long EXPIRY_INTERVAL_NANOS = TimeUnit.HOURS.toNanos(1);

    /** What is done with each message. Called from several threads at once, never twice at once for one sender. */
    @FunctionalInterface
    public interface Handler {
        /** Handles one message; returning (normally) removes it from the spool. */
        void handle(String spoolName, byte[] message) throws Exception;

        /**
         * Called when the spool has been worked through and no message is in hand (a moment to make
         * deferred writes durable; nothing is being handled until it returns).
         */
        default void idle() throws Exception {
        }
    }

    /**
     * Threads by default. They mostly wait for the update engine's commit, and the more mails reach
     * the writer together the more share one fsync: on 2 cores 16 handled 1.6-2x the mails of 4 or 8
     * (and 32 no more than 16).
     */
    public static int defaultThreads() {
        return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    }

    private final MailSpool spool;
    private final Handler handler;
    private final int threads;
    private final int maxQueued;
    private final Semaphore work = new Semaphore(0);
    private final Thread dispatcher;
    private final ExecutorService pool;
    private final Object lock = new Object();
    /** Spool names handed to a lane and not yet finished; guarded by {@link #lock}. */
    private final Set<String> queued = new HashSet<>();
    /** Senders with a lane at work, and what waits in it; guarded by {@link #lock}. */
    private final Map<String, ArrayDeque<SpoolEntry>> lanes = new HashMap<>();
    private volatile boolean running = true;
    private final Duration failedRetention;
    private long failedExpiredAt = System.nanoTime() - EXPIRY_INTERVAL_NANOS;

    /** A worker with {@link #defaultThreads()} threads. */
    public SpoolWorker(MailSpool spool, Handler handler) {
        this(spool, handler, defaultThreads());
    }

    public SpoolWorker(MailSpool spool, Handler handler, int threads) {
        this(spool, handler, threads, null);
    }

    /**
     * @param failedRetention how long messages stay in {@code failed/} (looked at hourly), or null to keep them
     */
    public SpoolWorker(MailSpool spool, Handler handler, int threads, Duration failedRetention) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        this.spool = spool;
        this.handler = handler;
        this.threads = threads;
        this.maxQueued = QUEUED_PER_THREAD * threads;
        this.failedRetention = failedRetention;
        this.dispatcher = new Thread(this::run, "mail-dispatcher");
        this.dispatcher.setDaemon(true);
        this.dispatcher.setPriority(Thread.MIN_PRIORITY); // update work, behind the whois queries (docs/updates.md)
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mail-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    public void start() {
        dispatcher.start();
    }

    public int threads() {
        return threads;
    }

    /** Tells the worker a message was stored. */
    public void wake() {
        work.release();
    }

    private void run() {
        while (running) {
            try {
                expireFailedIfDue();
                if (dispatch()) {
                    idle();
                }
                work.tryAcquire(RESCAN_MILLIS, TimeUnit.MILLISECONDS);
                work.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.error("mail spool could not be read; retrying in {} ms", RESCAN_MILLIS, e);
                sleepQuietly();
            }
        }
    }

    /**
     * Hands every message not yet handed out to its sender's lane, oldest first, up to the bound.
     *
     * @return whether the spool has been worked through (nothing listed, nothing in hand)
     */
    private boolean dispatch() throws IOException {
        for (SpoolEntry entry : spool.pending()) {
            if (!running) {
                return false;
            }
            synchronized (lock) {
                if (queued.contains(entry.name())) {
                    continue;
                }
                if (queued.size() >= maxQueued) {
                    return false; // the lanes wake the dispatcher when they have room again
                }
            }
            String sender;
            try {
                sender = spool.senderKey(entry);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue;
            }
            synchronized (lock) {
                queued.add(entry.name());
                ArrayDeque<SpoolEntry> lane = lanes.get(sender);
                if (lane != null) {
                    lane.add(entry); // its thread takes it after the sender's earlier messages
                    continue;
                }
                lane = new ArrayDeque<>();
                lane.add(entry);
                lanes.put(sender, lane);
            }
            pool.execute(() -> workLane(sender));
        }
        synchronized (lock) {
            return queued.isEmpty();
        }
    }

    /** Works through one sender's lane until it is empty. */
    private void workLane(String sender) {
        while (true) {
            SpoolEntry entry;
            synchronized (lock) {
                ArrayDeque<SpoolEntry> lane = lanes.get(sender);
                entry = running ? lane.poll() : null;
                if (entry == null) {
                    lanes.remove(sender);
                    lane.forEach(e -> queued.remove(e.name())); // stopped: left in the spool for the next run
                    return;
                }
            }
            try {
                handleOne(entry);
            } catch (IOException | RuntimeException e) {
                log.error("mail {} could not be removed from the spool; it will be looked at again", entry.name(), e);
            } finally {
                boolean wake;
                synchronized (lock) {
                    queued.remove(entry.name());
                    wake = queued.isEmpty() || queued.size() == maxQueued / 2;
                }
                if (wake) {
                    work.release();
                }
            }
        }
    }

    private void expireFailedIfDue() throws IOException {
        if (failedRetention != null && System.nanoTime() - failedExpiredAt >= EXPIRY_INTERVAL_NANOS) {
            failedExpiredAt = System.nanoTime();
            spool.expireFailed(failedRetention);
        }
    }

    private void idle() {
        try {
            handler.idle();
        } catch (Exception e) {
            log.error("mail worker: finishing deferred work failed", e);
        }
    }

    private void handleOne(SpoolEntry entry) throws IOException {
        byte[] message;
        try {
            message = spool.read(entry);
        } catch (java.nio.file.NoSuchFileException gone) {
            return;
        }
        try {
            handler.handle(entry.name(), message);
        } catch (Exception | LinkageError e) {
            if (!running) {
                log.warn("mail {} was interrupted by shutdown and stays in the spool: {}", entry.name(), e.toString());
                return;
            }
            log.error("mail {} could not be handled and was moved to {}", entry.name(), spool.quarantine(entry), e);
            return;
        }
        spool.remove(entry);
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(RESCAN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the messages being handled (if any); messages not yet handled stay in the spool. */
    @Override
    public void close() {
        running = false;
        work.release();
        try {
            dispatcher.join(30_000);
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("mail workers still busy after 30 s; their messages stay in the spool");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
