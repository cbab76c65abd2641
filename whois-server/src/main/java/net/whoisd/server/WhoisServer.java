package net.whoisd.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.whoisd.server.acl.AccessControl;
import net.whoisd.server.acl.AddressRanges;
import net.whoisd.server.acl.ConnectionLimits;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.http.HttpListener;
import net.whoisd.server.http.SyncupdatesEndpoint;
import net.whoisd.server.mail.MailDoor;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.http.HealthEndpoint;
import net.whoisd.server.metrics.MeasuredDatabase;
import net.whoisd.server.metrics.Metrics;
import net.whoisd.server.http.MetricsEndpoint;
import net.whoisd.server.metrics.MonitoringAccess;
import net.whoisd.server.query.QueryExecutor;
import net.whoisd.server.query.WhoisListener;
import net.whoisd.server.http.RegistryEndpoint;
import net.whoisd.server.update.UpdateEngine;
import net.whoisd.server.write.SingleWriter;
import net.whoisd.server.write.WriterOnlyDatabase;
import net.whoisd.server.update.UpdateService;
import net.whoisd.storage.WhoisDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: configuration and database in, every configured listener started (a port
 * of 0 disables it), everything closed in reverse order. Owns the database it is given.
 */
public final class WhoisServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    private static final Logger log = LoggerFactory.getLogger(WhoisServer.class);

    private final ServerConfig config;
    private final WhoisDatabase database;
    private final WhoisListener.Settings whoisSettings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Metrics metrics = new Metrics();
    // read by /health on the HTTP threads while start() runs
    private volatile int whoisPort = -1;
    private volatile int httpPort = -1;
    private volatile int smtpPort = -1;
    private volatile boolean closing;
    private UpdateEngine updates;

    public WhoisServer(ServerConfig config, WhoisDatabase database) {
        this(config, database, WhoisListener.Settings.defaults());
    }

    public WhoisServer(ServerConfig config, WhoisDatabase database, WhoisListener.Settings whoisSettings) {
        this.config = config;
        this.database = database;
        this.whoisSettings = whoisSettings;
    }

    /** Starts every listener whose port is not 0; on failure closes what was started and rethrows. */
    public WhoisServer start() throws InterruptedException {
        log.info("effective configuration: {}", config.effective());
        started.push(database);
        try {
            // one mail sender and one engine (one writer) for every door; closed after the listeners
            MailSender mail = new MailSender(config.mailFrom(), config.mailRelay(), config.mailOutbox());
            started.push(mail);
            SingleWriter writer = new SingleWriter("writer");
            started.push(writer);
            // what every door gets: commits only on the writer, each one timed
            WhoisDatabase db = new WriterOnlyDatabase(new MeasuredDatabase(database, metrics), writer);
            updates = UpdateEngine.create(db, config, mail, writer, metrics);
            metrics.gauge("whoisd_journal_serial", "serial of the last acknowledged change", database::currentSerial);
            metrics.gauge("whoisd_writes_refused", "1 while the database refuses commits (a full disk, a failed write), else 0",
                    () -> database.writesRefused().isPresent() ? 1 : 0);
            metrics.counter("whoisd_journal_fsyncs_total", "journal records forced to disk", () -> database.stats().journalFsyncs());
            metrics.counter("whoisd_journal_fsync_seconds_total", "time spent forcing journal records to disk",
                    () -> database.stats().journalFsyncNanos() / 1e9);
            metrics.gauge("whoisd_index_pending_changes", "changed objects searched from memory, not yet refreshed into the index reader",
                    () -> database.stats().indexPendingChanges());
            started.push(updates);
            if (config.whoisPort() != 0) {
                AccessControl acl = AccessControl.from(config);
                QueryExecutor executor = new QueryExecutor(database, acl, VERSION, hostName(), config.registryMntner());
                WhoisListener whois = new WhoisListener(executor, acl,
                        whoisSettings.withLargeQueryLimits(config.whoisLargeQueries(), config.aclLargeQueriesPerIp()), metrics,
                        config.transport());
                metrics.listener("whois", whois::openConnections);
                started.push(whois);
                whoisPort = listen("whois", config.whoisPort(), () -> whois.start(config.bindAddress(), config.whoisPort()));
            }
            if (config.httpPort() != 0) {
                HttpListener http = new HttpListener(new ConnectionLimits(config.httpConnectionsPerIp(),
                        config.httpMaxConnections(), AddressRanges.parse("acl.trusted", config.aclTrusted())),
                        Duration.ofSeconds(config.httpRequestTimeoutSeconds()), config.transport());
                new SyncupdatesEndpoint(updates, database.source()).registerOn(http);
                http.route(RegistryEndpoint.PREFIX, RegistryEndpoint.of(db, config, mail, writer, updates.guessBudget(), metrics));
                MonitoringAccess monitoring = MonitoringAccess.from(config);
                http.route(MetricsEndpoint.PATH, new MetricsEndpoint(metrics, monitoring));
                http.route(HealthEndpoint.PATH, new HealthEndpoint(this::notReady, monitoring));
                metrics.listener("http", http::openConnections);
                started.push(http);
                httpPort = listen("http", config.httpPort(), () -> http.start(config.bindAddress(), config.httpPort()));
            }
            if (config.smtpPort() != 0) {
                MailDoor robot = MailDoor.open(config, updates, db, mail);
                metrics.listener("smtp", robot::openConnections);
                metrics.gauge("whoisd_mail_spool_depth", "mail messages in the spool waiting to be handled", () -> {
                    try {
                        return robot.spoolDepth();
                    } catch (IOException e) {
                        return Double.NaN;
                    }
                });
                started.push(robot);
                smtpPort = listen("smtp", config.smtpPort(), () -> robot.start(config.bindAddress(), config.smtpPort()));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("whoisd {} serving source {} ({} objects) from {}", VERSION, database.source(), database.size(), config.dataDir());
        return this;
    }

    /** How a listener starts: binds and returns the bound port. */
    private interface ListenerStart {
        int start() throws Exception;
    }

    /** Starts a listener; a failure names the listener and its address (see {@link ListenerAddresses}). */
    private int listen(String listener, int port, ListenerStart start) throws InterruptedException {
        try {
            return start.start();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw ListenerAddresses.cannotBind(listener, config.bindAddress(), port, e);
        }
    }

    /** The bound whois port (useful when configured as an ephemeral port), or -1 if disabled. */
    public int whoisPort() {
        return whoisPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The bound SMTP port of the mail robot, or -1 if disabled. */
    public int smtpPort() {
        return smtpPort;
    }

    /** The update engine every door (syncupdates, mail, registry operations) must share; null before start. */
    public UpdateService updates() {
        return updates;
    }

    /**
     * Why the server is not ready now, one reason each (empty when it is): the store closing, commits
     * refused, a configured listener not (yet) started.
     */
    public List<String> notReady() {
        List<String> reasons = new ArrayList<>();
        if (closing) {
            reasons.add("shutting down: the store is being closed");
        }
        database.writesRefused().ifPresent(reason -> reasons.add("writes refused: " + reason));
        notStarted(reasons, "whois", config.whoisPort(), whoisPort);
        notStarted(reasons, "http", config.httpPort(), httpPort);
        notStarted(reasons, "smtp", config.smtpPort(), smtpPort);
        return reasons;
    }

    private static void notStarted(List<String> reasons, String listener, int configuredPort, int boundPort) {
        if (configuredPort != 0 && boundPort == -1) {
            reasons.add(listener + " listener not started (port " + configuredPort + ")");
        }
    }

    /** Stops accepting, finishes queries in progress, closes the database last. Idempotent. */
    @Override
    public synchronized void close() {
        closing = true;
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed", c.getClass().getSimpleName(), e);
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toUpperCase(java.util.Locale.ROOT);
        } catch (UnknownHostException e) {
            return "LOCALHOST";
        }
    }
}
