package net.whoisd.server.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads the configuration keys of {@link ConfigKeys} from a properties file and, for the tuning
 * keys, from {@code -Dwhoisd.<key>} system properties, and checks everything before anything is
 * used: unknown keys and bad values are all reported together in one {@link ConfigException}.
 *
 * <p>A tuning key given both ways takes the system property's value: like the command-line
 * options, what is given for one run overrides the file. A {@code whoisd.} system property that
 * names a configuration key, or nearly names a tuning key, is an error too; others are left alone
 * (the build has {@code whoisd.} properties of its own, {@code whoisd.skipSlow} for one).
 */
public final class ConfigReader {
    private ConfigReader() {
    }

    /**
     * @param origin           what the file is called in error messages
     * @param file             the file's keys
     * @param systemProperties the JVM's system properties (only {@code whoisd.}-prefixed tuning keys are read)
     */
    public static Map<ConfigKey<?>, Object> read(String origin, Properties file, Properties systemProperties) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(file.stringPropertyNames())) {
            if (ConfigKeys.byName(name).isEmpty()) {
                problems.add(name + ": unknown key" + suggestion(name).map(s -> " (did you mean " + s + "?)").orElse(""));
            }
        }
        problems.addAll(misplacedSystemProperties(systemProperties));
        Map<ConfigKey<?>, Object> values = new HashMap<>();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            String property = key.systemProperty();
            String fromSystem = property == null ? null : systemProperties.getProperty(property);
            String label = fromSystem != null ? "-D" + property : key.name();
            String text = fromSystem != null ? fromSystem : file.getProperty(key.name());
            if (text == null || text.isBlank()) {
                text = key.defaultText();
            }
            try {
                values.put(key, key.type().parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(label + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(origin, problems);
        }
        return values;
    }

    private static List<String> misplacedSystemProperties(Properties systemProperties) {
        List<String> problems = new ArrayList<>();
        for (String property : new TreeSet<>(systemProperties.stringPropertyNames())) {
            if (!property.startsWith(ConfigKey.SYSTEM_PROPERTY_PREFIX)) {
                continue;
            }
            String name = property.substring(ConfigKey.SYSTEM_PROPERTY_PREFIX.length());
            Optional<ConfigKey<?>> key = ConfigKeys.byName(name);
            if (key.isPresent() && key.get().systemProperty() == null) {
                problems.add("-D" + property + ": only tuning keys are read from system properties; set " + name
                        + " in the --config file");
            } else if (key.isEmpty()) {
                suggestion(name).flatMap(ConfigKeys::byName).filter(k -> k.systemProperty() != null).ifPresent(k ->
                        problems.add("-D" + property + ": unknown tuning key (did you mean -D" + k.systemProperty() + "?)"));
            }
        }
        return problems;
    }

    /** The known key nearest to a misspelt one, if it is near enough to be what was meant. */
    static Optional<String> suggestion(String unknown) {
        String name = unknown.startsWith(ConfigKey.SYSTEM_PROPERTY_PREFIX)
                ? unknown.substring(ConfigKey.SYSTEM_PROPERTY_PREFIX.length()) : unknown;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> key : ConfigKeys.all()) {
            int d = distance(name, key.name());
            if (d < bestDistance) {
                best = key.name();
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
