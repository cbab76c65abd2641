package net.whoisd.server.update;

import net.whoisd.server.metrics.UpdateDoor;

/** Where an update message came from; decides the acknowledgement header and whether override is allowed. */
public enum UpdateOrigin {
    SYNCUPDATES("sync update"),
    MAIL("email update"),
    REGISTRY("registry operation");

    private final String label;

    UpdateOrigin(String label) {
        this.label = label;
    }

    /** How the acknowledgement names the channel ({@code Handled sync update (...)}). */
    public String label() {
        return label;
    }

    /** Mail cannot carry {@code override:} (it is not an administrative channel). */
    /** The door as the metrics count it. */
    public UpdateDoor door() {
        return UpdateDoor.valueOf(name());
    }

    public boolean allowsOverride() {
        return this != MAIL;
    }
}
