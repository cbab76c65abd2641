package net.whoisd.server.acl;

import java.net.InetAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.whoisd.rpsl.IpRange;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.acl.PersonalDataAccount;

/**
 * The query ACL: denied ranges, trusted ranges (exempt from every limit), simultaneous connections
 * per client address, and the daily personal-data allowance (IPv4 per address, IPv6 per /64;
 * counters reset at 00:00 UTC). Thread-safe.
 */
public final class AccessControl implements PersonalDataAccount {
    private final AddressRanges trusted;
    private final AddressRanges denied;
    private final int connectionsPerIp;
    private final long personalPerDay;
    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> personal = new ConcurrentHashMap<>();
    private volatile LocalDate countingDay;

    public AccessControl(AddressRanges trusted, AddressRanges denied, int connectionsPerIp, long personalPerDay, Clock clock) {
        this.trusted = trusted;
        this.denied = denied;
        this.connectionsPerIp = connectionsPerIp;
        this.personalPerDay = personalPerDay;
        this.clock = clock;
        this.countingDay = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    public static AccessControl from(ServerConfig config) {
        return new AccessControl(AddressRanges.parse("acl.trusted", config.aclTrusted()),
                AddressRanges.parse("acl.denied", config.aclDenied()),
                config.aclConnectionsPerIp(), config.aclPersonalObjectsPerDay(), Clock.systemUTC());
    }

    public int connectionsPerIp() {
        return connectionsPerIp;
    }

    /** Trusted addresses are exempt from the connection and personal-data limits (and may proxy). */
    public boolean isTrusted(InetAddress address) {
        return trusted.contains(address);
    }

    /** Denied addresses are refused at connect; a trusted address is never denied. */
    public boolean isDenied(InetAddress address) {
        return !trusted.contains(address) && denied.contains(address);
    }

    /** Counts a new connection; false (and nothing counted) if the address is at its limit. */
    public boolean openConnection(InetAddress address) {
        AtomicInteger n = connections.computeIfAbsent(address.getHostAddress(), k -> new AtomicInteger());
        int now = n.incrementAndGet();
        if (connectionsPerIp > 0 && now > connectionsPerIp && !isTrusted(address)) {
            closeConnection(address);
            return false;
        }
        return true;
    }

    public void closeConnection(InetAddress address) {
        String key = address.getHostAddress();
        connections.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Open connections of an address (for tests and monitoring). */
    public int openConnections(InetAddress address) {
        AtomicInteger n = connections.get(address.getHostAddress());
        return n == null ? 0 : n.get();
    }

    @Override
    public long remaining(String address) {
        InetAddress a = parse(address);
        if (a == null) {
            return 0;
        }
        if (isTrusted(a) || personalPerDay <= 0) {
            return Long.MAX_VALUE;
        }
        rollDay();
        AtomicLong used = personal.get(accountKey(a));
        return Math.max(0, personalPerDay - (used == null ? 0 : used.get()));
    }

    @Override
    public void charge(String address, int count) {
        InetAddress a = parse(address);
        if (a == null || count <= 0 || isTrusted(a)) {
            return;
        }
        rollDay();
        personal.computeIfAbsent(accountKey(a), k -> new AtomicLong()).addAndGet(count);
    }

    private void rollDay() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(countingDay)) {
            synchronized (this) {
                if (!today.equals(countingDay)) {
                    personal.clear();
                    countingDay = today;
                }
            }
        }
    }

    /** IPv4 clients are accounted per address, IPv6 clients per /64. */
    static String accountKey(InetAddress address) {
        IpRange r = AddressRanges.toRange(address);
        if (!r.ipv6()) {
            return r.startAddress();
        }
        return IpRange.prefix(true, r.startHi(), r.startLo(), 64).toPrefixString();
    }

    private static InetAddress parse(String address) {
        if (IpRange.parse(address).filter(IpRange::isSingleAddress).isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
