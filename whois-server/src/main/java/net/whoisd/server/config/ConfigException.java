package net.whoisd.server.config;

import java.util.List;

/** A configuration that cannot be used: every problem found, each naming its key. */
public final class ConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public ConfigException(String origin, List<String> problems) {
        super(origin + " has " + (problems.size() == 1 ? "1 error" : problems.size() + " errors") + ":\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with the key (or the system property) it is about. */
    public List<String> problems() {
        return problems;
    }
}
