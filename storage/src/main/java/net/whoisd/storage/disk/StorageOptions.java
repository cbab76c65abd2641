package net.whoisd.storage.disk;

import java.time.Duration;
import net.whoisd.storage.index.LuceneIndex;

/**
 * The database's tuning, given to {@link PersistentDatabase#open(java.nio.file.Path, String, StorageOptions)}
 * and {@link BulkImporter}: storage reads no configuration of its own, so tests can vary any of
 * it per database. The server fills it from its configuration (docs/configuration.md, "Tuning").
 *
 * @param checkpointInterval the store's transaction is committed at most this long after a change
 * @param checkpointChanges  ... and as soon as this many changes are pending
 * @param reserveBytes       held back on the data directory's file system to roll back a failed write
 * @param minFreeBytes       free space beside the reserve below which commits are refused
 * @param openTimeout        a store not opened and checked within this time is treated as damaged
 * @param cacheObjects       parsed objects kept in memory (also the size of the range cache)
 * @param cacheKeys          primary key to id entries kept in memory
 * @param cacheSearches      index search results kept in memory
 * @param snapshotChanges    changes after the last snapshot that make a new one due
 * @param snapshotInterval   while open, a snapshot is written this often if anything changed (zero: never)
 * @param indexBulkRamMb     Lucene's indexing buffer during a bulk load
 * @param refresh            when live changes are refreshed into the Lucene reader
 */
public record StorageOptions(Duration checkpointInterval, long checkpointChanges, long reserveBytes, long minFreeBytes,
                             Duration openTimeout, int cacheObjects, int cacheKeys, int cacheSearches,
                             long snapshotChanges, Duration snapshotInterval, int indexBulkRamMb,
                             LuceneIndex.RefreshPolicy refresh) {
    private static final long MB = 1L << 20;

    public StorageOptions {
        if (checkpointInterval.toMillis() < 1 || checkpointChanges < 1 || reserveBytes < 0 || minFreeBytes < 0
                || openTimeout.toSeconds() < 1 || cacheObjects < 1 || cacheKeys < 1 || cacheSearches < 1
                || snapshotChanges < 1 || snapshotInterval.isNegative() || indexBulkRamMb < 1) {
            throw new IllegalArgumentException("storage options out of range: " + this);
        }
    }

    /** Parsed objects kept by default: one per 16 KB of heap (1-3 KB each), at most 200,000. */
    public static int defaultCacheObjects() {
        return (int) Math.max(1, Math.min(200_000, Runtime.getRuntime().maxMemory() / 16_384));
    }

    /** The defaults, which suit a 2-core machine with a database of a few million objects. */
    public static StorageOptions defaults() {
        return new StorageOptions(Duration.ofSeconds(10), 10_000, 64 * MB, 16 * MB, Duration.ofSeconds(120),
                defaultCacheObjects(), 500_000, 100_000, 100_000, Duration.ofHours(1), LuceneIndex.DEFAULT_BULK_RAM_MB,
                LuceneIndex.RefreshPolicy.DEFAULT);
    }

    /** These options with another index refresh policy. */
    public StorageOptions withRefresh(LuceneIndex.RefreshPolicy policy) {
        return new StorageOptions(checkpointInterval, checkpointChanges, reserveBytes, minFreeBytes, openTimeout,
                cacheObjects, cacheKeys, cacheSearches, snapshotChanges, snapshotInterval, indexBulkRamMb, policy);
    }

    /** These options with another disk reserve and free-space floor. */
    public StorageOptions withDiskRoom(long reserve, long minFree) {
        return new StorageOptions(checkpointInterval, checkpointChanges, reserve, minFree, openTimeout,
                cacheObjects, cacheKeys, cacheSearches, snapshotChanges, snapshotInterval, indexBulkRamMb, refresh);
    }

    /** These options with another snapshot interval. */
    public StorageOptions withSnapshotInterval(Duration interval) {
        return new StorageOptions(checkpointInterval, checkpointChanges, reserveBytes, minFreeBytes, openTimeout,
                cacheObjects, cacheKeys, cacheSearches, snapshotChanges, interval, indexBulkRamMb, refresh);
    }
}
