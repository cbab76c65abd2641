package net.whoisd.server.metrics;

/** Why the ACL turned a whois client away; one label value each. */
public enum AclBlock {
    /** The address is in {@code acl.denied}: refused at connect. */
    DENIED("denied"),
    /** The address already had {@code acl.connections-per-ip} connections open: refused at connect. */
    CONNECTION_LIMIT("connection-limit"),
    /** The address had used up {@code acl.personal-objects-per-day}: the query was refused or cut short. */
    PERSONAL_DATA_LIMIT("personal-data-limit");

    private final String label;

    AclBlock(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
