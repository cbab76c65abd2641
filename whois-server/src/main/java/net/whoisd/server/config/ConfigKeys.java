package net.whoisd.server.config;

import static net.whoisd.server.config.ValueTypes.address;
import static net.whoisd.server.config.ValueTypes.choice;
import static net.whoisd.server.config.ValueTypes.duration;
import static net.whoisd.server.config.ValueTypes.freePool;
import static net.whoisd.server.config.ValueTypes.hostAndPort;
import static net.whoisd.server.config.ValueTypes.intOrAuto;
import static net.whoisd.server.config.ValueTypes.integer;
import static net.whoisd.server.config.ValueTypes.ipRanges;
import static net.whoisd.server.config.ValueTypes.longs;
import static net.whoisd.server.config.ValueTypes.mailAddress;
import static net.whoisd.server.config.ValueTypes.oneOf;
import static net.whoisd.server.config.ValueTypes.optional;
import static net.whoisd.server.config.ValueTypes.path;
import static net.whoisd.server.config.ValueTypes.port;
import static net.whoisd.server.config.ValueTypes.size;
import static net.whoisd.server.config.ValueTypes.upperWord;
import static net.whoisd.server.config.ValueTypes.users;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import java.util.OptionalInt;
import net.whoisd.server.config.ConfigKey.Group;
import net.whoisd.server.transport.NettyTransport;

/**
 * Every configuration key of the server, tuning included: its name, type, default, allowed values
 * and meaning. This table drives parsing and validation ({@link ConfigReader}), the effective
 * configuration logged at start, {@code whoisd config --defaults} and docs/configuration.md
 * ({@link ConfigDocs}). Adding a key is one line here (plus, if code reads it by name, an accessor
 * in {@link ServerConfig}); then regenerate the docs with {@code whoisd config --markdown}.
 */
public final class ConfigKeys {
    private static final long KB = 1L << 10;
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;
    // filled by key() and tuning() in the order of the declarations below, which is the documented order
    private static final List<ConfigKey<?>> ALL = new ArrayList<>();

    // ------------------------------------------------------------------ configuration
    public static final ConfigKey<String> SOURCE = key("source", upperWord(), "TEST", "the source this database holds; objects of another source are refused on update, reported on import");
    public static final ConfigKey<Path> DATA_DIR = key("data.dir", path(), "data", "store, journal, snapshots, indexes, mail spool");
    public static final ConfigKey<String> BIND_ADDRESS = key("bind.address", address(), "127.0.0.1", "the address every listener binds to (`0.0.0.0`: all of IPv4)");
    public static final ConfigKey<Integer> WHOIS_PORT = key("whois.port", port(), "4343", "the whois listener (43 in production)");
    public static final ConfigKey<Integer> HTTP_PORT = key("http.port", port(), "8043", "the HTTP listener: syncupdates and the registry operations");
    public static final ConfigKey<Integer> SMTP_PORT = key("smtp.port", port(), "2525", "the mail robot's SMTP listener");
    public static final ConfigKey<Integer> NRTM_PORT = key("nrtm.port", port(), "4444", "reserved for an NRTM listener (none is served yet)");
    public static final ConfigKey<Long> SMTP_MAX_MESSAGE_SIZE = key("smtp.max-message-size", size(1, "bytes", KB, GB), "10MB", "largest mail the robot accepts: well above any ordinary update, far below a flood");
    public static final ConfigKey<String> REGISTRY_MNTNER = key("registry.mntner", upperWord(), "TEST-NCC-HM-MNT", "the registry's maintainer (allocations, LIR organisations)");
    public static final ConfigKey<String> END_USER_MNTNER = key("registry.end-user-mntner", upperWord(), "TEST-NCC-END-MNT", "takes over end-user assignments when an LIR closes");
    public static final ConfigKey<Map<String, String>> OVERRIDE_USERS = key("override.users", users(), "", "users allowed to use `override:` and the registry operations that change data: `name:hash`, the bcrypt hash bare (`$2b$...`) or as `hash-password` prints it (`BCRYPT-PW $2b$...`); shown masked");
    public static final ConfigKey<Optional<String>> MAIL_RELAY = key("mail.relay", optional(hostAndPort()), "", "SMTP relay for acknowledgements and notifications (port 25 unless given)");
    public static final ConfigKey<Optional<Path>> MAIL_OUTBOX = key("mail.outbox", optional(path()), "", "without a relay: directory the mails are written to as `.eml` files");
    public static final ConfigKey<Duration> MAIL_FAILED_RETENTION = key("mail.failed-retention-days", duration(ChronoUnit.DAYS, Duration.ZERO, Duration.ofDays(3650)), "30", "messages in `mail-spool/failed/` older than this are deleted (looked at hourly); 0 keeps them (docs/mail.md)");
    public static final ConfigKey<String> MAIL_FROM = key("mail.from", mailAddress(), "auto-dbm@localhost", "sender of acknowledgements and notifications");
    public static final ConfigKey<List<String>> ACL_TRUSTED = key("acl.trusted", ipRanges(), "", "clients exempt from the query limits");
    public static final ConfigKey<List<String>> ACL_DENIED = key("acl.denied", ipRanges(), "", "clients refused at connect");
    public static final ConfigKey<Integer> ACL_CONNECTIONS_PER_IP = key("acl.connections-per-ip", integer(0, 1_000_000), "3", "simultaneous whois connections per client IP (0 = unlimited)");
    public static final ConfigKey<Integer> ACL_PERSONAL_PER_DAY = key("acl.personal-objects-per-day", integer(0, Integer.MAX_VALUE), "5000", "person (and non-abuse role) objects one client IP may receive per day");
    public static final ConfigKey<Boolean> MD5_PASSWORDS = key("auth.md5-pw", choice("enabled", "disabled"), "enabled", "`disabled` stops legacy MD5-PW credentials from authenticating");
    public static final ConfigKey<Integer> GUESSES_PER_CLIENT = key("auth.guesses-per-client", integer(1, 1_000_000), "10", "failed password (and `override:`) checks one client (IP address, SMTP client) may make per window (docs/updates.md, \"Password guessing\")");
    public static final ConfigKey<Integer> GUESSES_PER_MNTNER = key("auth.guesses-per-mntner", integer(1, 1_000_000), "30", "failed password checks all clients together may make against one maintainer per window");
    public static final ConfigKey<Duration> GUESS_WINDOW = key("auth.guess-window-minutes", duration(ChronoUnit.MINUTES, Duration.ofMinutes(1), Duration.ofDays(7)), "10", "the guess budgets refill evenly over this window; when empty, checks are refused at once");
    public static final ConfigKey<Boolean> ABUSE_CONTACT_REQUIRED = key("policy.abuse-contact", choice("required", "warn"), "required", "`warn` only warns when a resource leads to no abuse contact");
    public static final ConfigKey<Boolean> MONITORING_FROM_LOOPBACK = key("monitoring.loopback", choice("allowed", "denied"), "allowed", "`denied` serves `/metrics` and `/health` only to `acl.trusted`, not to loopback addresses (docs/operations.md)");
    public static final ConfigKey<Integer> WHOIS_LARGE_QUERIES = key("whois.large-queries", integer(0, 1_000_000), "16", "answers of unbounded lookups (inverse, `-m`/`-M`, names, history) in progress at once over all clients; over it `%ERROR:208` and close; a quarter of it look up at a time; 0 = unlimited (docs/query.md, \"Large answers\")");
    public static final ConfigKey<Integer> ACL_LARGE_QUERIES_PER_IP = key("acl.large-queries-per-ip", integer(0, 1_000_000), "2", "the same per client IP (trusted exempt); 0 = unlimited");
    public static final ConfigKey<Integer> HTTP_CONNECTIONS_PER_IP = key("http.connections-per-ip", integer(0, 1_000_000), "10", "simultaneous HTTP connections per client IP (trusted exempt); over it `429` and close; 0 = unlimited");
    public static final ConfigKey<Integer> HTTP_MAX_CONNECTIONS = key("http.max-connections", integer(0, 1_000_000), "1000", "simultaneous HTTP connections in all; over it `503` and close; 0 = unlimited");
    public static final ConfigKey<Duration> HTTP_REQUEST_TIMEOUT = key("http.request-timeout", duration(ChronoUnit.SECONDS, Duration.ofSeconds(1), Duration.ofDays(1)), "60", "time a whole HTTP request may take to arrive, from the connect or the previous response; then `408` and close");
    public static final ConfigKey<Integer> SMTP_CONNECTIONS_PER_IP = key("smtp.connections-per-ip", integer(0, 1_000_000), "5", "simultaneous SMTP connections per client IP (trusted exempt); over it a `421` greeting and close; 0 = unlimited");
    public static final ConfigKey<Integer> SMTP_MAX_CONNECTIONS = key("smtp.max-connections", integer(0, 1_000_000), "100", "simultaneous SMTP connections in all; over it a `421` greeting and close; 0 = unlimited");
    public static final ConfigKey<Optional<String>> REVERSE_SECONDARY = key("registry.reverse-secondary", optional(address()), "", "name server that block-sized reverse delegations must list; it does not count as one of the two name servers every reverse delegation needs");
    public static final ConfigKey<List<IpRange>> REGISTRY_FREE_POOL = key("registry.free-pool", freePool(), "", "IPv4 ranges the waiting list hands out; empty: the registry's own `ALLOCATED UNSPECIFIED` blocks except the IANA root (docs/registry.md)");

    // ------------------------------------------------------------------ tuning
    public static final ConfigKey<Duration> STORE_CHECKPOINT_INTERVAL = tuning("store.checkpoint-ms", duration(ChronoUnit.MILLIS, Duration.ofMillis(1), Duration.ofDays(1)), "10000", "the MapDB store is committed (a checkpoint) at most this long after a change (the journal is fsynced on every change regardless; longer costs a longer replay after a crash)");
    public static final ConfigKey<Long> STORE_CHECKPOINT_CHANGES = tuning("store.checkpoint-changes", longs(1, Long.MAX_VALUE), "10000", "pending changes that make a store checkpoint at once, before `store.checkpoint-ms` is up");
    public static final ConfigKey<Long> STORE_RESERVE = tuning("store.reserve-mb", size(MB, "MB", 0, 1024 * GB), "64", "disk space held back in `reserve.space` so that a write failing on a full disk can be rolled back (docs/storage.md)");
    public static final ConfigKey<Long> STORE_MIN_FREE = tuning("store.min-free-mb", size(MB, "MB", 0, 1024 * GB), "16", "free space below which commits are refused with the reason (queries go on; commits resume when space returns)");
    public static final ConfigKey<Duration> STORE_OPEN_TIMEOUT = tuning("store.open-timeout", duration(ChronoUnit.SECONDS, Duration.ofSeconds(1), Duration.ofDays(1)), "120", "the store may take this long to open before it is treated as damaged and rebuilt from snapshot plus journal");
    public static final ConfigKey<Duration> SNAPSHOT_INTERVAL = tuning("snapshot.interval-ms", duration(ChronoUnit.MILLIS, Duration.ZERO, Duration.ofDays(365)), "3600000", "a snapshot is written this often if anything changed, so recovery replays a bounded journal (0 turns the timer off)");
    public static final ConfigKey<Long> SNAPSHOT_CHANGES = tuning("snapshot.changes", longs(1, Long.MAX_VALUE), "100000", "changes since the last snapshot that make a new one due, before `snapshot.interval-ms` is up");
    public static final ConfigKey<OptionalInt> CACHE_OBJECTS = tuning("cache.objects", intOrAuto(1, 100_000_000), "auto", "parsed objects cached in front of MapDB (`auto`: one per 16 KB of heap, at most 200000)");
    public static final ConfigKey<Integer> CACHE_KEYS = tuning("cache.keys", integer(1, 100_000_000), "500000", "primary key to id entries cached in front of MapDB");
    public static final ConfigKey<Integer> CACHE_SEARCHES = tuning("cache.searches", integer(1, 100_000_000), "100000", "search results cached in front of Lucene, invalidated entry by entry on commit");
    public static final ConfigKey<Duration> UPDATE_COMMIT_INTERVAL = tuning("update.commit-interval-ms", duration(ChronoUnit.MILLIS, Duration.ZERO, Duration.ofSeconds(1)), "5", "while updates arrive concurrently, the least time between two group commits (each syncs the journal); one update after the other never waits");
    public static final ConfigKey<Long> INDEX_BULK_RAM = tuning("index.bulk-ram-mb", size(MB, "MB", MB, 2047 * MB), "64", "Lucene's buffer per indexing thread during a bulk import");
    public static final ConfigKey<Duration> INDEX_REFRESH_INTERVAL = tuning("index.refresh-ms", duration(ChronoUnit.MILLIS, Duration.ZERO, Duration.ofHours(1)), "1000", "how often updates are refreshed into the Lucene reader (until then searches find them in memory; a change is searchable once acknowledged either way)");
    public static final ConfigKey<Integer> INDEX_REFRESH_PENDING = tuning("index.refresh-pending", integer(1, Integer.MAX_VALUE), "2000", "changed objects that make a Lucene refresh at once, before `index.refresh-ms` is up");
    public static final ConfigKey<NettyTransport.Choice> TRANSPORT = tuning("transport", oneOf(NettyTransport.Choice.class), "auto", "socket transport of the whois and HTTP listeners: `auto` is native epoll where available (Linux), `nio` forces Java NIO");

    private ConfigKeys() {
    }

    /** Every key, in the documented order. */
    public static List<ConfigKey<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    public static Optional<ConfigKey<?>> byName(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    private static <T> ConfigKey<T> key(String name, ValueType<T> type, String defaultText, String meaning) {
        return register(new ConfigKey<>(name, type, defaultText, Group.CONFIGURATION, meaning));
    }

    private static <T> ConfigKey<T> tuning(String name, ValueType<T> type, String defaultText, String meaning) {
        return register(new ConfigKey<>(name, type, defaultText, Group.TUNING, meaning));
    }

    private static <T> ConfigKey<T> register(ConfigKey<T> key) {
        ALL.add(key);
        return key;
    }
}
