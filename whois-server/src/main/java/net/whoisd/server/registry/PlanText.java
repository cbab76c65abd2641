package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.List;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Operation;

/** How a plan reads for the operator: every change with its attribute diff, the report, warnings. */
final class PlanText {
    private PlanText() {
    }

    static String render(RegistryPlan plan, String outcome) {
        StringBuilder sb = new StringBuilder();
        sb.append(outcome).append('\n');
        for (RegistryPlan.Step step : plan.steps()) {
            Operation op = step.change().operation();
            sb.append(switch (op) {
                case CREATE -> "Create ";
                case MODIFY -> "Modify ";
                case DELETE -> "Delete ";
            }).append(ObjectKey.of(step.change().object())).append('\n');
            if (op == Operation.CREATE) {
                step.change().object().attributes().forEach(a -> sb.append("  + ").append(line(a)).append('\n'));
            } else if (op == Operation.MODIFY) {
                diff(step.before(), step.change().object()).forEach(l -> sb.append("  ").append(l).append('\n'));
            }
        }
        if (!plan.report().isEmpty()) {
            sb.append('\n');
            plan.report().forEach(l -> sb.append(l).append('\n'));
        }
        if (!plan.warnings().isEmpty()) {
            sb.append('\n');
            plan.warnings().forEach(l -> sb.append("Warning: ").append(l).append('\n'));
        }
        sb.append('\n').append(plan.summary()).append('\n');
        return sb.toString();
    }

    /** Removed attributes as {@code - name: value}, added as {@code + name: value}; last-modified left out. */
    static List<String> diff(RpslObject before, RpslObject after) {
        List<String> old = lines(before);
        List<String> now = lines(after);
        List<String> out = new ArrayList<>();
        List<String> remaining = new ArrayList<>(now);
        for (String l : old) {
            if (!remaining.remove(l)) {
                out.add("- " + l);
            }
        }
        List<String> unchanged = new ArrayList<>(old);
        for (String l : now) {
            if (!unchanged.remove(l)) {
                out.add("+ " + l);
            }
        }
        return out;
    }

    private static List<String> lines(RpslObject o) {
        List<String> out = new ArrayList<>();
        for (RpslAttribute a : o.attributes()) {
            if (!a.name().equals("last-modified")) {
                out.add(line(a));
            }
        }
        return out;
    }

    private static String line(RpslAttribute a) {
        return a.name() + ": " + a.cleanValue();
    }
}
