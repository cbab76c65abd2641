package net.whoisd.server.metrics;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.ObjectVersion;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.TaggedChange;
import net.whoisd.storage.WhoisDatabase;

/**
 * The database with every commit timed into the metrics (journal write and fsync included: the
 * storage does not report them apart); reads pass straight through.
 */
public final class MeasuredDatabase implements WhoisDatabase {
    private final WhoisDatabase db;
    private final Metrics metrics;

    public MeasuredDatabase(WhoisDatabase db, Metrics metrics) {
        this.db = db;
        this.metrics = metrics;
    }

    @Override
    public CommitResult commit(List<Change> changes) {
        return timed(() -> db.commit(changes));
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition) {
        return timed(() -> db.commit(changes, precondition));
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags) {
        return timed(() -> db.commit(changes, precondition, tags));
    }

    private CommitResult timed(java.util.function.Supplier<CommitResult> commit) {
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

    @Override
    public List<TaggedChange> taggedChanges(long afterSerial) {
        return db.taggedChanges(afterSerial);
    }

    @Override
    public String source() {
        return db.source();
    }

    @Override
    public Optional<StoredObject> get(ObjectType type, String primaryKey) {
        return db.get(type, primaryKey);
    }

    @Override
    public Optional<StoredObject> byId(long id) {
        return db.byId(id);
    }

    @Override
    public boolean showingCommit() {
        return db.showingCommit();
    }

    @Override
    public Optional<String> writesRefused() {
        return db.writesRefused();
    }

    @Override
    public List<StoredObject> lookup(String searchKey, Set<ObjectType> types) {
        return db.lookup(searchKey, types);
    }

    @Override
    public List<StoredObject> inverse(String attribute, String value, Set<ObjectType> types) {
        return db.inverse(attribute, value, types);
    }

    @Override
    public List<StoredObject> ranges(ObjectType type, IpRange range, RangeQuery query) {
        return db.ranges(type, range, query);
    }

    @Override
    public List<ObjectVersion> history(ObjectType type, String primaryKey) {
        return db.history(type, primaryKey);
    }

    @Override
    public long currentSerial() {
        return db.currentSerial();
    }

    @Override
    public long size() {
        return db.size();
    }

    @Override
    public void forEach(Consumer<StoredObject> visitor) {
        db.forEach(visitor);
    }

    /** The database is closed by whoever opened it. */
    @Override
    public void close() {
    }
}
