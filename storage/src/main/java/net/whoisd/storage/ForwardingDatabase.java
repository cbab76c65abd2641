package net.whoisd.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;

/**
 * A database that hands every call to a real one: the base of the decorators that add one concern
 * to the commits (the single writer's guard, the metrics' timing) and of tests that put a fault or
 * a pause into a call.
 */
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
    public Optional<String> writesRefused() {
        return real.writesRefused();
    }

    @Override
    public List<ObjectRef> inverseRefs(String attribute, String value, Set<ObjectType> types) {
        return real.inverseRefs(attribute, value, types);
    }

    @Override
    public List<ObjectRef> rangeRefs(ObjectType type, IpRange range, RangeQuery query) {
        return real.rangeRefs(type, range, query);
    }

    @Override
    public StorageStats stats() {
        return real.stats();
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
    public List<TaggedChange> taggedChanges(long afterSerial) {
        return real.taggedChanges(afterSerial);
    }

    @Override
    public void close() {
        real.close();
    }
}
