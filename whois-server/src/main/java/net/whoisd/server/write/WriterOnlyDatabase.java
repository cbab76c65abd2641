package net.whoisd.server.write;

import java.util.List;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.ForwardingDatabase;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.WhoisDatabase;

/**
 * The database as the running server hands it to every door: reads pass straight through, and a
 * commit from any thread but the {@link SingleWriter}'s is refused. A door that commits on its own
 * thread fails its first test instead of racing the writer.
 */
public final class WriterOnlyDatabase extends ForwardingDatabase {
    private final SingleWriter writer;

    public WriterOnlyDatabase(WhoisDatabase db, SingleWriter writer) {
        super(db);
        this.writer = writer;
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition) {
        requireWriter();
        return real.commit(changes, precondition);
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags) {
        requireWriter();
        return real.commit(changes, precondition, tags);
    }

    private void requireWriter() {
        if (!writer.isWriterThread()) {
            throw new StorageException("commit from " + Thread.currentThread().getName()
                    + ": every change must be handed to the single writer");
        }
    }

    /** The database is closed by whoever opened it, after the writer. */
    @Override
    public void close() {
    }
}
