package net.whoisd.server.acl;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections open at once on one listener: over all clients, and per client address (trusted
 * addresses exempt from the latter), so that no client, and no one listener, can take every file
 * descriptor the process has. Thread-safe.
 */
public final class ConnectionLimits {
    /** What {@link #admit} decided. */
    public enum Admission { ADMITTED, OVER_ADDRESS_LIMIT, OVER_TOTAL_LIMIT }

    private final int perAddress;
    private final int total;
    private final AddressRanges trusted;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    /**
     * @param perAddress connections per client address, 0 = unlimited
     * @param total      connections over all clients, 0 = unlimited
     * @param trusted    addresses exempt from the per-address limit
     */
    public ConnectionLimits(int perAddress, int total, AddressRanges trusted) {
        this.perAddress = perAddress;
        this.total = total;
        this.trusted = trusted;
    }

    public int perAddress() {
        return perAddress;
    }

    public int total() {
        return total;
    }

    /** Counts a new connection if it is within the limits; one refused is not counted. */
    public Admission admit(InetAddress address) {
        if (open.incrementAndGet() > total && total > 0) {
            open.decrementAndGet();
            return Admission.OVER_TOTAL_LIMIT;
        }
        AtomicInteger mine = byAddress.compute(address, (k, n) -> {
            AtomicInteger counter = n == null ? new AtomicInteger() : n;
            counter.incrementAndGet();
            return counter;
        });
        if (perAddress > 0 && mine.get() > perAddress && !trusted.contains(address)) {
            release(address);
            return Admission.OVER_ADDRESS_LIMIT;
        }
        return Admission.ADMITTED;
    }

    /** Forgets an admitted connection. */
    public void release(InetAddress address) {
        byAddress.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        open.decrementAndGet();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }
}
