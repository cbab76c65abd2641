package net.whoisd.server.metrics;

import java.util.List;
import java.util.function.Supplier;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.ForwardingDatabase;
import net.whoisd.storage.WhoisDatabase;

/**
 * The database with every commit timed into the metrics (journal write and fsync included: the
 * storage does not report them apart); reads pass straight through.
 */
public final class MeasuredDatabase extends ForwardingDatabase {
    private final Metrics metrics;

    public MeasuredDatabase(WhoisDatabase db, Metrics metrics) {
        super(db);
        this.metrics = metrics;
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition) {
        return timed(() -> real.commit(changes, precondition));
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags) {
        return timed(() -> real.commit(changes, precondition, tags));
    }

    private CommitResult timed(Supplier<CommitResult> commit) {
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            CommitResult result = commit.get();
            succeeded = true;
            return result;
        } finally {
            metrics.commitTook(System.nanoTime() - started, succeeded);
        }
    }

    /** The database is closed by whoever opened it. */
    @Override
    public void close() {
    }
}
