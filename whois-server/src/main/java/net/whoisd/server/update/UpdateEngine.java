package net.whoisd.server.update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.ClearSignedBlock;
import net.whoisd.server.auth.FailureThrottle;
import net.whoisd.server.auth.OverrideCredentials;
import net.whoisd.server.auth.PasswordChecker;
import net.whoisd.server.auth.PgpSignatures;
import net.whoisd.server.mail.MailSender;
import net.whoisd.server.mail.OutgoingMail;
import net.whoisd.storage.Change;
import net.whoisd.storage.Operation;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update engine: parses a message, checks each object (syntax, authorisation, business rules)
 * and commits each one that passes as its own durable transaction before it is acknowledged.
 * Changes are applied by one writer at a time; queries are never blocked (the database serves
 * readers while a commit runs).
 */
public final class UpdateEngine implements UpdateService, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpdateEngine.class);
    static final String DRY_RUN_INFO = "Dry-run performed, no changes to the database have been made";

    private final WhoisDatabase db;
    private final SyntaxChecks syntax;
    private final UpdateSettings settings;
    private final PasswordChecker passwords;
    private final OverrideCredentials overrides;
    private final Authoriser authoriser;
    private final BusinessRules rules;
    private final FailureThrottle throttle;
    private final MailSender mail;
    private final ExecutorService mailQueue;
    private final Clock clock;
    private final ReentrantLock writer = new ReentrantLock(true);

    /**
     * @param mail sender for notifications, or null to send none
     */
    public UpdateEngine(WhoisDatabase db, SyntaxChecks syntax, UpdateSettings settings, MailSender mail, Clock clock) {
        this.db = db;
        this.syntax = syntax;
        this.settings = settings;
        this.passwords = new PasswordChecker(settings.md5Enabled());
        this.overrides = new OverrideCredentials(settings.overrideUsers());
        this.authoriser = new Authoriser(passwords, settings.registryMntner(), syntax);
        this.rules = new BusinessRules(syntax);
        this.throttle = new FailureThrottle(clock);
        this.mail = mail;
        this.mailQueue = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "update-notifications");
            t.setDaemon(true);
            return t;
        });
        this.clock = clock;
    }

    /** The engine as the server runs it: the parser's checks, settings and mail from the configuration. */
    public static UpdateEngine create(WhoisDatabase db, net.whoisd.server.config.ServerConfig config) {
        MailSender sender = new MailSender(config.mailFrom(), config.mailRelay(), config.mailOutbox());
        return new UpdateEngine(db, new ParserSyntaxChecks(db.source()), UpdateSettings.from(config), sender, Clock.systemUTC());
    }

    @Override
    public UpdateResponse process(UpdateRequest request) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        UpdateMessage message = UpdateMessage.parse(request.content());
        pause(throttle.delayFor(request.client()));
        List<Problem> global = new ArrayList<>(message.problems());
        if (message.paragraphs().isEmpty()) {
            global.add(Problem.error(null, 0, "No valid update found in the message"));
        }
        Run run = new Run(request, message, now);
        writer.lock();
        try {
            run.execute();
        } finally {
            writer.unlock();
        }
        List<ObjectResult> results = run.results();
        int ok = (int) results.stream().filter(ObjectResult::succeeded).count();
        int failed = results.size() - ok;
        List<String> header = Acknowledgement.header(request.origin(), request.client(), now);
        String ack = Acknowledgement.write(header, results, message.ignored(), global, db.source(), settings.contact(),
                settings.hostName(), request.origin(), now);
        if (run.authFailures > 0) {
            throttle.failed(request.client());
        } else if (ok > 0) {
            throttle.succeeded(request.client());
        }
        if (!message.dryRun()) {
            notify(run.events, header);
        }
        log.info("update client={} origin={} objects={} succeeded={} failed={} dryRun={} micros={}", request.client(),
                request.origin(), results.size(), ok, failed, message.dryRun(), (System.nanoTime() - started) / 1000);
        return new UpdateResponse(ack, ok, failed, results);
    }

    private void notify(List<Notifications.Event> events, List<String> header) {
        if (mail == null || events.isEmpty()) {
            return;
        }
        List<OutgoingMail> mails = Notifications.compose(events, header, db.source(),
                name -> db.get(ObjectType.MNTNER, name).map(StoredObject::object));
        for (OutgoingMail m : mails) {
            mailQueue.execute(() -> mail.send(m));
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /** Waits for queued notifications to be handed to the mail sender. */
    @Override
    public void close() {
        mailQueue.shutdown();
        try {
            mailQueue.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The processing of one message. */
    private final class Run {
        final UpdateRequest request;
        final UpdateMessage message;
        final Instant now;
        final ObjectView view = new ObjectView(db);
        final AutoKeys autoKeys = new AutoKeys();
        final ObjectResult[] results;
        final List<Notifications.Event> events = new ArrayList<>();
        final Map<ClearSignedBlock, PgpSignatures.Verification> verified = new IdentityHashMap<>();
        /** Changes of the group being checked, committed together at its end; null outside a group. */
        List<Change> deferred;
        int authFailures;

        Run(UpdateRequest request, UpdateMessage message, Instant now) {
            this.request = request;
            this.message = message;
            this.now = now;
            this.results = new ObjectResult[message.paragraphs().size()];
        }

        List<ObjectResult> results() {
            return List.of(results);
        }

        /**
         * Attempts every object; objects that failed for want of another one are re-attempted while
         * passes make progress. What is left then is tried once more as a group: all of it applied
         * in one commit if every member passes with the others in place, else none of it.
         */
        void execute() {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < results.length; i++) {
                pending.add(i);
            }
            Notifications.Event[] lastFailure = new Notifications.Event[results.length];
            while (!pending.isEmpty()) {
                boolean progress = false;
                List<Integer> again = new ArrayList<>();
                for (int i : pending) {
                    Attempt a = attempt(message.paragraphs().get(i));
                    results[i] = a.result;
                    lastFailure[i] = a.authFailureEvent;
                    if (a.result.succeeded()) {
                        progress = true;
                        if (a.changeEvent != null) {
                            events.add(a.changeEvent);
                        }
                    } else if (a.retry) {
                        again.add(i);
                    }
                }
                if (!progress) {
                    if (again.size() > 1) {
                        tryAsGroup(again, lastFailure);
                    }
                    break;
                }
                pending = again;
            }
            for (int i = 0; i < results.length; i++) {
                if (!results[i].succeeded() && lastFailure[i] != null) {
                    authFailures++;
                    events.add(lastFailure[i]);
                }
            }
        }

        private void tryAsGroup(List<Integer> members, Notifications.Event[] lastFailure) {
            Map<ObjectKey, Optional<RpslObject>> wouldBe = new HashMap<>();
            for (int i : members) {
                UpdateMessage.Paragraph paragraph = message.paragraphs().get(i);
                RpslObject o = paragraph.parsed().object();
                ObjectType type = o.type().orElseThrow();
                o = autoKeys.resolveReferences(Generated.strip(type, o, new ArrayList<>()));
                if (AutoKeys.autoKeyAttribute(type, o).isPresent() && !paragraph.isDelete()) {
                    o = autoKeys.assign(type, o, view);
                }
                o = syntax.validate(o).object();
                wouldBe.put(new ObjectKey(type, safeKey(type, o, o.classValue())),
                        paragraph.isDelete() ? Optional.empty() : Optional.of(o));
            }
            view.group(wouldBe);
            deferred = new ArrayList<>();
            List<Attempt> attempts = new ArrayList<>();
            boolean all = true;
            try {
                for (int i : members) {
                    Attempt a = attempt(message.paragraphs().get(i));
                    attempts.add(a);
                    all &= a.result.succeeded();
                }
            } finally {
                view.endGroup();
            }
            List<Change> changes = deferred;
            deferred = null;
            if (!all) {
                return;
            }
            if (!message.dryRun()) {
                try {
                    db.commit(changes);
                } catch (StorageException e) {
                    log.warn("commit of a group of {} objects failed: {}", changes.size(), e.getMessage());
                    return;
                }
            } else {
                for (Change c : changes) {
                    view.pretend(c.key(), c.operation() == Operation.DELETE ? null : c.object());
                }
            }
            for (int k = 0; k < members.size(); k++) {
                int i = members.get(k);
                Attempt a = attempts.get(k);
                results[i] = a.result;
                lastFailure[i] = null;
                if (a.changeEvent != null) {
                    events.add(a.changeEvent);
                }
            }
        }

        private Credentials credentials(UpdateMessage.Paragraph paragraph, List<Problem> messages) {
            Set<String> keyIds = new LinkedHashSet<>();
            request.mimeSignatures().forEach(s -> keyIds.add(s.keyCertId().toUpperCase(Locale.ROOT)));
            for (ClearSignedBlock block : paragraph.signatures()) {
                PgpSignatures.Verification v = verified.computeIfAbsent(block, b -> PgpSignatures.verifyClearSigned(b,
                        id -> view.get(ObjectType.KEY_CERT, id), now));
                if (v.verified()) {
                    keyIds.add(v.keyCertId().get());
                } else {
                    messages.add(Problem.warning(null, 0, "The PGP signature could not be used: " + v.failure()));
                }
            }
            return new Credentials(message.passwords(), keyIds, false);
        }

        private Attempt attempt(UpdateMessage.Paragraph paragraph) {
            List<Problem> messages = new ArrayList<>();
            RpslObject submitted = paragraph.parsed().object();
            ObjectType type = submitted.type().orElseThrow();
            Attempt a = new Attempt();
            Action action = paragraph.isDelete() ? Action.DELETE : Action.CREATE;
            String key = submitted.classValue();
            paragraph.parsed().problems().forEach(messages::add);
            if (message.passwords().size() > UpdateMessage.MAX_PASSWORDS) {
                messages.add(Problem.error(null, 0, "Too many passwords specified (more than "
                        + UpdateMessage.MAX_PASSWORDS + ")"));
            }
            if (paragraph.deleteReasons().size() > 1) {
                messages.add(Problem.error(null, 0, "Multiple delete reasons found in the object"));
            }
            Credentials credentials = credentials(paragraph, messages);
            boolean override = override(paragraph, messages);
            if (override) {
                credentials = new Credentials(credentials.passwords(), credentials.pgpKeyIds(), true);
            }
            RpslObject object = Generated.strip(type, submitted, messages);
            object = autoKeys.resolveReferences(object);
            boolean autoKey = AutoKeys.autoKeyAttribute(type, object).isPresent();
            if (autoKey && paragraph.isDelete()) {
                messages.add(Problem.error(null, 0, "An AUTO key cannot be deleted"));
            } else if (autoKey) {
                object = autoKeys.assign(type, object, view);
            }
            SyntaxChecks.Outcome checked = syntax.validate(object);
            messages.addAll(checked.problems());
            object = checked.object();
            key = safeKey(type, object, key);
            RpslObject current = view.current(type, key).orElse(null);
            if (paragraph.isDelete()) {
                if (current == null) {
                    messages.add(Problem.error(null, 0, "Object " + "[" + type.attributeName() + "] " + key
                            + " does not exist in the database"));
                } else if (!hasErrors(messages) && !Generated.sameContent(object, current)) {
                    messages.add(Problem.error(null, 0, "Object " + "[" + type.attributeName() + "] " + key
                            + " doesn't match version in database"));
                }
                if (request.keyword() == Keyword.NEW) {
                    messages.add(Problem.error(null, 0, "DELETE is not allowed when keyword NEW is specified"));
                }
            } else if (current != null) {
                if (request.keyword() == Keyword.NEW) {
                    messages.add(Problem.error(null, 0, "Enforced new keyword specified, but the object already exists"
                            + " in the database"));
                    action = Action.CREATE;
                } else {
                    action = Generated.sameContent(object, current) ? Action.NOOP : Action.MODIFY;
                }
            }
            if (hasErrors(messages)) {
                return a.failed(result(action, false, type, key, object, messages));
            }
            if (action == Action.NOOP) {
                messages.add(Problem.warning(null, 0, "Submitted object identical to database object"));
                return a.succeeded(result(action, true, type, key, current, messages), null);
            }
            Proposal proposal = new Proposal(action, type, key, action == Action.DELETE ? current : object, current);
            boolean authFailed = false;
            if (!credentials.override()) {
                Authoriser.Outcome auth = authoriser.authorise(view, proposal, credentials);
                messages.addAll(auth.errors());
                authFailed = !auth.errors().isEmpty();
                a.retry |= auth.mayResolveLater();
            }
            BusinessRules.Outcome checkedRules = rules.check(view, proposal, credentials.override());
            messages.addAll(checkedRules.problems());
            a.retry |= checkedRules.unresolved();
            if (authFailed) {
                a.authFailureEvent = new Notifications.Event(action, true, current, object,
                        paragraph.isDelete() ? paragraph.deleteReasons().get(0) : null);
            }
            if (hasErrors(messages)) {
                return a.failed(result(action, false, type, key, object, messages));
            }
            RpslObject stored = switch (action) {
                case CREATE -> Generated.add(type, object, Generated.timestamp(now), Generated.timestamp(now));
                case MODIFY -> Generated.add(type, object, createdOf(current), Generated.timestamp(now));
                default -> current;
            };
            Change change = switch (action) {
                case CREATE -> Change.create(stored);
                case MODIFY -> Change.modify(stored);
                default -> Change.delete(stored);
            };
            if (message.dryRun()) {
                messages.add(Problem.info(null, 0, DRY_RUN_INFO));
            }
            if (deferred != null) {
                deferred.add(change);
            } else if (message.dryRun()) {
                view.pretend(new ObjectKey(type, key), action == Action.DELETE ? null : stored);
            } else {
                try {
                    db.commit(List.of(change));
                } catch (StorageException e) {
                    log.warn("commit of {} {} failed: {}", type, key, e.getMessage());
                    messages.add(Problem.error(null, 0, "The update could not be stored: " + e.getMessage()));
                    return a.failed(result(action, false, type, key, object, messages));
                }
            }
            if (credentials.override()) {
                messages.add(Problem.info(null, 0, "Authorisation override used"));
            }
            Notifications.Event event = new Notifications.Event(action, false, current,
                    action == Action.DELETE ? null : stored, paragraph.isDelete() ? paragraph.deleteReasons().get(0) : null);
            return a.succeeded(result(action, true, type, key, stored, messages), event);
        }

        private boolean override(UpdateMessage.Paragraph paragraph, List<Problem> messages) {
            if (paragraph.overrides().isEmpty()) {
                return false;
            }
            if (paragraph.overrides().size() > 1) {
                messages.add(Problem.error(null, 0, "Multiple override passwords used"));
                return false;
            }
            if (!request.origin().allowsOverride()) {
                messages.add(Problem.error(null, 0, "Override is not allowed in " + request.origin().label() + "s"));
                return false;
            }
            String[] parts = paragraph.overrides().get(0).split(",", 3);
            if (parts.length < 2 || !overrides.authenticate(parts[0].trim(), parts[1].trim())) {
                messages.add(Problem.error(null, 0, "Override authentication failed"));
                return false;
            }
            return true;
        }

        private ObjectResult result(Action action, boolean ok, ObjectType type, String key, RpslObject object,
                                    List<Problem> messages) {
            String display = key;
            if ((type == ObjectType.PERSON || type == ObjectType.ROLE) && object != null && object.value(type.attributeName()) != null) {
                display = key + "   " + object.value(type.attributeName());
            }
            return new ObjectResult(action, ok, type, key, display, object, messages);
        }
    }

    private static String createdOf(RpslObject current) {
        String created = current.value("created");
        return created != null ? created : "1970-01-01T00:00:00Z";
    }

    private static String safeKey(ObjectType type, RpslObject object, String fallback) {
        try {
            return ObjectKey.primaryKey(type, object);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static boolean hasErrors(List<Problem> messages) {
        for (Problem p : messages) {
            if (p.isError()) {
                return true;
            }
        }
        return false;
    }

    /** The outcome of one try at one object. */
    private static final class Attempt {
        ObjectResult result;
        boolean retry;
        Notifications.Event authFailureEvent;
        Notifications.Event changeEvent;

        Attempt failed(ObjectResult r) {
            result = r;
            return this;
        }

        Attempt succeeded(ObjectResult r, Notifications.Event change) {
            result = r;
            changeEvent = change;
            retry = false;
            authFailureEvent = null;
            return this;
        }
    }
}
