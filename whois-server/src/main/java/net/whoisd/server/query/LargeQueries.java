package net.whoisd.server.query;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the answers of unbounded lookups (inverse, more specific, names, history) in progress: over
 * all clients, and per client address unless trusted. Each holds a query thread or waits for a slow
 * reader with its state, so their number bounds the memory and threads large answers can take.
 * Their lookups, which get every matching object from the store at once before the answer holds
 * them as ids, run a quarter of that number at a time. Thread-safe.
 */
final class LargeQueries {
    private final int maxInProgress;
    private final int perClient;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byClient = new ConcurrentHashMap<>();
    private final Semaphore lookups;

    /**
     * @param maxInProgress over all clients (0 = unlimited)
     * @param perClient     per client address, trusted addresses exempt (0 = unlimited)
     */
    LargeQueries(int maxInProgress, int perClient) {
        this.maxInProgress = maxInProgress;
        this.perClient = perClient;
        this.lookups = new Semaphore(maxInProgress == 0 ? Integer.MAX_VALUE : Math.max(1, maxInProgress / 4), true);
    }

    /** Runs a large answer's lookup once fewer than the allowed number of others are running theirs. */
    <T> T lookup(Supplier<T> lookup) {
        lookups.acquireUninterruptibly();
        try {
            return lookup.get();
        } finally {
            lookups.release();
        }
    }

    /** Large answers waiting for their turn to look up. */
    int lookupsWaiting() {
        return lookups.getQueueLength();
    }

    int perClient() {
        return perClient;
    }

    /** Answers of unbounded lookups in progress now. */
    int inProgress() {
        return inProgress.get();
    }

    /** A slot for one answer, or null if the server or this client is at its limit (nothing counted then). */
    Slot tryAcquire(InetAddress client, boolean trusted) {
        if (inProgress.incrementAndGet() > maxInProgress && maxInProgress > 0) {
            inProgress.decrementAndGet();
            return null;
        }
        if (trusted || perClient == 0) {
            return new Slot(true, null);
        }
        AtomicInteger mine = byClient.compute(client, (k, n) -> {
            AtomicInteger counter = n == null ? new AtomicInteger() : n;
            counter.incrementAndGet();
            return counter;
        });
        if (mine.get() > perClient) {
            releaseClient(client);
            inProgress.decrementAndGet();
            return null;
        }
        return new Slot(true, client);
    }

    /** A slot that counts nothing: for a bounded lookup sent to the pool only to wait for a commit there. */
    Slot uncounted() {
        return new Slot(false, null);
    }

    private void releaseClient(InetAddress client) {
        byClient.computeIfPresent(client, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** One answer's place; released once however often {@link #release} is called. */
    final class Slot {
        private final InetAddress client;
        private final boolean counted;
        private final AtomicBoolean released;

        private Slot(boolean counted, InetAddress client) {
            this.client = client;
            this.counted = counted;
            this.released = new AtomicBoolean(!counted);
        }

        boolean counted() {
            return counted;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                if (client != null) {
                    releaseClient(client);
                }
                inProgress.decrementAndGet();
            }
        }
    }
}
