package net.whoisd.storage.disk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.whoisd.rpsl.Problem;

/**
 * The warnings of an import counted by reason ("nic-hdl syntax", "repeated origin", ...), for the
 * summary at its end: {@code 3,402 (nic-hdl syntax 2,100; source comment 1,302)}.
 */
public final class ImportWarnings {
    private final Map<String, Long> byReason = new HashMap<>();
    private long total;

    void add(Problem problem) {
        byReason.merge(reasonOf(problem), 1L, Long::sum);
        total++;
    }

    public long total() {
        return total;
    }

    /** Reasons with their counts, the most frequent first (ties by name). */
    public List<Map.Entry<String, Long>> byReason() {
        List<Map.Entry<String, Long>> out = new ArrayList<>(byReason.entrySet());
        out.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return out;
    }

    /** {@code 0}, or the total and the counts by reason: {@code 3,402 (nic-hdl syntax 2,100; ...)}. */
    public String summary() {
        if (total == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(count(total)).append(" (");
        String separator = "";
        for (Map.Entry<String, Long> e : byReason()) {
            sb.append(separator).append(e.getKey()).append(' ').append(count(e.getValue()));
            separator = "; ";
        }
        return sb.append(')').toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A short reason for a warning, without the value it concerns, so that warnings of one kind are
     * counted together. The words follow the messages of {@code ObjectValidator} and the lexer.
     */
    static String reasonOf(Problem p) {
        String a = p.attribute();
        String m = p.message();
        if (a == null) {
            if (m.startsWith("control characters")) {
                return "control characters";
            }
            int cut = m.indexOf(" skipped");
            return cut > 0 ? m.substring(0, cut) : m;
        }
        if (m.startsWith("syntax error")) {
            return a + " syntax";
        }
        if (m.startsWith("mandatory attribute")) {
            return "missing " + a;
        }
        if (m.contains("only one is allowed")) {
            return "repeated " + a;
        }
        if (m.contains("is not a known RPSL attribute")) {
            return "unknown attribute";
        }
        if (m.contains("is not valid for this object type")) {
            return a + " not in the class template";
        }
        if (m.startsWith("comments are not allowed")) {
            return a + " comment";
        }
        if (m.startsWith("glue")) {
            return a + " glue";
        }
        int quote = m.indexOf('"');
        return a + ": " + (quote > 0 ? m.substring(0, quote).trim() : m);
    }
}
