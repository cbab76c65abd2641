package net.whoisd.server.config;

import java.util.List;
import net.whoisd.server.config.ConfigKey.Group;

/**
 * The documentation generated from {@link ConfigKeys}: docs/configuration.md
 * ({@code whoisd config --markdown}) and the commented properties file of
 * {@code whoisd config --defaults}.
 */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    /** docs/configuration.md. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("<!-- generated from ConfigKeys.java by `./whoisd config --markdown > docs/configuration.md`;"
                        + " ConfigDocsTest fails when this file is out of date -->\n\n")
                .append("Every command takes `--config FILE`, a Java properties file (UTF-8) of the keys below; every key is\n")
                .append("optional, and a blank value means the default. The configuration is checked before anything starts:\n")
                .append("unknown keys (with the nearest known key as a suggestion) and bad values are all reported at once,\n")
                .append("each with its key, and the command exits with status 1. `./whoisd config --check --config FILE`\n")
                .append("checks a file without starting anything, `./whoisd config --defaults` prints every key with its\n")
                .append("default, and `serve` logs the `effective configuration:` at start (`override.users` hashes masked).\n\n")
                .append("Durations are a number in the key's unit, or a number with `ms`, `s`, `m`, `h` or `d`; sizes a number\n")
                .append("in the key's unit, or with `KB`, `MB` or `GB`. Command-line options (`--data`, `--whois-port`, ...)\n")
                .append("override the file.\n\n")
                .append("## Configuration keys\n\n");
        table(md, Group.CONFIGURATION);
        md.append("\n## Tuning\n\n")
                .append("Defaults suit a 2-core machine with a database of a few million objects. Tuning keys go in the same\n")
                .append("file, or, as before, into `JAVA_OPTS` as system properties named `whoisd.` + the key (for example\n")
                .append("`JAVA_OPTS=\"-Xmx4g -Dwhoisd.store.checkpoint-ms=5000\" ./whoisd serve`). A system property overrides\n")
                .append("the file's value for the same key, as command-line options do; it is checked like the file's, and a\n")
                .append("`whoisd.` property that names a configuration key or misspells a tuning key is an error.\n\n");
        table(md, Group.TUNING);
        return md.toString();
    }

    /** Every key commented out at its default, with its meaning: a starting point for a configuration file. */
    public static String defaultsFile() {
        StringBuilder out = new StringBuilder();
        out.append("# whoisd configuration: every key at its default (uncomment to change). See docs/configuration.md.\n");
        for (Group group : Group.values()) {
            out.append("\n# ---- ").append(group == Group.CONFIGURATION ? "configuration" : "tuning (also -Dwhoisd.<key>)")
                    .append("\n");
            for (ConfigKey<?> key : keys(group)) {
                out.append("\n# ").append(key.meaning().replace("`", "")).append("\n")
                        .append("# ").append(key.type().name()).append(": ").append(key.type().allowed()).append("\n")
                        .append("#").append(key.name()).append(" = ").append(key.defaultText()).append("\n");
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder md, Group group) {
        md.append("| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
        for (ConfigKey<?> key : keys(group)) {
            md.append("| `").append(key.name()).append("` | ").append(key.type().name()).append(" | ")
                    .append(key.defaultText().isEmpty() ? "none" : "`" + key.defaultText() + "`").append(" | ")
                    .append(cell(key.type().allowed())).append(" | ").append(cell(key.meaning())).append(" |\n");
        }
    }

    private static List<ConfigKey<?>> keys(Group group) {
        return ConfigKeys.all().stream().filter(k -> k.group() == group).toList();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
