package net.whoisd.server.update;

/** The keyword of an update message (mail subject or syncupdates flag). */
public enum Keyword {
    /** Normal processing. */
    NONE,
    /** Every object must be a creation: existing objects and deletions fail. */
    NEW
}
