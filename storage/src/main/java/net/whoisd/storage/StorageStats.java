package net.whoisd.storage;

/**
 * Counters of the storage's own work, for monitoring.
 *
 * @param journalFsyncs        journal records forced to disk since the database was opened
 * @param journalFsyncNanos    the time those forces took, in total
 * @param indexPendingChanges  changed objects searched from memory, not yet refreshed into the
 *                             Lucene reader (the index's lag; searches see them all the same)
 */
public record StorageStats(long journalFsyncs, long journalFsyncNanos, int indexPendingChanges) {
    /** For a database that keeps no such counters. */
    public static final StorageStats NONE = new StorageStats(0, 0, 0);
}
