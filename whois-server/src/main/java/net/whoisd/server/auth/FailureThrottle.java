package net.whoisd.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down clients that keep failing authentication: after {@link #FREE_FAILURES} failures
 * within {@link #WINDOW}, each further request from that client waits, doubling per failure up to
 * {@link #MAX_DELAY}. A success clears the record. Password guessing over HTTP thus gets a few
 * tries a minute instead of thousands.
 */
public final class FailureThrottle {
    public static final int FREE_FAILURES = 3;
    public static final Duration WINDOW = Duration.ofMinutes(10);
    public static final Duration MAX_DELAY = Duration.ofSeconds(10);
    private static final Duration BASE_DELAY = Duration.ofMillis(250);
    private static final int MAX_CLIENTS = 100_000;

    private record Record(int failures, long lastMillis) {
    }

    private final Map<String, Record> clients = new ConcurrentHashMap<>();
    private final Clock clock;

    public FailureThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this client's next request should wait. */
    public Duration delayFor(String client) {
        Record r = clients.get(client);
        if (r == null || expired(r)) {
            return Duration.ZERO;
        }
        int over = r.failures() - FREE_FAILURES;
        if (over < 0) {
            return Duration.ZERO;
        }
        long millis = BASE_DELAY.toMillis() << Math.min(over, 10);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    public void failed(String client) {
        if (clients.size() > MAX_CLIENTS) {
            prune();
        }
        long now = clock.millis();
        clients.merge(client, new Record(1, now),
                (old, one) -> expired(old) ? one : new Record(old.failures() + 1, now));
    }

    public void succeeded(String client) {
        clients.remove(client);
    }

    private boolean expired(Record r) {
        return clock.millis() - r.lastMillis() > WINDOW.toMillis();
    }

    private void prune() {
        for (Iterator<Record> it = clients.values().iterator(); it.hasNext(); ) {
            if (expired(it.next())) {
                it.remove();
            }
        }
    }
}
