package net.whoisd.storage.store;

import net.whoisd.storage.Operation;

/**
 * One version in an object's history as the store keeps it. The text of the current (live) version
 * is not repeated here: it is null, and the object map holds it.
 */
public record Version(Operation operation, long serial, long timeMillis, String text) {
}
