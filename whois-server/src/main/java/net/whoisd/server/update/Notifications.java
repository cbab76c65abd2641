package net.whoisd.server.update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.rpsl.RpslWriter;
import net.whoisd.server.outbox.OutgoingMail;

/**
 * Composes the notification mails of one message: {@code notify:} of the object and
 * {@code mnt-nfy:} of its maintainers for every change, {@code upd-to:} of its maintainers when
 * authorisation failed. One mail per address, holding only the objects that concern it.
 */
final class Notifications {

    /** A change (or refused change) to notify about. */
    record Event(Action action, boolean authFailure, RpslObject before, RpslObject after, String deleteReason) {
        RpslObject guarding() {
            return before != null ? before : after;
        }
    }

    private Notifications() {
    }

    static List<OutgoingMail> compose(List<Event> events, List<String> header, String source,
                                      Function<String, Optional<RpslObject>> mntnerLookup) {
        Map<String, List<Event>> changes = new LinkedHashMap<>();
        Map<String, List<Event>> failures = new LinkedHashMap<>();
        for (Event e : events) {
            Set<String> to = new LinkedHashSet<>();
            if (e.authFailure()) {
                for (String m : e.guarding().values("mnt-by")) {
                    mntnerLookup.apply(m).ifPresent(o -> to.addAll(o.values("upd-to")));
                }
                to.forEach(addr -> failures.computeIfAbsent(normal(addr), x -> new ArrayList<>()).add(e));
            } else {
                to.addAll(e.guarding().values("notify"));
                for (String m : e.guarding().values("mnt-by")) {
                    mntnerLookup.apply(m).ifPresent(o -> to.addAll(o.values("mnt-nfy")));
                }
                to.forEach(addr -> changes.computeIfAbsent(normal(addr), x -> new ArrayList<>()).add(e));
            }
        }
        Set<String> recipients = new LinkedHashSet<>(changes.keySet());
        recipients.addAll(failures.keySet());
        List<OutgoingMail> mails = new ArrayList<>();
        for (String to : recipients) {
            List<Event> failed = failures.getOrDefault(to, List.of());
            List<Event> changed = changes.getOrDefault(to, List.of());
            String subject = failed.isEmpty() ? "Notification of " + source + " Database changes"
                    : source + " Database updates, auth error notification";
            mails.add(OutgoingMail.of(List.of(to), subject, body(header, source, failed, changed)));
        }
        return mails;
    }

    private static String normal(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    static String body(List<String> header, String source, List<Event> failed, List<Event> changed) {
        StringBuilder sb = new StringBuilder();
        sb.append("This is to notify you of changes in the ").append(source).append(" Database or\n")
                .append("object authorisation failures.\n\n")
                .append("This message is auto-generated.\n\n")
                .append("You may receive this message because you are listed in\n")
                .append("the notify attribute on the changed object(s), or because\n")
                .append("you are listed in the mnt-nfy or upd-to attribute on a maintainer\n")
                .append("of the object(s).\n\n");
        header.forEach(h -> sb.append(h).append('\n'));
        sb.append('\n');
        if (!failed.isEmpty()) {
            sb.append(Acknowledgement.RULE).append('\n')
                    .append("Some objects in which you are referenced as a\n")
                    .append("maintainer were requested to be changed, but *failed*\n")
                    .append("the proper authorisation for any of the referenced\n")
                    .append("maintainers.\n\n");
            for (Event e : failed) {
                sb.append("---\n").append(e.action().label().toUpperCase(Locale.ROOT)).append(" REQUESTED FOR:\n\n");
                sb.append(filtered(e.action() == Action.DELETE ? e.before() : e.after())).append('\n');
                if (e.deleteReason() != null) {
                    sb.append("Reason for deletion: ").append(e.deleteReason()).append("\n\n");
                }
            }
        }
        if (!changed.isEmpty()) {
            sb.append(Acknowledgement.RULE).append('\n')
                    .append("Some object(s) in ").append(source).append(" Database that you either\n")
                    .append("maintain or you are listed in as to-be-notified have\n")
                    .append("been changed.\n\n");
            for (Event e : changed) {
                switch (e.action()) {
                    case CREATE -> sb.append("---\nOBJECT BELOW CREATED:\n\n").append(filtered(e.after())).append('\n');
                    case DELETE -> {
                        sb.append("---\nOBJECT BELOW DELETED:\n\n").append(filtered(e.before())).append('\n');
                        if (e.deleteReason() != null) {
                            sb.append("Reason for deletion: ").append(e.deleteReason()).append("\n\n");
                        }
                    }
                    default -> sb.append("---\nOBJECT BELOW MODIFIED:\n\n").append(filtered(e.before()))
                            .append("\nREPLACED BY:\n\n").append(filtered(e.after())).append('\n');
                }
            }
        }
        sb.append(Acknowledgement.RULE).append('\n')
                .append("The ").append(source).append(" Database is subject to the terms and conditions of its registry.\n");
        return sb.toString();
    }

    /** The object with auth hashes replaced by {@code # Filtered}. */
    static String filtered(RpslObject o) {
        StringBuilder sb = new StringBuilder();
        for (RpslAttribute a : o.attributes()) {
            RpslWriter.appendAttribute(sb, a.name(), Acknowledgement.displayValue(a));
        }
        return sb.toString();
    }
}
