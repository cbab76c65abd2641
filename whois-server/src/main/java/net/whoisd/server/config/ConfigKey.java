package net.whoisd.server.config;

/**
 * One configuration key: a row of {@link ConfigKeys}.
 *
 * @param name        the key in the properties file
 * @param type        how its value is parsed, checked and shown
 * @param defaultText the value when the key is absent or blank, as it would be written in the file
 * @param group       {@link Group#TUNING} keys are also read from {@code -Dwhoisd.<name>}
 * @param meaning     one line for the documentation
 */
public record ConfigKey<T>(String name, ValueType<T> type, String defaultText, Group group, String meaning) {

    /** Where a key is documented, and whether a system property may give it. */
    public enum Group {
        CONFIGURATION, TUNING
    }

    /** The prefix of the JVM system property that gives a tuning key ({@code -Dwhoisd.store.checkpoint-ms}). */
    public static final String SYSTEM_PROPERTY_PREFIX = "whoisd.";

    /** The system property that gives this key, or null if none may. */
    public String systemProperty() {
        return group == Group.TUNING ? SYSTEM_PROPERTY_PREFIX + name : null;
    }

    public T defaultValue() {
        return type.parse(defaultText);
    }
}
