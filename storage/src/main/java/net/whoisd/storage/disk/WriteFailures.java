package net.whoisd.storage.disk;

import java.nio.file.Path;
import java.util.Optional;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.WritesRefusedException;
import net.whoisd.storage.index.LuceneIndex;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.journal.JournalRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the database does when a write fails or the disk fills (docs/storage.md, "A full disk, or
 * any write that fails"): a commit whose derived writes failed is taken back from the journal and
 * the store and index are reopened as after a crash; commits are refused, with the reason, while
 * the disk lacks room, and taken again by themselves once it has. Called with the writer lock held.
 */
final class WriteFailures {
    private static final Logger LOG = LoggerFactory.getLogger(WriteFailures.class);
    private static final long MB = 1L << 20;
    /** Free space that a reopen after a failed write waits for before it is tried again. */
    private static final long REOPEN_ROOM = 8 * MB;

    private final Path dataDir;
    private final String source;
    private final Journal journal;
    private final LuceneIndex.RefreshPolicy refresh;
    private final DiskReserve reserve;
    private final ReadView view;
    private final Runnable onReopened;
    /** Why commits are refused now (null: they are taken). */
    private volatile String writesRefused;
    /** Set while the store and index could not be reopened after a failed write: retried when the disk has room. */
    private volatile boolean reopenPending;

    /** @param onReopened what the committer resets once the store and index are reopened (its checkpoint counts) */
    WriteFailures(Path dataDir, String source, Journal journal, LuceneIndex.RefreshPolicy refresh, DiskReserve reserve,
                  ReadView view, Runnable onReopened) {
        this.dataDir = dataDir;
        this.source = source;
        this.journal = journal;
        this.refresh = refresh;
        this.reserve = reserve;
        this.view = view;
        this.onReopened = onReopened;
        if (!reserve.ensure()) {
            refuse(diskFullReason());
        }
    }

    /**
     * After a write failed past the journal: takes the record back, gives the disk reserve up so
     * that the store and the index have room to roll back, and reopens both from disk plus the
     * journal. Returns true if the record was taken back (the change is refused), false if it
     * could not be and the reopened store and index hold it (the change is complete).
     */
    boolean abandon(JournalRecord record, Throwable failure) {
        LOG.error("commit of serial {} failed after its journal write: taking it back", record.firstSerial(), failure);
        reserve.release();
        boolean retracted;
        try {
            journal.retract(record);
            retracted = true;
        } catch (StorageException e) {
            LOG.error("the failed commit {} stays in the journal; it is applied by the reopen that follows", record.firstSerial(), e);
            retracted = false;
        }
        reopen(failure);
        refuseAfter("a write to", failure);
        if (!retracted && reopenPending) {
            throw new StorageException("the change could not be completed (" + reasonOf(failure)
                    + ") and is in the journal: it is applied when the store is reopened", failure);
        }
        return retracted;
    }

    /** After a write of changes already acknowledged failed (a checkpoint, an index commit): reopens from the journal. */
    void derivedWriteFailed(String what, Throwable failure) {
        LOG.error("{} failed; reopening the store and index from the journal", what, failure);
        reserve.release();
        reopen(failure);
        refuseAfter("a write to", failure);
    }

    /**
     * Closes the store and the index without committing them and opens both again: MapDB rolls back
     * to its last checkpoint, and the store and index catch up from the journal, as after a crash.
     * Readers wait meanwhile. If that fails too (the disk is still too full to replay), commits are
     * refused and the reopen is tried again once the disk has room.
     */
    private void reopen(Throwable failure) {
        try {
            view.replaceAll(() -> {
                Recovery.closeQuietly(view.index());
                view.store().closeQuietly();
                return Recovery.open(dataDir, source, journal, refresh);
            });
            reopenPending = false;
            onReopened.run();
            LOG.warn("store and index reopened at serial {} after a failed write", view.store().lastSerial());
        } catch (RuntimeException | Error e) {
            reopenPending = true;
            Recovery.markDamaged(dataDir); // should the process end before the reopen succeeds, the next start rebuilds
            LOG.error("store and index could not be reopened after a failed write ({}): {}; tried again when the disk has room",
                    reasonOf(failure), reasonOf(e));
        }
    }

    /** Throws if commits are refused now, unless the reason has gone (the disk has room again). */
    void requireWritable() {
        view.index().failure().ifPresent(f -> derivedWriteFailed("a background index merge or flush", f));
        if (writesRefused != null && !resume()) {
            throw new WritesRefusedException(writesRefused);
        }
        if (!reserve.enoughFree()) {
            refuse(diskFullReason());
            throw new WritesRefusedException(writesRefused);
        }
    }

    /** After a journal write failed (the journal cut off what it wrote): refuses further commits if the disk is full. */
    void journalWriteFailed() {
        if (!reserve.enoughFree()) {
            refuse(diskFullReason());
        }
    }

    /** Takes commits again if the store is open and the disk reserve can be laid again; returns whether they are taken. */
    boolean resume() {
        if (writesRefused == null) {
            return true;
        }
        if (reopenPending) {
            if (reserve.usableBytes() < reserve.minFreeBytes() + REOPEN_ROOM) {
                return false;
            }
            reopen(new StorageException("retry"));
            if (reopenPending) {
                return false;
            }
            Recovery.clearDamaged(dataDir);
        }
        if (!reserve.ensure()) {
            return false;
        }
        LOG.info("commits taken again: {} MB free in {}", reserve.usableBytes() / MB, dataDir);
        writesRefused = null;
        return true;
    }

    /** Why commits are refused now, if they are. */
    Optional<String> refused() {
        return Optional.ofNullable(writesRefused);
    }

    private void refuseAfter(String what, Throwable failure) {
        refuse(reserve.enoughFree() ? what + " " + dataDir + " failed (" + reasonOf(failure) + ")" : diskFullReason());
    }

    private void refuse(String reason) {
        if (!reason.equals(writesRefused)) {
            LOG.error("commits refused from now on: {}", reason);
        }
        writesRefused = reason;
    }

    private String diskFullReason() {
        return "the disk holding " + dataDir + " is full (" + reserve.usableBytes() / MB + " MB free, "
                + reserve.minFreeBytes() / MB + " MB needed besides the reserve)";
    }

    /** The most telling message of a failure: the I/O error's if there is one ("No space left on device"). */
    static String reasonOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
