package net.whoisd.server.metrics;

/** The door an update came through, as the metrics label it. */
public enum UpdateDoor {
    SYNCUPDATES("syncupdates"),
    MAIL("mail"),
    REGISTRY("registry");

    private final String label;

    UpdateDoor(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
