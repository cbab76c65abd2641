package net.whoisd.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import net.whoisd.rpsl.IpRange;
import net.whoisd.server.auth.GuessBudget;

/**
 * The server's configuration: the keys of README.md's Configuration table with their defaults.
 * Immutable; built from a properties file plus command-line overrides.
 */
public record ServerConfig(
        String source,
        Path dataDir,
        String bindAddress,
        int whoisPort,
        int httpPort,
        int smtpPort,
        int nrtmPort,
        String registryMntner,
        String endUserMntner,
        Map<String, String> overrideUsers,
        String mailRelay,
        Path mailOutbox,
        String mailFrom,
        List<String> aclTrusted,
        List<String> aclDenied,
        int aclConnectionsPerIp,
        int aclPersonalObjectsPerDay,
        boolean md5PasswordsEnabled,
        boolean abuseContactRequired,
        String reverseSecondary,
        List<IpRange> registryFreePool,
        int smtpMaxMessageSize,
        GuessBudget.Limits guessLimits,
        int httpConnectionsPerIp,
        int httpMaxConnections,
        int httpRequestTimeoutSeconds,
        int smtpConnectionsPerIp,
        int smtpMaxConnections,
        int whoisLargeQueries,
        int aclLargeQueriesPerIp,
        boolean monitoringFromLoopback,
        int mailFailedRetentionDays) {

    public static final String DEFAULT_SOURCE = "TEST";
    /** Default of {@code smtp.max-message-size}: well above any ordinary update, far below a flood. */
    public static final int DEFAULT_SMTP_MAX_MESSAGE_SIZE = 10 * 1024 * 1024;
    /** Default of {@code mail.failed-retention-days}: how long mails that could not be handled are kept. */
    public static final int DEFAULT_MAIL_FAILED_RETENTION_DAYS = 30;

    public ServerConfig {
        if (httpRequestTimeoutSeconds < 1) {
            throw new IllegalArgumentException("configuration key http.request-timeout must be at least 1 (seconds): "
                    + httpRequestTimeoutSeconds);
        }
        overrideUsers = Collections.unmodifiableMap(new LinkedHashMap<>(overrideUsers));
        aclTrusted = List.copyOf(aclTrusted);
        aclDenied = List.copyOf(aclDenied);
        registryFreePool = List.copyOf(registryFreePool);
    }

    /** Every key at its default. */
    public static ServerConfig defaults() {
        return fromProperties(new Properties());
    }

    /** Reads a Java properties file (UTF-8); keys not given take their defaults. */
    public static ServerConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return fromProperties(p);
    }

    public static ServerConfig fromProperties(Properties p) {
        return new ServerConfig(
                p.getProperty("source", DEFAULT_SOURCE).trim().toUpperCase(Locale.ROOT),
                Path.of(p.getProperty("data.dir", "data").trim()),
                p.getProperty("bind.address", "127.0.0.1").trim(),
                intKey(p, "whois.port", 4343),
                intKey(p, "http.port", 8043),
                intKey(p, "smtp.port", 2525),
                intKey(p, "nrtm.port", 4444),
                p.getProperty("registry.mntner", "TEST-NCC-HM-MNT").trim().toUpperCase(Locale.ROOT),
                p.getProperty("registry.end-user-mntner", "TEST-NCC-END-MNT").trim().toUpperCase(Locale.ROOT),
                overrideUsers(p.getProperty("override.users", "")),
                blankToNull(p.getProperty("mail.relay")),
                blankToNull(p.getProperty("mail.outbox")) == null ? null : Path.of(p.getProperty("mail.outbox").trim()),
                p.getProperty("mail.from", "auto-dbm@localhost").trim(),
                list(p.getProperty("acl.trusted", "")),
                list(p.getProperty("acl.denied", "")),
                intKey(p, "acl.connections-per-ip", 3),
                intKey(p, "acl.personal-objects-per-day", 5000),
                enabled(p, "auth.md5-pw", "enabled", "disabled"),
                enabled(p, "policy.abuse-contact", "required", "warn"),
                blankToNull(p.getProperty("registry.reverse-secondary")),
                freePool(p.getProperty("registry.free-pool", "")),
                intKey(p, "smtp.max-message-size", DEFAULT_SMTP_MAX_MESSAGE_SIZE),
                guessLimits(p),
                intKey(p, "http.connections-per-ip", 10),
                intKey(p, "http.max-connections", 1000),
                intKey(p, "http.request-timeout", 60),
                intKey(p, "smtp.connections-per-ip", 5),
                intKey(p, "smtp.max-connections", 100),
                intKey(p, "whois.large-queries", 16),
                intKey(p, "acl.large-queries-per-ip", 2),
                enabled(p, "monitoring.loopback", "allowed", "denied"),
                intKey(p, "mail.failed-retention-days", DEFAULT_MAIL_FAILED_RETENTION_DAYS));
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(source, dir, bindAddress, whoisPort, httpPort, smtpPort, nrtmPort, registryMntner,
                endUserMntner, overrideUsers, mailRelay, mailOutbox, mailFrom, aclTrusted, aclDenied,
                aclConnectionsPerIp, aclPersonalObjectsPerDay, md5PasswordsEnabled, abuseContactRequired,
                reverseSecondary, registryFreePool, smtpMaxMessageSize, guessLimits, httpConnectionsPerIp, httpMaxConnections,
                httpRequestTimeoutSeconds, smtpConnectionsPerIp, smtpMaxConnections, whoisLargeQueries,
                aclLargeQueriesPerIp, monitoringFromLoopback, mailFailedRetentionDays);
    }

    public ServerConfig withPorts(Integer whois, Integer http, Integer smtp, Integer nrtm) {
        return new ServerConfig(source, dataDir, bindAddress, whois != null ? whois : whoisPort,
                http != null ? http : httpPort, smtp != null ? smtp : smtpPort, nrtm != null ? nrtm : nrtmPort,
                registryMntner, endUserMntner, overrideUsers, mailRelay, mailOutbox, mailFrom, aclTrusted,
                aclDenied, aclConnectionsPerIp, aclPersonalObjectsPerDay, md5PasswordsEnabled,
                abuseContactRequired, reverseSecondary, registryFreePool, smtpMaxMessageSize, guessLimits, httpConnectionsPerIp, httpMaxConnections,
                httpRequestTimeoutSeconds, smtpConnectionsPerIp, smtpMaxConnections, whoisLargeQueries,
                aclLargeQueriesPerIp, monitoringFromLoopback, mailFailedRetentionDays);
    }

    private static GuessBudget.Limits guessLimits(Properties p) {
        GuessBudget.Limits defaults = GuessBudget.Limits.DEFAULT;
        int perClient = positiveKey(p, "auth.guesses-per-client", defaults.perClient());
        int perMntner = positiveKey(p, "auth.guesses-per-mntner", defaults.perAccount());
        int minutes = positiveKey(p, "auth.guess-window-minutes", (int) defaults.window().toMinutes());
        try {
            return new GuessBudget.Limits(perClient, perMntner, Duration.ofMinutes(minutes));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration keys auth.guesses-per-client, auth.guesses-per-mntner,"
                    + " auth.guess-window-minutes: " + e.getMessage());
        }
    }

    private static int positiveKey(Properties p, String key, int def) {
        int n = intKey(p, key, def);
        if (n == 0) {
            throw new IllegalArgumentException("configuration key " + key + " must be positive: 0");
        }
        return n;
    }

    private static int intKey(Properties p, String key, int def) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new IllegalArgumentException("configuration key " + key + " must not be negative: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key " + key + " is not a number: " + v);
        }
    }

    private static boolean enabled(Properties p, String key, String yes, String no) {
        String v = p.getProperty(key, yes).trim().toLowerCase(Locale.ROOT);
        if (v.equals(yes)) {
            return true;
        }
        if (v.equals(no)) {
            return false;
        }
        throw new IllegalArgumentException("configuration key " + key + " must be '" + yes + "' or '" + no + "': " + v);
    }

    private static Map<String, String> overrideUsers(String value) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String pair : list(value)) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("override.users entries must be name:bcrypt-hash");
            }
            // hash-password prints an auth: value, "BCRYPT-PW $2b$...": take it as it is printed
            String hash = pair.substring(colon + 1).trim().replaceFirst("(?i)^BCRYPT-PW\\s+", "");
            if (!hash.startsWith("$2")) {
                throw new IllegalArgumentException("override.users entries must be name:bcrypt-hash"
                        + " (the hash as hash-password prints it, with or without BCRYPT-PW): " + pair.substring(0, colon).trim());
            }
            users.put(pair.substring(0, colon).trim(), hash);
        }
        return users;
    }

    /**
     * {@code registry.free-pool}: the IPv4 ranges the waiting list hands out from, comma-separated
     * (prefixes or {@code a - b}); empty means the registry's own ALLOCATED UNSPECIFIED blocks.
     */
    private static List<IpRange> freePool(String value) {
        List<IpRange> pool = new ArrayList<>();
        for (String part : list(value)) {
            IpRange range = IpRange.parse(part).filter(IpRange::isIpv4).orElseThrow(() -> new IllegalArgumentException(
                    "configuration key registry.free-pool: not an IPv4 range or prefix: " + part));
            if (SpecialPurposeSpace.isRoot(range)) {
                throw new IllegalArgumentException("configuration key registry.free-pool: " + part
                        + " is the whole IPv4 space, not the registry's own blocks");
            }
            SpecialPurposeSpace.overlapped(range).ifPresent(reserved -> {
                throw new IllegalArgumentException("configuration key registry.free-pool: " + part
                        + " overlaps special-purpose space " + reserved.toPrefixString() + ", which is never handed out");
            });
            pool.add(range);
        }
        return pool;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
