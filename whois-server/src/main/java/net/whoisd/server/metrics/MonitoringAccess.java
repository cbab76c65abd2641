package net.whoisd.server.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.whoisd.server.acl.AddressRanges;
import net.whoisd.server.config.ServerConfig;

/**
 * Who may read {@code /metrics} and {@code /health}: the {@code acl.trusted} ranges, plus the
 * loopback addresses unless {@code monitoring.loopback = denied} (a scraper on the same host, or
 * the service manager's own checks, need no configuration).
 */
public final class MonitoringAccess {
    private final AddressRanges trusted;
    private final boolean loopback;

    public MonitoringAccess(AddressRanges trusted, boolean loopback) {
        this.trusted = trusted;
        this.loopback = loopback;
    }

    public static MonitoringAccess from(ServerConfig config) {
        return new MonitoringAccess(AddressRanges.parse("acl.trusted", config.aclTrusted()), config.monitoringFromLoopback());
    }

    /** @param clientAddress an IP address literal (never resolved through DNS) */
    public boolean allows(String clientAddress) {
        InetAddress address;
        try {
            address = InetAddress.getByName(clientAddress);
        } catch (UnknownHostException e) {
            return false;
        }
        return loopback && address.isLoopbackAddress() || trusted.contains(address);
    }
}
