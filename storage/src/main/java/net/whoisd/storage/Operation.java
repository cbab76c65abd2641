package net.whoisd.storage;

/** What a change does to an object. A create of an existing key or a modify of a missing one fails. */
public enum Operation {
    CREATE, MODIFY, DELETE
}
