package net.whoisd.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;

/**
 * The database as the query engine, the update engine and registry operations see it.
 *
 * <p>Readers never block on the writer and see a commit as soon as {@link #commit} returns.
 * There is one writer at a time: {@link #commit} calls are serialised.
 */
public interface WhoisDatabase extends AutoCloseable {

    /** The source name this database holds (e.g. {@code TEST}). */
    String source();

    /** The object with this class and primary key; the key is normalised first. */
    Optional<StoredObject> get(ObjectType type, String primaryKey);

    Optional<StoredObject> byId(long id);

    /**
     * True while a commit is being shown (or is about to be): a read now would wait for it, briefly.
     * A hint for callers that must not wait, such as a network thread choosing whether to hand a
     * lookup to a worker; it may be out of date by the time it is acted upon.
     */
    default boolean showingCommit() {
        return false;
    }

    /** Why commits are refused at the moment (a full disk, a failed write awaiting a restart); empty while they are taken. */
    default Optional<String> writesRefused() {
        return Optional.empty();
    }

    /**
     * Objects of the given classes one of whose lookup keys equals the search key, case-insensitively
     * (mntner names, nic-hdls, organisation ids, netnames, e-mail addresses, ...). Person, role and
     * org-name lookups match on words: all words of the search key present, in any order.
     */
    List<StoredObject> lookup(String searchKey, Set<ObjectType> types);

    /** Objects of the given classes whose inverse-key attribute (e.g. {@code mnt-by}) has this value. */
    List<StoredObject> inverse(String attribute, String value, Set<ObjectType> types);

    /**
     * The IP hierarchy around a range, for {@code inetnum}, {@code inet6num}, {@code route},
     * {@code route6} and reverse {@code domain} objects. Logarithmic time plus output size.
     * Results are ordered by range (enclosing before enclosed), then by primary key.
     */
    List<StoredObject> ranges(ObjectType type, IpRange range, RangeQuery query);

    /** Every version of the object in its current life, oldest first; empty if it never existed. */
    List<ObjectVersion> history(ObjectType type, String primaryKey);

    /** The serial of the last acknowledged change (0 for an empty database). */
    long currentSerial();

    /** Number of objects held. */
    long size();

    /** Visits every object, class by class in {@link ObjectType} order (for export and checks). */
    void forEach(Consumer<StoredObject> visitor);

    /**
     * Applies the changes as one atomic, durable transaction: all or nothing, on disk before this
     * returns. Throws {@link StorageException} (and changes nothing) if a create meets an existing
     * key, a modify or delete a missing one, or the store fails.
     */
    CommitResult commit(List<Change> changes);

    /**
     * As {@link #commit(List)}, but first runs {@code precondition} while no other commit can
     * happen: it sees the database exactly as the changes will be applied to it, and aborts the
     * commit (nothing changed) by throwing. For operations that plan from what they read and must
     * not overwrite a change made in between (compare-and-commit).
     */
    CommitResult commit(List<Change> changes, Runnable precondition);

    /**
     * As {@link #commit(List, Runnable)}, and each change is recorded with its tag ({@code tags.get(i)}
     * for {@code changes.get(i)}, null for none) in the same durable write: a caller can learn after a
     * crash, from {@link #taggedChanges}, whether the work a tag names was committed.
     */
    CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags);

    /** The tagged changes committed after {@code afterSerial}, oldest first. Reads the journal: not for a hot path. */
    List<TaggedChange> taggedChanges(long afterSerial);

    @Override
    void close();
}
