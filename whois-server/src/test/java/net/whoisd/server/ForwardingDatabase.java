package net.whoisd.server;

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
import net.whoisd.storage.WhoisDatabase;

/** A database that hands every call to a real one; tests override the calls they put a fault or a pause into. */
public abstract class ForwardingDatabase implements WhoisDatabase {
    protected final WhoisDatabase real;

    protected ForwardingDatabase(WhoisDatabase real) {
        this.real = real;
    }

    @Override
    public String source() {
        return real.source();
    }

    @Override
    public Optional<StoredObject> get(ObjectType type, String primaryKey) {
        return real.get(type, primaryKey);
    }

    @Override
    public Optional<StoredObject> byId(long id) {
        return real.byId(id);
    }

    @Override
    public boolean showingCommit() {
        return real.showingCommit();
    }

    @Override
    public List<StoredObject> lookup(String searchKey, Set<ObjectType> types) {
        return real.lookup(searchKey, types);
    }

    @Override
    public List<StoredObject> inverse(String attribute, String value, Set<ObjectType> types) {
        return real.inverse(attribute, value, types);
    }

    @Override
    public List<StoredObject> ranges(ObjectType type, IpRange range, RangeQuery query) {
        return real.ranges(type, range, query);
    }

    @Override
    public List<ObjectVersion> history(ObjectType type, String primaryKey) {
        return real.history(type, primaryKey);
    }

    @Override
    public long currentSerial() {
        return real.currentSerial();
    }

    @Override
    public long size() {
        return real.size();
    }

    @Override
    public void forEach(Consumer<StoredObject> visitor) {
        real.forEach(visitor);
    }

    /** Through {@link #commit(List, Runnable)}, so that a test overrides that one alone. */
    @Override
    public CommitResult commit(List<Change> changes) {
        return commit(changes, () -> { });
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition) {
        return real.commit(changes, precondition);
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags) {
        return real.commit(changes, precondition, tags);
    }

    @Override
    public List<net.whoisd.storage.TaggedChange> taggedChanges(long afterSerial) {
        return real.taggedChanges(afterSerial);
    }

    @Override
    public void close() {
        real.close();
    }
}
