package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.Operation;

/**
 * Everything one registry operation would do, computed before anything is written: the changes
 * (committed together or not at all), the report lines the operator gets (e.g. the kept
 * assignments), warnings about objects left as they are, and the one-line summary.
 */
public record RegistryPlan(String operation, List<Step> steps, List<String> report, List<String> warnings, String summary) {

    /** One change and the stored version it replaces (null for a create). */
    public record Step(Change change, RpslObject before) {
    }

    public RegistryPlan {
        steps = List.copyOf(steps);
        report = List.copyOf(report);
        warnings = List.copyOf(warnings);
    }

    public List<Change> changes() {
        return steps.stream().map(Step::change).toList();
    }

    public long count(Operation operation) {
        return steps.stream().filter(s -> s.change().operation() == operation).count();
    }

    /** Collects steps; a second change to the same object replaces the first (keeping the original before). */
    public static final class Builder {
        private final String operation;
        private final Map<ObjectKey, Step> steps = new LinkedHashMap<>();
        private final List<String> report = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        public Builder(String operation) {
            this.operation = operation;
        }

        public Builder modify(RpslObject before, RpslObject after) {
            ObjectKey key = ObjectKey.of(before);
            Step prior = steps.get(key);
            if (prior != null && prior.change().operation() == Operation.DELETE) {
                return this;
            }
            RpslObject original = prior != null ? prior.before() : before;
            if (!after.equals(original)) {
                steps.put(key, new Step(Change.modify(after), original));
            }
            return this;
        }

        public Builder delete(RpslObject before) {
            ObjectKey key = ObjectKey.of(before);
            Step prior = steps.get(key);
            RpslObject original = prior != null ? prior.before() : before;
            steps.put(key, new Step(Change.delete(original), original));
            return this;
        }

        public Builder create(RpslObject object) {
            steps.put(ObjectKey.of(object), new Step(Change.create(object), null));
            return this;
        }

        /** The object as this plan leaves it so far: the planned version, or {@code stored} if untouched. */
        public RpslObject current(RpslObject stored) {
            Step s = steps.get(ObjectKey.of(stored));
            return s == null ? stored : s.change().object();
        }

        public boolean touches(ObjectKey key) {
            return steps.containsKey(key);
        }

        public Builder report(String line) {
            report.add(line);
            return this;
        }

        public Builder warn(String line) {
            warnings.add(line);
            return this;
        }

        public RegistryPlan build(String summary) {
            return new RegistryPlan(operation, new ArrayList<>(steps.values()), report, warnings, summary);
        }
    }
}
