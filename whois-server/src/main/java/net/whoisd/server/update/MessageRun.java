package net.whoisd.server.update;

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
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.ClearSignedBlock;
import net.whoisd.server.auth.PgpSignatures;
import net.whoisd.storage.Change;
import net.whoisd.storage.Operation;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.WhoisDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing of one update message: every object checked in turn (with re-attempts and a
 * final group attempt, see {@link #execute}), its change committed at once or, when the engine
 * batches, handed back as a {@link Unit} that the writer commits together with other messages'
 * units before anything is acknowledged.
 */
final class MessageRun {
    private static final Logger log = LoggerFactory.getLogger(MessageRun.class);
    static final String DRY_RUN_INFO = "Dry-run performed, no changes to the database have been made";

    /** The engine parts a run uses. */
    record Parts(WhoisDatabase db, SyntaxChecks syntax, Authoriser authoriser, BusinessRules rules) {
    }

    /** Changes that must be committed together, and the objects (indices) they belong to. */
    record Unit(List<Change> changes, List<Integer> indices) {
    }

    UpdateRequest request() {
        return request;
    }

    /** Commits; with tags (a message that asked for them) in the same journal record. */
    static void commit(WhoisDatabase db, List<Change> changes, List<String> tags) {
        if (tags.isEmpty()) {
            db.commit(changes);
        } else {
            db.commit(changes, () -> { }, tags);
        }
    }

    private final Parts parts;
    private final WhoisDatabase db;
    private final SyntaxChecks syntax;
    private final UpdateRequest request;
    private final UpdateMessage message;
    private final Instant now;
    private final ObjectView view;
    private final CredentialChecks checks;
    private final boolean deferCommits;
    private final AutoKeys autoKeys = new AutoKeys();
    private final ObjectResult[] results;
    private final Notifications.Event[] changeEvents;
    private final Notifications.Event[] failureEvents;
    private final List<Unit> units = new ArrayList<>();
    private final Map<ClearSignedBlock, PgpSignatures.Verification> verified = new IdentityHashMap<>();
    /** Changes of the group being checked, committed together at its end; null outside a group. */
    private List<Change> deferred;

    /**
     * @param checks      the message's password and override checks
     * @param deferCommits true to hand changes back as {@link #units()} instead of committing them
     */
    MessageRun(Parts parts, UpdateRequest request, UpdateMessage message, Instant now, ObjectView view,
               CredentialChecks checks, boolean deferCommits) {
        this.parts = parts;
        this.db = parts.db();
        this.syntax = parts.syntax();
        this.request = request;
        this.message = message;
        this.now = now;
        this.view = view;
        this.checks = checks;
        this.deferCommits = deferCommits;
        this.results = new ObjectResult[message.paragraphs().size()];
        this.changeEvents = new Notifications.Event[results.length];
        this.failureEvents = new Notifications.Event[results.length];
    }

    List<ObjectResult> results() {
        return List.of(results);
    }

    List<Unit> units() {
        return units;
    }

    /** What to notify about: successful changes, then authorisation failures. */
    List<Notifications.Event> events() {
        List<Notifications.Event> out = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i].succeeded() && changeEvents[i] != null) {
                out.add(changeEvents[i]);
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (!results[i].succeeded() && failureEvents[i] != null) {
                out.add(failureEvents[i]);
            }
        }
        return out;
    }

    /** A deferred unit could not be stored: its objects are reported as failed. */
    void failUnit(Unit unit, String reason) {
        for (int i : unit.indices()) {
            ObjectResult r = results[i];
            List<Problem> messages = new ArrayList<>(r.messages());
            messages.add(Problem.error(null, 0, "The update could not be stored: " + reason));
            results[i] = new ObjectResult(r.action(), false, r.type(), r.key(), r.displayKey(), r.object(), messages);
        }
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
        Notifications.Event[] lastFailure = failureEvents;
        while (!pending.isEmpty()) {
            boolean progress = false;
            List<Integer> again = new ArrayList<>();
            for (int i : pending) {
                Attempt a = attempt(message.paragraphs().get(i));
                results[i] = a.result;
                lastFailure[i] = a.authFailureEvent;
                if (a.result.succeeded()) {
                    progress = true;
                    changeEvents[i] = a.changeEvent;
                    if (a.unit != null) {
                        units.add(new Unit(a.unit, List.of(i)));
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
        if (message.dryRun() || deferCommits) {
            for (Change c : changes) {
                view.pretend(c.key(), c.operation() == Operation.DELETE ? null : c.object(), !message.dryRun());
            }
            if (deferCommits && !message.dryRun()) {
                units.add(new Unit(changes, List.copyOf(members)));
            }
        } else {
            try {
                commit(db, changes, request.commitTags(changes.size()));
            } catch (StorageException e) {
                log.warn("commit of a group of {} objects failed: {}", changes.size(), e.getMessage());
                return;
            }
        }
        for (int k = 0; k < members.size(); k++) {
            int i = members.get(k);
            Attempt a = attempts.get(k);
            results[i] = a.result;
            lastFailure[i] = null;
            changeEvents[i] = a.changeEvent;
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
        return new Credentials(message.passwords(), keyIds, false, checks);
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
            credentials = new Credentials(credentials.passwords(), credentials.pgpKeyIds(), true, checks);
        }
        // a deletion names the stored object as it is, generated attributes included
        RpslObject object = Generated.strip(type, submitted, paragraph.isDelete() ? new ArrayList<>() : messages);
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
        boolean notifyAuthFailure = false;
        if (!credentials.override()) {
            Authoriser.Outcome auth = parts.authoriser().authorise(view, proposal, credentials);
            messages.addAll(auth.errors());
            // refused guesses are not notified: a flood of them would mail the maintainer as fast as it comes
            notifyAuthFailure = !auth.errors().isEmpty() && !auth.guessesRefused();
            a.retry |= auth.mayResolveLater();
        }
        BusinessRules.Outcome checkedRules = parts.rules().check(view, proposal, credentials.override());
        messages.addAll(checkedRules.problems());
        a.retry |= checkedRules.unresolved();
        if (notifyAuthFailure) {
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
        } else if (message.dryRun() || deferCommits) {
            view.pretend(new ObjectKey(type, key), action == Action.DELETE ? null : stored, !message.dryRun());
            if (!message.dryRun()) {
                a.unit = List.of(change);
            }
        } else {
            try {
                commit(db, List.of(change), request.commitTags(1));
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
        CredentialChecks.Verdict verdict = checks.override(paragraph.overrides().get(0));
        if (verdict == CredentialChecks.Verdict.REFUSED) {
            messages.add(Problem.error(null, 0, "Override authentication refused"));
            messages.add(checks.overrideRefusal(paragraph.overrides().get(0)));
        } else if (verdict == CredentialChecks.Verdict.NO_MATCH) {
            messages.add(Problem.error(null, 0, "Override authentication failed"));
        }
        return verdict == CredentialChecks.Verdict.MATCH;
    }

    private ObjectResult result(Action action, boolean ok, ObjectType type, String key, RpslObject object,
                                List<Problem> messages) {
        String display = key;
        if ((type == ObjectType.PERSON || type == ObjectType.ROLE) && object != null && object.value(type.attributeName()) != null) {
            display = key + "   " + object.value(type.attributeName());
        }
        return new ObjectResult(action, ok, type, key, display, object, messages);
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
        /** The change to commit later (when commits are deferred). */
        List<Change> unit;

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
