package net.whoisd.server.mail;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through the {@link MailSpool}, one message at a time, oldest first, on its own thread.
 *
 * <p>A message leaves the spool only after its handler returned; if the handler throws, the
 * message is moved to {@code failed/} and the worker goes on with the next. On start it handles
 * whatever an earlier run left behind. It wakes when told a message arrived and also looks at the
 * spool every few seconds, so nothing waits for ever if a wake-up is missed.
 */
public final class SpoolWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpoolWorker.class);
    private static final long RESCAN_MILLIS = 5_000;

    /** What is done with each message. */
    @FunctionalInterface
    public interface Handler {
        /** Handles one message; returning (normally) removes it from the spool. */
        void handle(String spoolName, byte[] message) throws Exception;

        /** Called when the spool has been worked through (a moment to make deferred writes durable). */
        default void idle() throws Exception {
        }
    }

    private final MailSpool spool;
    private final Handler handler;
    private final Semaphore work = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    public SpoolWorker(MailSpool spool, Handler handler) {
        this.spool = spool;
        this.handler = handler;
        this.thread = new Thread(this::run, "mail-worker");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Tells the worker a message was stored. */
    public void wake() {
        work.release();
    }

    private void run() {
        while (running) {
            try {
                drain();
                idle();
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

    private void drain() throws IOException {
        for (SpoolEntry entry : spool.pending()) {
            if (!running) {
                return;
            }
            handleOne(entry);
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

    /** Stops after the message being handled (if any); messages not yet handled stay in the spool. */
    @Override
    public void close() {
        running = false;
        work.release();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
