package net.whoisd.server.registry;

import java.util.Map;
import java.util.function.Supplier;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.metrics.Metrics;
import net.whoisd.server.metrics.UpdateDoor;
import net.whoisd.server.write.SingleWriter;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs registry operations on the server's {@link SingleWriter}, between update messages: computes
 * the plan, and unless it is a dry run commits all its changes in one {@code WhoisDatabase.commit}
 * (all or nothing; journal and history with it), then notifies. A dry run is planned on the
 * caller's thread. The answer text is the same for both, headed by what happened.
 */
public final class RegistryService {
    private static final Logger log = LoggerFactory.getLogger(RegistryService.class);
    private final RegistryContext ctx;
    private final RegistryNotifier notifier;
    private final SingleWriter writer;
    private final Metrics metrics;

    /** What an operation answered: the text, and whether anything was committed. */
    public record Outcome(String text, boolean committed, RegistryPlan plan) {
    }

    public RegistryService(RegistryContext ctx, MailSender mail, SingleWriter writer) {
        this(ctx, mail, writer, new Metrics());
    }

    /** @param metrics counts every operation that is run (dry runs included) as succeeded or failed */
    public RegistryService(RegistryContext ctx, MailSender mail, SingleWriter writer, Metrics metrics) {
        this.ctx = ctx;
        this.writer = writer;
        this.metrics = metrics;
        this.notifier = new RegistryNotifier(mail, ctx.db());
    }

    public RegistryContext context() {
        return ctx;
    }

    public LirClosure closure() {
        return new LirClosure(ctx);
    }

    public AllocationTransfer transfers() {
        return new AllocationTransfer(ctx);
    }

    public WaitlistOperations waitlist() {
        return new WaitlistOperations(ctx);
    }

    /**
     * Plans and (unless {@code dryRun}) applies. Throws {@link RegistryRefusal} if the operation is
     * refused and {@link StorageException} if the commit failed; in both cases nothing changed.
     */
    public Outcome run(Supplier<RegistryPlan> planner, boolean dryRun, String operator) {
        Outcome outcome;
        try {
            outcome = dryRun ? planAndApply(planner, true, operator) : writer.call(() -> planAndApply(planner, false, operator));
        } catch (RuntimeException e) {
            metrics.updateHandled(UpdateDoor.REGISTRY, false);
            throw e;
        }
        metrics.updateHandled(UpdateDoor.REGISTRY, true);
        if (outcome.committed()) {
            notifier.send(outcome.plan(), operator);
        }
        return outcome;
    }

    private Outcome planAndApply(Supplier<RegistryPlan> planner, boolean dryRun, String operator) {
        long started = System.nanoTime();
        RegistryPlan plan = planner.get();
        String outcome;
        boolean committed = false;
        if (dryRun) {
            outcome = "Dry run: nothing was changed. " + plan.steps().size() + " change(s) would be made:";
        } else if (plan.steps().isEmpty()) {
            outcome = "Nothing to change.";
        } else {
            CommitResult result = ctx.db().commit(plan.changes(), () -> unchangedSincePlanned(plan));
            committed = true;
            outcome = "Committed " + plan.steps().size() + " change(s) as one transaction (serials "
                    + result.firstSerial() + "-" + result.lastSerial() + "):";
        }
        log.info("registry operator={} operation={} dryRun={} changes={} micros={}", operator, plan.operation(), dryRun,
                plan.steps().size(), (System.nanoTime() - started) / 1000);
        return new Outcome(PlanText.render(plan, outcome), committed, plan);
    }

    /**
     * Refuses if an object the plan read was changed (or created) by someone else while it was being
     * planned: the plan would overwrite that change. Planned on the writer, nothing else can have
     * changed it; this check, inside the storage's commit, still catches a planner that changed
     * something itself.
     */
    private void unchangedSincePlanned(RegistryPlan plan) {
        for (RegistryPlan.Step step : plan.steps()) {
            var key = step.change().key();
            var stored = ctx.db().get(key.type(), key.key()).map(net.whoisd.storage.StoredObject::object);
            boolean same = step.before() == null ? stored.isEmpty() : stored.isPresent() && stored.get().toText().equals(step.before().toText());
            if (!same) {
                throw RegistryRefusal.refused(key + " was changed while the operation was being planned;"
                        + " nothing was changed, run the operation again");
            }
        }
    }

    /** Reverse-zone texts by parent zone. */
    public Map<String, String> reverseZones() {
        ReverseZoneWriter writer = new ReverseZoneWriter();
        long serial = ctx.db().currentSerial();
        ctx.db().forEach(s -> {
            if (s.key().type() == net.whoisd.rpsl.ObjectType.DOMAIN) {
                writer.add(s.object());
            }
        });
        return writer.zones(ctx.source(), serial);
    }
}
