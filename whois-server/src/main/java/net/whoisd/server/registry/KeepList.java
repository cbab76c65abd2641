package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.List;
import net.whoisd.rpsl.IpRange;

/**
 * The keep file of an LIR closure: one assignment per line, as a range ({@code a - b}) or a prefix;
 * blank lines and lines starting with {@code #} are ignored. Parsing collects every bad line at once.
 */
public record KeepList(List<Entry> entries, List<String> errors) {

    /** One listed assignment and the line it came from. */
    public record Entry(IpRange range, int line) {
    }

    public KeepList {
        entries = List.copyOf(entries);
        errors = List.copyOf(errors);
    }

    /** @param name how the file is named in error messages (e.g. the path given to the CLI) */
    public static KeepList parse(String text, String name) {
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            // The registry's own list format (range, size, date, netname) is accepted as input too.
            String rangeText = line.contains(" - ") ? firstRange(line) : line.split("\\s+")[0];
            var range = IpRange.parse(rangeText);
            if (range.isEmpty()) {
                errors.add(name + ":" + (i + 1) + ": not an address range or prefix: " + line);
                continue;
            }
            for (Entry e : entries) {
                if (e.range().overlaps(range.get())) {
                    errors.add(name + ":" + (i + 1) + ": overlaps line " + e.line() + " (" + e.range() + ")");
                }
            }
            entries.add(new Entry(range.get(), i + 1));
        }
        return new KeepList(entries, errors);
    }

    private static String firstRange(String line) {
        String[] w = line.split("\\s+");
        return w.length >= 3 ? w[0] + " - " + w[2] : line;
    }
}
