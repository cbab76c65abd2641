package net.whoisd.server.update;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.rpsl.RpslWriter;

/** Writes the plain-text acknowledgement of an update message in RIPE's layout. */
public final class Acknowledgement {
    static final String RULE = "~".repeat(52);
    private static final int WIDTH = 80;
    private static final int INDENT = 12;
    private static final DateTimeFormatter HANDLED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HEADER_DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Acknowledgement() {
    }

    /** The origin header lines: sync {@code - From-Host:}/{@code - Date/Time:}; mail {@code >  From:}. */
    public static List<String> header(UpdateOrigin origin, String client, Instant time) {
        return switch (origin) {
            case MAIL -> List.of(">  From:       " + client, ">  Date:       " + HEADER_DATE.format(time));
            case SYNCUPDATES -> List.of("- From-Host: " + client, "- Date/Time: " + HEADER_DATE.format(time));
            case REGISTRY -> List.of("- Registry operation by: " + client, "- Date/Time: " + HEADER_DATE.format(time));
        };
    }

    /**
     * The whole acknowledgement.
     *
     * @param header   origin header lines
     * @param results  one per object, in message order
     * @param ignored  paragraphs that do not look like objects
     * @param global   message-level problems
     * @param source   the database's source name
     * @param contact  the address users may write to
     * @param host     this server's host name
     * @param origin   the channel
     * @param time     when the message was handled
     */
    public static String write(List<String> header, List<ObjectResult> results, List<String> ignored, List<Problem> global,
                               String source, String contact, String host, UpdateOrigin origin, Instant time) {
        StringBuilder sb = new StringBuilder(1024);
        header.forEach(h -> sb.append(h).append('\n'));
        sb.append('\n');
        int[] ok = new int[Action.values().length];
        int[] bad = new int[Action.values().length];
        List<ObjectResult> failed = new ArrayList<>();
        List<ObjectResult> succeeded = new ArrayList<>();
        for (ObjectResult r : results) {
            (r.succeeded() ? ok : bad)[r.action().ordinal()]++;
            (r.succeeded() ? succeeded : failed).add(r);
        }
        sb.append("SUMMARY OF UPDATE:\n\n");
        // plain appends: String.format looked up the locale's digits for every number (a sixth of the
        // HTTP threads' CPU per update)
        sb.append("Number of objects found:                   ").append(results.size()).append('\n');
        sb.append("Number of objects processed successfully:  ").append(succeeded.size()).append('\n');
        appendCounts(sb, ok, true);
        sb.append("Number of objects processed with errors:   ").append(failed.size()).append('\n');
        appendCounts(sb, bad, false);
        sb.append("\nDETAILED EXPLANATION:\n\n");
        if (!global.isEmpty()) {
            global.forEach(p -> appendMessage(sb, p));
            sb.append('\n');
        }
        if (!failed.isEmpty()) {
            sb.append(RULE).append('\n');
            sb.append("The following object(s) were found to have ERRORS:\n\n");
            for (ObjectResult r : failed) {
                sb.append("---\n").append(r.resultLine()).append("\n\n");
                List<Problem> objectLevel = appendObject(sb, r.object(), r.messages());
                sb.append('\n');
                if (!objectLevel.isEmpty()) {
                    objectLevel.forEach(p -> appendMessage(sb, p));
                    sb.append('\n');
                }
            }
        }
        if (!succeeded.isEmpty()) {
            sb.append(RULE).append('\n');
            sb.append("The following object(s) were processed SUCCESSFULLY:\n\n");
            for (ObjectResult r : succeeded) {
                sb.append("---\n").append(r.resultLine()).append("\n\n");
                if (!r.messages().isEmpty()) {
                    r.messages().forEach(p -> appendMessage(sb, p));
                    sb.append('\n');
                }
            }
        }
        if (!ignored.isEmpty()) {
            sb.append(RULE).append('\n');
            sb.append("The following paragraph(s) do not look like objects\nand were NOT PROCESSED:\n\n");
            for (String paragraph : ignored) {
                sb.append(filterPasswords(paragraph)).append("\n\n");
            }
        }
        sb.append(RULE).append("\n\n");
        sb.append("The ").append(source).append(" database is subject to the terms and conditions of its registry.\n\n");
        sb.append("For assistance or clarification please contact:\n");
        sb.append(source).append(" Database Administration <").append(contact).append(">\n\n\n");
        sb.append("Generated by whoisd version ").append(Version.NUMBER).append(" on ").append(host).append('\n');
        sb.append("Handled ").append(origin.label()).append(" (").append(source).append(", ")
                .append(HANDLED.format(time.truncatedTo(ChronoUnit.SECONDS))).append(")\n");
        return sb.toString();
    }

    /** Writes the object with each attribute's messages under it; returns the messages that belong to no attribute. */
    private static void appendCounts(StringBuilder sb, int[] byAction, boolean withNoOperation) {
        sb.append("  Create:         ").append(byAction[Action.CREATE.ordinal()]).append('\n');
        sb.append("  Modify:         ").append(byAction[Action.MODIFY.ordinal()]).append('\n');
        sb.append("  Delete:         ").append(byAction[Action.DELETE.ordinal()]).append('\n');
        if (withNoOperation) {
            sb.append("  No Operation:   ").append(byAction[Action.NOOP.ordinal()]).append('\n');
        }
    }

    static List<Problem> appendObject(StringBuilder sb, RpslObject object, List<Problem> messages) {
        List<Problem> rest = new ArrayList<>(messages);
        if (object == null) {
            return rest;
        }
        for (RpslAttribute a : object.attributes()) {
            RpslWriter.appendAttribute(sb, a.name(), displayValue(a));
            for (var it = rest.iterator(); it.hasNext(); ) {
                Problem p = it.next();
                if (p.attribute() != null && p.attribute().equals(a.name()) && (p.line() == 0 || p.line() == a.line())) {
                    appendMessage(sb, p);
                    it.remove();
                }
            }
        }
        return rest;
    }

    /** {@code auth:} hashes are never echoed. */
    static String displayValue(RpslAttribute a) {
        if (a.name().equals("auth")) {
            String v = a.cleanValue().toUpperCase(Locale.ROOT);
            if (v.startsWith("BCRYPT-PW") || v.startsWith("MD5-PW") || v.startsWith("CRYPT-PW")) {
                return v.substring(0, v.indexOf('-') + 3).trim() + " # Filtered";
            }
        }
        return a.value();
    }

    private static String filterPasswords(String paragraph) {
        return paragraph.replaceAll("(?im)^(\\s*\\S*(BCRYPT-PW|MD5-PW)\\s+)\\S+", "$1# Filtered");
    }

    /** {@code ***Error:   text}, wrapped at 80 columns with continuation lines indented 12 spaces. */
    public static void appendMessage(StringBuilder sb, Problem p) {
        String label = switch (p.severity()) {
            case ERROR -> "***Error:   ";
            case WARNING -> "***Warning: ";
            case INFO -> "***Info:    ";
        };
        sb.append(label);
        int column = INDENT;
        boolean lineStart = true;
        for (String paragraphLine : p.message().split("\n")) {
            if (!lineStart) {
                sb.append('\n').append(" ".repeat(INDENT));
                column = INDENT;
            }
            lineStart = false;
            boolean first = true;
            for (String word : paragraphLine.split(" ")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (!first && column + 1 + word.length() > WIDTH) {
                    sb.append('\n').append(" ".repeat(INDENT));
                    column = INDENT;
                    first = true;
                }
                if (!first) {
                    sb.append(' ');
                    column++;
                }
                sb.append(word);
                column += word.length();
                first = false;
            }
        }
        sb.append('\n');
    }
}
