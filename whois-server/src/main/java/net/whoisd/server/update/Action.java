package net.whoisd.server.update;

/** What an update does to one object. */
public enum Action {
    CREATE("Create"),
    MODIFY("Modify"),
    DELETE("Delete"),
    /** The submitted object is identical to the stored one: nothing to do (a success). */
    NOOP("No operation");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    /** The word the acknowledgement uses ({@code Create}, {@code Modify}, {@code Delete}, {@code No operation}). */
    public String label() {
        return label;
    }
}
