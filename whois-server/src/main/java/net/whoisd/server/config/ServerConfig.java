package net.whoisd.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import net.whoisd.rpsl.IpRange;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.transport.NettyTransport;
import net.whoisd.storage.disk.StorageOptions;
import net.whoisd.storage.index.LuceneIndex;

/**
 * The server's configuration: a value for every key of {@link ConfigKeys}, parsed and checked
 * ({@link ConfigReader}), with typed accessors for the code that uses it. Immutable.
 */
public final class ServerConfig {
    public static final String DEFAULT_SOURCE = ConfigKeys.SOURCE.defaultText();
    /** Default of {@code smtp.max-message-size}. */
    public static final int DEFAULT_SMTP_MAX_MESSAGE_SIZE = Math.toIntExact(ConfigKeys.SMTP_MAX_MESSAGE_SIZE.defaultValue());

    private final Map<ConfigKey<?>, Object> values;

    private ServerConfig(Map<ConfigKey<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** Every key at its default. */
    public static ServerConfig defaults() {
        return fromProperties(new Properties());
    }

    /** Reads a Java properties file (UTF-8); keys not given take their defaults. System properties are not read. */
    public static ServerConfig load(Path file) throws IOException {
        return load(file, new Properties());
    }

    /**
     * Reads a Java properties file (UTF-8) and the tuning keys given as {@code -Dwhoisd.<key>} in
     * {@code systemProperties}, which override the file's.
     *
     * @param file the file, or null for none
     * @throws ConfigException listing every unknown key and bad value
     */
    public static ServerConfig load(Path file, Properties systemProperties) throws IOException {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return new ServerConfig(ConfigReader.read(file != null ? "configuration " + file : "configuration", p, systemProperties));
    }

    /** The keys of {@code p}; keys not given take their defaults. */
    public static ServerConfig fromProperties(Properties p) {
        return fromProperties(p, new Properties());
    }

    /** The keys of {@code file}, the tuning keys of {@code systemProperties} overriding them. */
    public static ServerConfig fromProperties(Properties file, Properties systemProperties) {
        return new ServerConfig(ConfigReader.read("configuration", file, systemProperties));
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        return (T) values.get(key);
    }

    /** This configuration with one value replaced (a command-line override). */
    public <T> ServerConfig with(ConfigKey<T> key, T value) {
        Map<ConfigKey<?>, Object> changed = new HashMap<>(values);
        changed.put(key, value);
        return new ServerConfig(changed);
    }

    public ServerConfig withDataDir(Path dir) {
        return with(ConfigKeys.DATA_DIR, dir);
    }

    /** This configuration with the given ports; a null keeps the configured one. */
    public ServerConfig withPorts(Integer whois, Integer http, Integer smtp, Integer nrtm) {
        ServerConfig c = this;
        c = whois != null ? c.with(ConfigKeys.WHOIS_PORT, whois) : c;
        c = http != null ? c.with(ConfigKeys.HTTP_PORT, http) : c;
        c = smtp != null ? c.with(ConfigKeys.SMTP_PORT, smtp) : c;
        return nrtm != null ? c.with(ConfigKeys.NRTM_PORT, nrtm) : c;
    }

    /** Every key with its value as text, in the table's order, secrets masked. */
    public Map<String, String> effectiveValues() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            shown.put(key.name(), shown(key));
        }
        return shown;
    }

    /** {@link #effectiveValues} on one line: what the server logs at start. */
    public String effective() {
        return effectiveValues().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private <T> String shown(ConfigKey<T> key) {
        return key.type().show(get(key));
    }

    // ------------------------------------------------------------------ typed accessors

    public String source() {
        return get(ConfigKeys.SOURCE);
    }

    public Path dataDir() {
        return get(ConfigKeys.DATA_DIR);
    }

    public String bindAddress() {
        return get(ConfigKeys.BIND_ADDRESS);
    }

    public int whoisPort() {
        return get(ConfigKeys.WHOIS_PORT);
    }

    public int httpPort() {
        return get(ConfigKeys.HTTP_PORT);
    }

    public int smtpPort() {
        return get(ConfigKeys.SMTP_PORT);
    }

    public int nrtmPort() {
        return get(ConfigKeys.NRTM_PORT);
    }

    public String registryMntner() {
        return get(ConfigKeys.REGISTRY_MNTNER);
    }

    public String endUserMntner() {
        return get(ConfigKeys.END_USER_MNTNER);
    }

    public Map<String, String> overrideUsers() {
        return get(ConfigKeys.OVERRIDE_USERS);
    }

    /** {@code host:port} or {@code host}, or null. */
    public String mailRelay() {
        return get(ConfigKeys.MAIL_RELAY).orElse(null);
    }

    /** The directory for {@code .eml} files, or null. */
    public Path mailOutbox() {
        return get(ConfigKeys.MAIL_OUTBOX).orElse(null);
    }

    /** Days failed mails are kept ({@code mail.failed-retention-days}); 0: for ever. */
    public int mailFailedRetentionDays() {
        return Math.toIntExact(get(ConfigKeys.MAIL_FAILED_RETENTION).toDays());
    }

    public String mailFrom() {
        return get(ConfigKeys.MAIL_FROM);
    }

    public List<String> aclTrusted() {
        return get(ConfigKeys.ACL_TRUSTED);
    }

    public List<String> aclDenied() {
        return get(ConfigKeys.ACL_DENIED);
    }

    public int aclConnectionsPerIp() {
        return get(ConfigKeys.ACL_CONNECTIONS_PER_IP);
    }

    public int aclPersonalObjectsPerDay() {
        return get(ConfigKeys.ACL_PERSONAL_PER_DAY);
    }

    public boolean md5PasswordsEnabled() {
        return get(ConfigKeys.MD5_PASSWORDS);
    }

    public boolean abuseContactRequired() {
        return get(ConfigKeys.ABUSE_CONTACT_REQUIRED);
    }

    /** The IPv4 ranges the waiting list hands out; empty: the registry's own ALLOCATED UNSPECIFIED blocks. */
    public List<IpRange> registryFreePool() {
        return get(ConfigKeys.REGISTRY_FREE_POOL);
    }

    /** The name server block-sized reverse delegations must list, or null. */
    public String reverseSecondary() {
        return get(ConfigKeys.REVERSE_SECONDARY).orElse(null);
    }

    public int smtpMaxMessageSize() {
        return Math.toIntExact(get(ConfigKeys.SMTP_MAX_MESSAGE_SIZE));
    }

    public GuessBudget.Limits guessLimits() {
        return new GuessBudget.Limits(get(ConfigKeys.GUESSES_PER_CLIENT), get(ConfigKeys.GUESSES_PER_MNTNER),
                get(ConfigKeys.GUESS_WINDOW));
    }

    public int httpConnectionsPerIp() {
        return get(ConfigKeys.HTTP_CONNECTIONS_PER_IP);
    }

    public int httpMaxConnections() {
        return get(ConfigKeys.HTTP_MAX_CONNECTIONS);
    }

    public int httpRequestTimeoutSeconds() {
        return Math.toIntExact(get(ConfigKeys.HTTP_REQUEST_TIMEOUT).toSeconds());
    }

    public int smtpConnectionsPerIp() {
        return get(ConfigKeys.SMTP_CONNECTIONS_PER_IP);
    }

    public int smtpMaxConnections() {
        return get(ConfigKeys.SMTP_MAX_CONNECTIONS);
    }

    public int whoisLargeQueries() {
        return get(ConfigKeys.WHOIS_LARGE_QUERIES);
    }

    public int aclLargeQueriesPerIp() {
        return get(ConfigKeys.ACL_LARGE_QUERIES_PER_IP);
    }

    /** Whether loopback addresses may read {@code /metrics} and {@code /health} ({@code monitoring.loopback}). */
    public boolean monitoringFromLoopback() {
        return get(ConfigKeys.MONITORING_FROM_LOOPBACK);
    }

    /** {@code update.commit-interval-ms}. */
    public Duration commitInterval() {
        return get(ConfigKeys.UPDATE_COMMIT_INTERVAL);
    }

    public NettyTransport transport() {
        return NettyTransport.of(get(ConfigKeys.TRANSPORT));
    }

    /** The storage tuning keys, for {@link net.whoisd.storage.disk.PersistentDatabase#open(Path, String, StorageOptions)}. */
    public StorageOptions storageOptions() {
        return new StorageOptions(get(ConfigKeys.STORE_CHECKPOINT_INTERVAL), get(ConfigKeys.STORE_CHECKPOINT_CHANGES),
                get(ConfigKeys.STORE_RESERVE), get(ConfigKeys.STORE_MIN_FREE), get(ConfigKeys.STORE_OPEN_TIMEOUT),
                get(ConfigKeys.CACHE_OBJECTS).orElseGet(StorageOptions::defaultCacheObjects), get(ConfigKeys.CACHE_KEYS),
                get(ConfigKeys.CACHE_SEARCHES), get(ConfigKeys.SNAPSHOT_CHANGES), get(ConfigKeys.SNAPSHOT_INTERVAL),
                Math.toIntExact(get(ConfigKeys.INDEX_BULK_RAM) >> 20),
                new LuceneIndex.RefreshPolicy(get(ConfigKeys.INDEX_REFRESH_INTERVAL).toMillis(),
                        get(ConfigKeys.INDEX_REFRESH_PENDING)));
    }
}
