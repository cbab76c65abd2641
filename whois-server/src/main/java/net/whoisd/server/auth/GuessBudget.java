package net.whoisd.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Bounds password guessing: every failed password (or override) check costs one guess from the
 * client's budget and one from the budget of the account it was checked against (a maintainer, an
 * irt, an override user). A budget holds {@code perClient} (or {@code perAccount}) guesses and
 * fills up again evenly over {@code window}; when either budget of a check is empty the check is
 * refused without being made. Nothing ever waits: a refusal is an answer.
 *
 * <p>A guess is charged <em>before</em> the password is hashed ({@link #tryCharge}) and given back
 * if it matched ({@link #refund}), so any number of parallel requests together get no more than the
 * budget. A success gives back only its own charge; it never resets a budget.
 */
public final class GuessBudget {
    /**
     * @param perClient  failed guesses one client may make per window (its budget's size)
     * @param perAccount failed guesses against one account per window, from all clients together
     * @param window     the time in which an empty budget fills up again
     */
    public record Limits(int perClient, int perAccount, Duration window) {
        public static final int MAX_SIZE = 1_000_000;
        public static final Duration MAX_WINDOW = Duration.ofDays(7);
        public static final Limits DEFAULT = new Limits(10, 30, Duration.ofMinutes(10));

        public Limits {
            if (perClient < 1 || perAccount < 1 || perClient > MAX_SIZE || perAccount > MAX_SIZE) {
                throw new IllegalArgumentException("guess budgets must be between 1 and " + MAX_SIZE + ": "
                        + perClient + ", " + perAccount);
            }
            if (window.toMillis() < 1 || window.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("the guess window must be positive and at most " + MAX_WINDOW
                        + ": " + window);
            }
        }
    }

    /** Buckets kept before full ones are dropped (a full bucket is the same as none). */
    private static final int PRUNE_ABOVE = 100_000;

    /**
     * A budget, kept as the time at which it is full again. Times are milliseconds multiplied by the
     * budget's size, so that one guess is exactly {@code window} of them and no rounding creeps in.
     */
    private static final class Bucket {
        long fullAt;
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Bucket> clients = new HashMap<>();
    private final Map<String, Bucket> accounts = new HashMap<>();
    private int pruneAt = PRUNE_ABOVE;

    public GuessBudget(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * The budget key of a client address: an IPv6 address stands for its /64, which one subscriber
     * usually holds whole; anything else (IPv4, a mail sender) is its own key.
     */
    public static String clientKey(String address) {
        if (address == null || address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no name look-up
            if (bytes.length != 16) {
                return address;
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** The account guesses at an override user's password are charged to, whichever door they come through. */
    public static String overrideAccount(String user) {
        return "override user " + user.trim();
    }

    public Limits limits() {
        return limits;
    }

    /** True if the client or the account has no guess left (a check now would be refused). */
    public synchronized boolean exhausted(String client, String account) {
        long now = clock.millis();
        return !hasGuess(clients.get(client), limits.perClient(), now)
                || !hasGuess(accounts.get(account), limits.perAccount(), now);
    }

    /** Takes one guess from both budgets; false (and nothing taken) if either is empty. */
    public synchronized boolean tryCharge(String client, String account) {
        long now = clock.millis();
        if (exhausted(client, account)) {
            return false;
        }
        take(clients.computeIfAbsent(client, k -> new Bucket()), limits.perClient(), now);
        take(accounts.computeIfAbsent(account, k -> new Bucket()), limits.perAccount(), now);
        if (clients.size() + accounts.size() > pruneAt) {
            prune(now);
        }
        return true;
    }

    /** Gives back a guess taken by {@link #tryCharge} for a check that matched. */
    public synchronized void refund(String client, String account) {
        long now = clock.millis();
        give(clients.get(client), limits.perClient(), now);
        give(accounts.get(account), limits.perAccount(), now);
    }

    /** How long until both budgets hold a guess again. */
    public synchronized Duration retryAfter(String client, String account) {
        long now = clock.millis();
        return Duration.ofMillis(Math.max(wait(clients.get(client), limits.perClient(), now),
                wait(accounts.get(account), limits.perAccount(), now)));
    }

    private boolean hasGuess(Bucket b, int size, long now) {
        return wait(b, size, now) == 0;
    }

    /** Milliseconds until the bucket holds a guess. */
    private long wait(Bucket b, int size, long now) {
        if (b == null) {
            return 0;
        }
        long window = limits.window().toMillis();
        long over = b.fullAt - now * size + window - window * size; // scaled time beyond a budget with one guess left
        return over <= 0 ? 0 : (over + size - 1) / size;
    }

    private void take(Bucket b, int size, long now) {
        b.fullAt = Math.max(b.fullAt, now * size) + limits.window().toMillis();
    }

    private void give(Bucket b, int size, long now) {
        if (b != null) {
            b.fullAt = Math.max(now * size, b.fullAt - limits.window().toMillis());
        }
    }

    /** Drops full buckets; pruning again only after the maps have doubled keeps it cheap under a flood of clients. */
    private void prune(long now) {
        clients.values().removeIf(b -> b.fullAt <= now * limits.perClient());
        accounts.values().removeIf(b -> b.fullAt <= now * limits.perAccount());
        pruneAt = Math.max(PRUNE_ABOVE, 2 * (clients.size() + accounts.size()));
    }
}
