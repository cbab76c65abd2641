package net.whoisd.storage;

import java.time.Instant;

/**
 * What an acknowledged commit was given: the journal serials of its changes (one per change,
 * consecutive) and the commit time. When this is returned the commit is on disk.
 */
public record CommitResult(long firstSerial, long lastSerial, Instant time) {
}
