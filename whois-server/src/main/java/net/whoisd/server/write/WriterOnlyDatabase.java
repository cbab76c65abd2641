package net.whoisd.server.write;

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
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.TaggedChange;
import net.whoisd.storage.WhoisDatabase;

/**
 * The database as the running server hands it to every door: reads pass straight through, and a
 * commit from any thread but the {@link SingleWriter}'s is refused. A door that commits on its own
 * thread fails its first test instead of racing the writer.
 */
public final class WriterOnlyDatabase implements WhoisDatabase {
    private final WhoisDatabase db;
    private final SingleWriter writer;

    public WriterOnlyDatabase(WhoisDatabase db, SingleWriter writer) {
        this.db = db;
        this.writer = writer;
    }

    @Override
    public CommitResult commit(List<Change> changes) {
        requireWriter();
        return db.commit(changes);
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition) {
        requireWriter();
        return db.commit(changes, precondition);
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags) {
        requireWriter();
        return db.commit(changes, precondition, tags);
    }

    @Override
    public List<TaggedChange> taggedChanges(long afterSerial) {
        return db.taggedChanges(afterSerial);
    }

    private void requireWriter() {
        if (!writer.isWriterThread()) {
            throw new StorageException("commit from " + Thread.currentThread().getName()
                    + ": every change must be handed to the single writer");
        }
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

    /** The database is closed by whoever opened it, after the writer. */
    @Override
    public void close() {
    }
}
