package net.whoisd.storage.journal;

import net.whoisd.storage.Operation;

/**
 * One change as the journal records it.
 *
 * @param operation what happened
 * @param id        the internal id of the object (assigned by the writer before journaling, so that a
 *                  replay gives every object the same id again)
 * @param text      the object text: the new version, or for DELETE the version deleted
 * @param tag       what the committer tagged the change with (see {@code WhoisDatabase#taggedChanges}), or null
 */
public record JournalChange(Operation operation, long id, String text, String tag) {

    public JournalChange(Operation operation, long id, String text) {
        this(operation, id, text, null);
    }
}
