package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.outbox.OutgoingMail;
import net.whoisd.storage.Operation;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;

/**
 * After a committed operation: one mail per address that asked to hear about the changed objects
 * ({@code notify:} of the object, {@code mnt-nfy:} of the maintainers in its {@code mnt-by:}; the
 * stored version's for modify and delete, the new one's for create), each with only its objects.
 */
final class RegistryNotifier {
    private final MailSender mail;
    private final WhoisDatabase db;

    RegistryNotifier(MailSender mail, WhoisDatabase db) {
        this.mail = mail;
        this.db = db;
    }

    /** Builds the messages (tests read them; {@link #send} sends them). */
    List<OutgoingMail> messages(RegistryPlan plan, String operator) {
        Map<String, StringBuilder> byRecipient = new LinkedHashMap<>();
        for (RegistryPlan.Step step : plan.steps()) {
            RpslObject basis = step.before() != null ? step.before() : step.change().object();
            for (String address : recipients(basis)) {
                StringBuilder sb = byRecipient.computeIfAbsent(address, a -> new StringBuilder());
                sb.append("---\nOBJECT BELOW ").append(verb(step.change().operation())).append(":\n\n");
                if (step.change().operation() == Operation.MODIFY) {
                    PlanText.diff(step.before(), step.change().object()).forEach(l -> sb.append(l).append('\n'));
                    sb.append('\n');
                }
                sb.append(step.change().object().toText()).append('\n');
            }
        }
        List<OutgoingMail> out = new ArrayList<>();
        byRecipient.forEach((address, body) -> out.add(OutgoingMail.of(List.of(address),
                "Notification of " + db.source() + " database changes",
                "This is to notify you of changes in the " + db.source() + " database\n"
                        + "made by the registry (" + plan.operation() + ", by " + operator + ")\n"
                        + "affecting objects you maintain or asked to be notified about.\n\n" + body)));
        return out;
    }

    void send(RegistryPlan plan, String operator) {
        messages(plan, operator).forEach(mail::send);
    }

    private List<String> recipients(RpslObject object) {
        List<String> out = new ArrayList<>();
        object.values("notify").forEach(a -> add(out, a));
        for (String mntner : object.values("mnt-by")) {
            db.get(ObjectType.MNTNER, mntner).map(StoredObject::object)
                    .ifPresent(m -> m.values("mnt-nfy").forEach(a -> add(out, a)));
        }
        return out;
    }

    private static void add(List<String> out, String address) {
        String a = address.trim();
        if (a.contains("@") && out.stream().noneMatch(x -> x.equalsIgnoreCase(a))) {
            out.add(a.toLowerCase(Locale.ROOT));
        }
    }

    private static String verb(Operation op) {
        return switch (op) {
            case CREATE -> "CREATED";
            case MODIFY -> "MODIFIED";
            case DELETE -> "DELETED";
        };
    }

    static String keyOf(RpslObject o) {
        return ObjectKey.of(o).toString();
    }
}
