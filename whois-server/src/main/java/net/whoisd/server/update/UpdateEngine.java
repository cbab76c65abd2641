package net.whoisd.server.update;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.auth.OverrideCredentials;
import net.whoisd.server.auth.PasswordChecker;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.outbox.OutgoingMail;
import net.whoisd.server.metrics.Metrics;
import net.whoisd.server.write.SingleWriter;
import net.whoisd.storage.Change;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update engine: parses a message, checks each object (syntax, authorisation, business rules)
 * and commits each object that passes before it is acknowledged.
 *
 * <p>The server's {@link SingleWriter}, which every door that changes the database shares, applies
 * messages one at a time; queries are never blocked (the database
 * serves readers while a commit runs). Messages that arrive while the writer is busy are checked
 * one after the other against the database plus the changes checked before them, and their
 * changes are then written in one durable commit (group commit), so concurrent clients share the
 * cost of the disk flushes. A message that deletes objects, touches address space or reverse
 * domains, or is a dry run, is always checked against committed data: the batch before it is
 * committed first. If a batch commit fails, each message's changes are retried on their own, so
 * one bad change never takes others down.
 */
public final class UpdateEngine implements UpdateService, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpdateEngine.class);
    /** Most messages whose changes share one commit. */
    static final int MAX_BATCH = 64;
    /**
     * Least time between the starts of two group commits while messages come concurrently (the
     * last batch held more than one): the writer then waits for more before it commits. Each
     * commit syncs the journal whatever its size. (It was 20 ms while every commit also refreshed
     * the Lucene reader; with that gone, 5 ms gave shorter bursts of writer work beside the queries,
     * updates answered in under a millisecond at 300/s, and 2,350 instead of 1,530 updates/s from
     * 32 unpaced clients.) A client sending one update after the other (batches of one) never waits.
     */
    static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(
            Long.getLong("whoisd.update.commit-interval-ms", 5));
    /** Objects whose {@code mnt-by:} passwords are checked before a message reaches the writer. */
    private static final int PREWARM_OBJECTS = 5;

    private final WhoisDatabase db;
    private final Metrics metrics;
    private final UpdateSettings settings;
    private final MessageRun.Parts parts;
    private final PasswordChecker passwords;
    private final OverrideCredentials overrides;
    private final GuessBudget guesses;
    private final MailSender mail;
    private final ExecutorService mailQueue;
    private final Clock clock;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final SingleWriter writer;
    private final boolean ownsWriter;
    /** Whether a drain of the queue is handed to the writer and has not started yet. */
    private final AtomicBoolean drainHandedIn = new AtomicBoolean();
    // the writer's own: when the last batch started and how many messages it held
    private long lastBatchStarted = System.nanoTime();
    private int lastBatchSize;
    private volatile boolean closed;
    /** Messages between their arrival and their answer; a close waits for them before it stops the notifications. */
    private final AtomicInteger answering = new AtomicInteger();

    /** A message waiting for the writer. */
    private static final class Job {
        final UpdateRequest request;
        final UpdateMessage message;
        final Instant now;
        final CredentialChecks checks;
        final CompletableFuture<MessageRun> done = new CompletableFuture<>();

        Job(UpdateRequest request, UpdateMessage message, Instant now, CredentialChecks checks) {
            this.request = request;
            this.message = message;
            this.now = now;
            this.checks = checks;
        }
    }

    /**
     * @param mail sender for notifications, or null to send none
     */
    public UpdateEngine(WhoisDatabase db, SyntaxChecks syntax, UpdateSettings settings, MailSender mail, Clock clock) {
        this(db, syntax, settings, mail, clock, null);
    }

    /**
     * @param writer the server's single writer, shared with the other doors that change the
     *               database; null for an engine with a writer of its own, closed with it
     */
    public UpdateEngine(WhoisDatabase db, SyntaxChecks syntax, UpdateSettings settings, MailSender mail, Clock clock,
                        SingleWriter writer) {
        this(db, syntax, settings, mail, clock, writer, new Metrics());
    }

    /** @param metrics counts every handled message by its door and result */
    public UpdateEngine(WhoisDatabase db, SyntaxChecks syntax, UpdateSettings settings, MailSender mail, Clock clock,
                        SingleWriter writer, Metrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.settings = settings;
        this.passwords = new PasswordChecker(settings.md5Enabled());
        this.overrides = new OverrideCredentials(settings.overrideUsers());
        this.parts = new MessageRun.Parts(db, syntax, new Authoriser(settings.registryMntner(), syntax),
                new BusinessRules(syntax, settings.policies()));
        this.guesses = new GuessBudget(settings.guessLimits(), clock);
        this.mail = mail;
        this.mailQueue = Executors.newSingleThreadExecutor(r -> daemon(r, "update-notifications"));
        this.clock = clock;
        this.ownsWriter = writer == null;
        this.writer = ownsWriter ? new SingleWriter("update-writer") : writer;
    }

    /** The engine as the server runs it: the parser's checks, settings and mail from the configuration. */
    public static UpdateEngine create(WhoisDatabase db, ServerConfig config, MailSender sender, SingleWriter writer,
                                      Metrics metrics) {
        return new UpdateEngine(db, new ParserSyntaxChecks(db.source()), UpdateSettings.from(config), sender,
                Clock.systemUTC(), writer, metrics);
    }

    /** The guess budget, for the other doors that check passwords (the registry operations' HTTP Basic). */
    public GuessBudget guessBudget() {
        return guesses;
    }

    /** Update work runs at the lowest thread priority, behind the whois queries (docs/updates.md). */
    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    }

    @Override
    public UpdateResponse process(UpdateRequest request) {
        answering.incrementAndGet(); // before the look at closed, so a close either sees this message or refuses it
        try {
            return answer(request);
        } finally {
            synchronized (answering) {
                if (answering.decrementAndGet() == 0) {
                    answering.notifyAll();
                }
            }
        }
    }

    private UpdateResponse answer(UpdateRequest request) {
        if (closed) {
            throw new IllegalStateException("the update engine is closed");
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        UpdateMessage message = UpdateMessage.parse(request.content());
        CredentialChecks checks = new CredentialChecks(passwords, overrides, guesses,
                GuessBudget.clientKey(request.guessingClient()), message.passwords());
        List<Problem> global = new ArrayList<>(message.problems());
        if (message.paragraphs().isEmpty()) {
            global.add(Problem.error(null, 0, "No valid update found in the message"));
        }
        checkOverrides(request, message, checks);
        prewarm(message, checks);
        MessageRun run = submit(new Job(request, message, now, checks));
        List<ObjectResult> results = run.results();
        int ok = (int) results.stream().filter(ObjectResult::succeeded).count();
        int failed = results.size() - ok;
        List<String> header = Acknowledgement.header(request.origin(), request.client(), now);
        String ack = Acknowledgement.write(header, results, message.ignored(), global, db.source(), settings.contact(),
                settings.hostName(), request.origin(), now);
        if (!message.dryRun()) {
            notify(run.events(), header);
        }
        log.info("update client={} origin={} objects={} succeeded={} failed={} dryRun={} micros={}", request.client(),
                request.origin(), results.size(), ok, failed, message.dryRun(), (System.nanoTime() - started) / 1000);
        if (checks.refusedAny()) {
            log.warn("update client={} origin={}: password or override checks refused, too many failed (guesses charged to {})",
                    request.client(), request.origin(), request.guessingClient());
        }
        UpdateResponse response = new UpdateResponse(ack, ok, failed, results);
        metrics.updateHandled(request.origin().door(), response.success());
        return response;
    }

    /**
     * Checks each distinct {@code override:} credential here, in the request's own thread and within
     * the guess budget, so that neither its bcrypt nor a flood of wrong ones ever runs in the
     * single writer (which finds the verdicts in {@code checks}).
     */
    private static void checkOverrides(UpdateRequest request, UpdateMessage message, CredentialChecks checks) {
        if (!request.origin().allowsOverride()) {
            return;
        }
        for (UpdateMessage.Paragraph p : message.paragraphs()) {
            if (p.overrides().size() == 1) {
                checks.override(p.overrides().get(0));
            }
        }
    }

    /**
     * Checks the offered passwords against the {@code mnt-by:} maintainers of the first objects here,
     * in the request's own thread, so the slow bcrypt work runs in parallel rather than inside the
     * single writer (which finds the verdicts in {@code checks}). Bounded, so a message naming many
     * maintainers cannot make the server hash without end; the guess budget bounds it too.
     */
    private void prewarm(UpdateMessage message, CredentialChecks checks) {
        if (message.passwords().isEmpty() || message.passwords().size() > UpdateMessage.MAX_PASSWORDS) {
            return;
        }
        int objects = 0;
        for (UpdateMessage.Paragraph p : message.paragraphs()) {
            if (p.overrides().size() == 1 || objects++ >= PREWARM_OBJECTS) {
                continue;
            }
            List<CredentialChecks.Guard> guards = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String name : p.parsed().object().values("mnt-by")) {
                String account = name.trim().toUpperCase(Locale.ROOT);
                if (seen.add(account)) {
                    db.get(ObjectType.MNTNER, account).ifPresent(m ->
                            guards.add(new CredentialChecks.Guard(account, m.object().values("auth"))));
                }
            }
            checks.anyOf(guards);
        }
    }

    private MessageRun submit(Job job) {
        if (closed) {
            throw new IllegalStateException("the update engine is closed");
        }
        queue.add(job);
        handDrainToWriter();
        try {
            return job.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the update writer", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the update could not be processed", e.getCause());
        }
    }

    /** Hands the writer a drain of the queue unless one is waiting already. */
    private void handDrainToWriter() {
        if (drainHandedIn.compareAndSet(false, true)) {
            writer.submit(this::drain).whenComplete((ignored, failure) -> {
                if (failure != null) { // the writer is closed: nothing will take these messages
                    for (Job j; (j = queue.poll()) != null; ) {
                        j.done.completeExceptionally(new IllegalStateException("the update engine is closed"));
                    }
                }
            });
        }
    }

    /** On the writer: takes up to {@link #MAX_BATCH} queued messages and writes them as one group commit. */
    private Void drain() {
        drainHandedIn.set(false); // from here a message queued now gets a drain of its own, or joins this one
        List<Job> jobs = new ArrayList<>();
        if (lastBatchSize > 1) {
            gather(lastBatchStarted + COMMIT_INTERVAL_NANOS);
        }
        queue.drainTo(jobs, MAX_BATCH);
        if (!jobs.isEmpty()) {
            lastBatchStarted = System.nanoTime();
            lastBatchSize = jobs.size();
            try {
                writeBatch(jobs);
            } catch (RuntimeException | Error e) {
                log.error("update writer failed", e);
                jobs.forEach(j -> j.done.completeExceptionally(e));
            }
        }
        if (!queue.isEmpty()) {
            handDrainToWriter(); // behind whatever other doors handed in meanwhile
        }
        return null;
    }

    /**
     * Waits until {@code due} for more messages to join the batch; the caller then takes what has
     * arrived. The writer sleeps through the wait rather than waking for each message as it comes
     * (at 300 updates/s, 300 wake-ups a second for nothing but adding a message to a list; the
     * whois p99 beside the updates did not measurably change with them gone). An interrupt (a
     * close) ends the wait: the messages queued are then written at once, since their callers wait.
     */
    private static void gather(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                return;
            }
        }
    }

    /** Checks the jobs in order, committing deferred changes together; completes each job after its changes are on disk. */
    private void writeBatch(List<Job> jobs) {
        Map<ObjectKey, Optional<RpslObject>> overlay = new HashMap<>();
        List<MessageRun> pending = new ArrayList<>();
        List<Job> pendingJobs = new ArrayList<>();
        for (Job job : jobs) {
            boolean batchable = batchable(job.message);
            if (!batchable) {
                flush(pendingJobs, pending, overlay);
            }
            MessageRun run = new MessageRun(parts, job.request, job.message, job.now, new ObjectView(db, overlay),
                    job.checks, batchable);
            try {
                run.execute();
            } catch (RuntimeException e) {
                log.error("update from {} failed", job.request.client(), e);
                job.done.completeExceptionally(e);
                continue;
            }
            if (batchable) {
                pending.add(run);
                pendingJobs.add(job);
            } else {
                job.done.complete(run);
            }
        }
        flush(pendingJobs, pending, overlay);
    }

    private void flush(List<Job> jobs, List<MessageRun> runs, Map<ObjectKey, Optional<RpslObject>> overlay) {
        List<Change> all = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (MessageRun run : runs) {
            for (MessageRun.Unit unit : run.units()) {
                all.addAll(unit.changes());
                tags.addAll(tagsOf(run, unit));
            }
        }
        if (!all.isEmpty()) {
            try {
                MessageRun.commit(db, all, tags.stream().allMatch(java.util.Objects::isNull) ? List.of() : tags);
            } catch (StorageException e) {
                log.warn("batch commit of {} changes failed ({}); committing them one message at a time", all.size(),
                        e.getMessage());
                for (MessageRun run : runs) {
                    for (MessageRun.Unit unit : run.units()) {
                        try {
                            MessageRun.commit(db, unit.changes(), run.request().commitTags(unit.changes().size()));
                        } catch (StorageException single) {
                            run.failUnit(unit, single.getMessage());
                        }
                    }
                }
            }
        }
        for (int i = 0; i < jobs.size(); i++) {
            jobs.get(i).done.complete(runs.get(i));
        }
        jobs.clear();
        runs.clear();
        overlay.clear();
    }

    /** The unit's tags, one per change (null: the message has none), so that a batch can mix tagged and untagged messages. */
    private static List<String> tagsOf(MessageRun run, MessageRun.Unit unit) {
        List<String> tags = run.request().commitTags(unit.changes().size());
        return tags.isEmpty() ? java.util.Collections.nCopies(unit.changes().size(), null) : tags;
    }

    /** Messages whose checks rely on range or inverse lookups (which see only committed data) are not batched. */
    private static boolean batchable(UpdateMessage message) {
        if (message.dryRun()) {
            return false;
        }
        for (UpdateMessage.Paragraph p : message.paragraphs()) {
            ObjectType type = p.parsed().object().type().orElse(null);
            if (p.isDelete() || type == null || type.isAddressClass() || type == ObjectType.DOMAIN) {
                return false;
            }
        }
        return true;
    }

    private void notify(List<Notifications.Event> events, List<String> header) {
        if (mail == null || events.isEmpty()) {
            return;
        }
        List<OutgoingMail> mails = Notifications.compose(events, header, db.source(),
                name -> db.get(ObjectType.MNTNER, name).map(StoredObject::object));
        for (OutgoingMail m : mails) {
            try {
                mailQueue.execute(() -> mail.send(m));
            } catch (RejectedExecutionException closing) {
                mail.send(m); // the change is stored: its notification goes out even past the close's wait
            }
        }
    }

    private void awaitAnswers(long timeoutNanos) throws InterruptedException {
        long due = System.nanoTime() + timeoutNanos;
        synchronized (answering) {
            long left;
            while (answering.get() > 0 && (left = due - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(answering, left);
            }
            if (answering.get() > 0) {
                log.warn("closing with {} update messages still unanswered", answering.get());
            }
        }
    }

    /** Waits until every notification queued so far has been handed to the mail sender. */
    public void awaitNotifications() {
        try {
            mailQueue.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("notifications did not drain", e);
        }
    }

    /**
     * Stops taking messages (those handed in already are written; an engine with a writer of its own
     * closes it), waits for the messages still being
     * answered (a change committed just before the close still sends its notifications) and then
     * for the queued notifications.
     */
    @Override
    public void close() {
        closed = true;
        if (ownsWriter) {
            writer.close();
        }
        try {
            awaitAnswers(TimeUnit.SECONDS.toNanos(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mailQueue.shutdown();
        try {
            mailQueue.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
