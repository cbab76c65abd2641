package net.whoisd.server.query;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.ObjectVersion;
import net.whoisd.storage.Operation;
import net.whoisd.storage.WhoisDatabase;

/** {@code --list-versions}, {@code --show-version} and {@code --diff-versions} (reference section 11). */
final class VersionQueries {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<ObjectType> NO_HISTORY = EnumSet.of(ObjectType.PERSON, ObjectType.ROLE);

    private final WhoisDatabase db;

    VersionQueries(WhoisDatabase db) {
        this.db = db;
    }

    void answer(Query q, ResponseText out) {
        String key = q.key().text();
        // RIPE's headers echo the search key as typed, lower-cased
        String typedKey = key.toLowerCase(Locale.ROOT);
        Set<ObjectType> types = q.types().isEmpty() ? EnumSet.allOf(ObjectType.class) : EnumSet.copyOf(q.types());
        if (!q.types().isEmpty() && NO_HISTORY.containsAll(types)) {
            out.message(QueryMessages.versionsOfPersonRole());
            return;
        }
        ObjectType personOrRole = null;
        for (ObjectType type : types) {
            String normalised = ObjectKey.normalise(type, key);
            List<ObjectVersion> history = db.history(type, normalised);
            if (history.isEmpty()) {
                continue;
            }
            if (NO_HISTORY.contains(type)) {
                personOrRole = type;
                continue;
            }
            if (q.has(QueryFlag.LIST_VERSIONS)) {
                list(type, typedKey, history, out);
            } else if (q.has(QueryFlag.SHOW_VERSION)) {
                show(type, history, Integer.parseInt(q.value(QueryFlag.SHOW_VERSION)), out);
            } else {
                String[] parts = Arrays.stream(q.value(QueryFlag.DIFF_VERSIONS).split(":")).filter(p -> !p.isEmpty())
                        .toArray(String[]::new);
                diff(type, history, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), out);
            }
            return;
        }
        if (personOrRole != null) {
            out.message(QueryMessages.versionPersonRole(personOrRole.attributeName().toUpperCase(Locale.ROOT), typedKey));
            return;
        }
        out.message(QueryMessages.noResults(List.of(db.source())));
    }

    private static void list(ObjectType type, String key, List<ObjectVersion> history, ResponseText out) {
        out.message(QueryMessages.versionListStart(type.attributeName().toUpperCase(Locale.ROOT), key));
        ObjectVersion last = history.get(history.size() - 1);
        if (last.operation() == Operation.DELETE) {
            out.message(QueryMessages.versionDeleted(TIME.format(last.time())));
        }
        int width = Math.max(4, String.valueOf(history.size()).length());
        String format = "%-" + width + "s  %-16s  %-7s\n";
        out.text(String.format(Locale.ROOT, format, "rev#", "Date", "Op."));
        StringBuilder rows = new StringBuilder();
        for (ObjectVersion v : history) {
            if (v.operation() == Operation.DELETE) {
                continue;
            }
            rows.append(String.format(Locale.ROOT, format, v.version(), TIME.format(v.time()), "ADD/UPD"));
        }
        out.text(rows.toString());
    }

    private static List<ObjectVersion> live(List<ObjectVersion> history) {
        List<ObjectVersion> out = new ArrayList<>(history.size());
        for (ObjectVersion v : history) {
            if (v.operation() != Operation.DELETE) {
                out.add(v);
            }
        }
        return out;
    }

    /** The object's key as RIPE names a version: a route's prefix and origin together. */
    private static String objectKey(ObjectType type, RpslObject object) {
        String origin = object.value("origin");
        return (type == ObjectType.ROUTE || type == ObjectType.ROUTE6) && origin != null
                ? object.classValue() + origin : object.classValue();
    }

    private static void show(ObjectType type, List<ObjectVersion> history, int n, ResponseText out) {
        List<ObjectVersion> live = live(history);
        if (n > live.size()) {
            out.message(QueryMessages.versionOutOfRange(live.size()));
            return;
        }
        ObjectVersion v = live.get(n - 1);
        boolean current = n == live.size() && history.get(history.size() - 1).operation() != Operation.DELETE;
        out.message(QueryMessages.versionInformation(n, current, objectKey(type, v.object()), false, TIME.format(v.time())));
        out.object(ObjectFilter.text(ObjectFilter.filter(v.object(), true)));
    }

    private static void diff(ObjectType type, List<ObjectVersion> history, int a, int b, ResponseText out) {
        List<ObjectVersion> live = live(history);
        int max = Math.max(a, b);
        if (max > live.size()) {
            out.message(QueryMessages.versionOutOfRange(live.size()));
            return;
        }
        String left = ObjectFilter.text(ObjectFilter.filter(live.get(a - 1).object(), true));
        String right = ObjectFilter.text(ObjectFilter.filter(live.get(b - 1).object(), true));
        out.message(QueryMessages.versionDifferenceHeader(a, b, objectKey(type, live.get(a - 1).object())));
        out.text(UnifiedDiff.diff(left, right));
    }
}
