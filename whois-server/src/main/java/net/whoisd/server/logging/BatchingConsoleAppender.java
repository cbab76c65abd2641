package net.whoisd.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log lines to standard error from one background thread, many lines per system call.
 *
 * <p>The query listener logs one line per query, tens of thousands a second under load. Logback's
 * {@code AsyncAppender} in front of a {@code ConsoleAppender} woke its thread and made one
 * {@code write} per line; this appender lets the writer linger a millisecond after each batch, so a
 * busy server writes one batch per millisecond and an idle one shows each line within about a
 * millisecond. The logging thread only captures the event (message, thread name, time) and queues
 * it; formatting happens on the writer. Nothing is discarded: a full queue blocks the logger. The
 * current {@link System#err} is looked up for every batch, so a redirected standard error receives
 * the lines. {@link #stop()} writes everything queued before it returns.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final int FLUSH_BYTES = 64 * 1024;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private int maxFlushTime = 5000;
    private BlockingQueue<ILoggingEvent> queue;
    private Thread writer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(FLUSH_BYTES);

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** Milliseconds {@link #stop()} waits for the queue to be written. */
    public void setMaxFlushTime(int maxFlushTime) {
        this.maxFlushTime = maxFlushTime;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder set for the appender named [" + name + "]");
            return;
        }
        if (queueSize < 1) {
            addError("queueSize must be positive, got " + queueSize);
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = new Thread(this::drain, "log-writer-" + name);
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            write(List.of(event));
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writer.interrupt();
        try {
            writer.join(maxFlushTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ILoggingEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        write(rest);
    }

    private void drain() {
        List<ILoggingEvent> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch);
            write(batch);
            batch.clear();
            LockSupport.parkNanos(LINGER_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        queue.drainTo(batch);
        write(batch);
    }

    /** Encodes the events and writes them with as few system calls as the buffer allows. */
    private synchronized void write(List<ILoggingEvent> events) {
        for (ILoggingEvent event : events) {
            try {
                pending.writeBytes(encoder.encode(event));
            } catch (RuntimeException e) {
                addError("could not format a log event", e);
            }
            if (pending.size() >= FLUSH_BYTES) {
                flush();
            }
        }
        flush();
    }

    private void flush() {
        if (pending.size() == 0) {
            return;
        }
        PrintStream err = System.err;
        try {
            pending.writeTo(err);
        } catch (IOException e) {
            addError("could not write to standard error", e);
        }
        err.flush();
        pending.reset();
    }
}
