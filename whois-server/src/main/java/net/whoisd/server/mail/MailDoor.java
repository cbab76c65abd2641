package net.whoisd.server.mail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.server.acl.AddressRanges;
import net.whoisd.server.acl.ConnectionLimits;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.update.UpdateService;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;

/**
 * The whole mail door, started and stopped as one: the SMTP listener, the spool in the data
 * directory, the worker and the robot. The composition root creates it when {@code smtp.port} is
 * not 0:
 * <pre>
 *   MailDoor door = MailDoor.open(config, updateService, database, mailSender);
 *   int port = door.start(config.bindAddress(), config.smtpPort());
 *   ...
 *   door.close();
 * </pre>
 */
public final class MailDoor implements AutoCloseable {
    /** How many handled Message-IDs are remembered to recognise a second delivery. */
    public static final int REMEMBERED_MESSAGE_IDS = 100_000;

    private final MailSpool spool;
    private final ProcessedMessageIds processed;
    private final SpoolWorker worker;
    private final MailListener listener;

    private MailDoor(MailSpool spool, ProcessedMessageIds processed, SpoolWorker worker, MailListener listener) {
        this.spool = spool;
        this.processed = processed;
        this.worker = worker;
        this.listener = listener;
    }

    /**
     * Opens the spool ({@code <data>/mail-spool}) and the record of handled messages
     * ({@code <data>/mail-processed-ids}).
     *
     * @param sender where acknowledgements go; give the update engine the same sender for its notifications
     */
    public static MailDoor open(ServerConfig config, UpdateService updates, WhoisDatabase database, MailSender sender)
            throws IOException {
        return open(config, updates, database, sender, SpoolWorker.defaultThreads());
    }

    /** As {@link #open(ServerConfig, UpdateService, WhoisDatabase, MailSender)}, with {@code workers} messages handled at once. */
    public static MailDoor open(ServerConfig config, UpdateService updates, WhoisDatabase database, MailSender sender,
                                int workers) throws IOException {
        Path dataDir = config.dataDir();
        Path spoolDir = dataDir.resolve("mail-spool");
        MailSpool spool = MailSpool.open(spoolDir);
        ProcessedMessageIds processed = ProcessedMessageIds.open(dataDir.resolve("mail-processed-ids"),
                REMEMBERED_MESSAGE_IDS);
        Set<String> pending = new HashSet<>();
        spool.pending().forEach(entry -> pending.add(entry.name()));
        StoredAnswers answers = StoredAnswers.open(spoolDir.resolve("answers"), pending);
        MailCommits commits = MailCommits.open(database, spoolDir.resolve("answered-serial"), pending);
        MailRobot robot = new MailRobot(updates,
                id -> database.get(ObjectType.KEY_CERT, id).map(StoredObject::object), sender, processed, answers,
                commits, database.source());
        SpoolWorker worker = new SpoolWorker(spool, robot, workers, config.mailFailedRetentionDays() > 0
                ? Duration.ofDays(config.mailFailedRetentionDays()) : null);
        MailListener listener = new MailListener(spool, worker::wake, config.smtpMaxMessageSize(),
                new ConnectionLimits(config.smtpConnectionsPerIp(), config.smtpMaxConnections(),
                        AddressRanges.parse("acl.trusted", config.aclTrusted())));
        return new MailDoor(spool, processed, worker, listener);
    }

    /** Starts the worker (which first handles what an earlier run left) and the listener; returns the bound port. */
    public int start(String bindAddress, int port) throws IOException {
        worker.start();
        return listener.start(bindAddress, port);
    }

    /** Messages in the spool that wait to be handled (or are being handled now). */
    public int spoolDepth() throws IOException {
        return spool.pending().size();
    }

    /** SMTP sessions open now. */
    public int openConnections() {
        return listener.openConnections();
    }

    /** Stops taking mail, lets the workers finish the messages in hand; the rest waits in the spool. */
    @Override
    public void close() throws IOException {
        listener.close();
        worker.close();
        processed.close();
    }
}
