package net.whoisd.storage.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.range.RangeTable;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The materialised store in MapDB: objects by id, store key -> id, each key's history, each
 * address object's range (so start-up can load the range index without parsing objects) and
 * metadata. With transactions on, every {@link #commit} is atomic; it is still treated as a cache
 * that recovery may throw away and rebuild, because MapDB 3 is not reliably crash-safe.
 */
public final class MapStore implements AutoCloseable {
    public static final String FILE = "store.db";
    /** Bumped when the layout of the maps changes; an older store is rebuilt. */
    public static final long FORMAT = 2; // 2: object text as UTF-8 bytes (MapDB's STRING packs every char separately)

    private static final String META_LAST_SERIAL = "lastSerial";
    private static final String META_NEXT_ID = "nextId";
    private static final String META_FORMAT = "format";
    private static final String META_SNAPSHOT_SERIAL = "snapshotSerial";
    private static final String META_SIZE = "size";

    private final DB db;
    private final BTreeMap<Long, byte[]> objects;
    private final BTreeMap<String, Long> keys;
    private final BTreeMap<String, byte[]> history;
    private final BTreeMap<Long, long[]> ranges;
    private final BTreeMap<String, Long> meta;
    private final BTreeMap<String, String> names;

    private MapStore(DB db, boolean create) {
        this.db = db;
        this.objects = maker(db.treeMap("objects", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable(), create);
        this.keys = maker(db.treeMap("keys", Serializer.STRING, Serializer.LONG), create);
        this.history = maker(db.treeMap("history", Serializer.STRING, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable(), create);
        this.ranges = maker(db.treeMap("ranges", Serializer.LONG, Serializer.LONG_ARRAY), create);
        this.meta = maker(db.treeMap("meta", Serializer.STRING, Serializer.LONG), create);
        this.names = maker(db.treeMap("names", Serializer.STRING, Serializer.STRING), create);
    }

    private static <K, V> BTreeMap<K, V> maker(DB.TreeMapMaker<K, V> maker, boolean create) {
        return create ? maker.createOrOpen() : maker.open();
    }

    /** Store files in a data directory (the store and MapDB's write-ahead log files). */
    public static List<Path> files(Path dataDir) {
        try (Stream<Path> s = Files.list(dataDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(FILE)).toList();
        } catch (IOException e) {
            throw new StorageException("cannot list " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path dataDir) {
        for (Path p : files(dataDir)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new StorageException("cannot delete " + p + ": " + e.getMessage(), e);
            }
        }
    }

    /** Slices of a big store's mapping; and from which file size a store is mapped in them. */
    private static final long BIG_SLICE = 64L << 20;
    private static final long BIG_STORE = 256L << 20;

    private static DBMaker.Maker maker(Path file) {
        return DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().cleanerHackEnable().fileLockDisable();
    }

    /**
     * The store as the server uses it, with transactions. A big file is mapped in slices of
     * {@link #BIG_SLICE} rather than MapDB's 1 MB: a commit syncs every slice with its own msync,
     * and each call costs a device flush whether or not the slice holds changes, so on a 750 MB store
     * a checkpoint of one change took 0.6-0.8 s with 1 MB slices. A small store keeps 1 MB slices (a
     * new slice is zero-filled, and tests create many small stores). The file format does not
     * depend on the slice size; the next open of a store that has grown maps it in big slices.
     */
    private static DB transactional(Path file) {
        DBMaker.Maker maker = maker(file);
        try {
            if (Files.exists(file) && Files.size(file) >= BIG_STORE) {
                maker = maker.allocateIncrement(BIG_SLICE);
            }
        } catch (java.io.IOException e) {
            // unreadable size: MapDB's own open reports what is wrong with the file
        }
        return maker.transactionEnable().make();
    }

    /** Creates a new, empty store with transactions (for a fresh data directory). */
    public static MapStore create(Path dataDir, String source) {
        MapStore store = new MapStore(transactional(dataDir.resolve(FILE)), true);
        store.meta.put(META_FORMAT, FORMAT);
        store.meta.put(META_LAST_SERIAL, 0L);
        store.meta.put(META_NEXT_ID, 1L);
        store.meta.put(META_SNAPSHOT_SERIAL, 0L);
        store.meta.put(META_SIZE, 0L);
        store.names.put("source", source);
        store.commit();
        return store;
    }

    /** What a successful checked open returns: the store plus the ranges it read while checking. */
    public record Opened(MapStore store, RangeTable ranges) {
    }

    /**
     * Opens an existing store and checks it (metadata, the key map and the range map read end to
     * end) within {@code timeoutSeconds}: a damaged MapDB file can throw or loop forever. Throws
     * {@link DamagedStoreException} if the store is missing, unreadable, of another format, or slow.
     */
    public static Opened openChecked(Path dataDir, long timeoutSeconds) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new DamagedStoreException("no store file");
        }
        FutureTask<Opened> task = new FutureTask<>(() -> {
            MapStore store = new MapStore(transactional(file), false);
            try {
                return new Opened(store, store.check());
            } catch (RuntimeException | Error e) {
                store.closeQuietly();
                throw e;
            }
        });
        Thread t = new Thread(task, "store-open");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new DamagedStoreException("opening the store took more than " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new DamagedStoreException(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DamagedStoreException("interrupted while opening the store");
        }
    }

    private RangeTable check() {
        Long format = meta.get(META_FORMAT);
        if (format == null || format != FORMAT) {
            throw new DamagedStoreException("store format " + format + ", expected " + FORMAT);
        }
        if (meta.get(META_LAST_SERIAL) == null || meta.get(META_NEXT_ID) == null || meta.get(META_SIZE) == null
                || names.get("source") == null) {
            throw new DamagedStoreException("store metadata incomplete");
        }
        long count = 0;
        for (Map.Entry<String, Long> e : keys.entrySet()) {
            if (e.getValue() == null || e.getKey().length() < 3) {
                throw new DamagedStoreException("bad key entry");
            }
            count++;
        }
        if (count != meta.get(META_SIZE)) {
            throw new DamagedStoreException("store holds " + count + " keys, metadata says " + meta.get(META_SIZE));
        }
        if (count > 0 && (objects.lastKey() == null || history.firstKey() == null)) {
            throw new DamagedStoreException("object maps empty while keys exist");
        }
        return rangeTable();
    }

    /** Every stored range, in columns ready for a bulk load of the range indexes. */
    public RangeTable rangeTable() {
        RangeTable table = new RangeTable();
        for (Map.Entry<Long, long[]> e : ranges.entrySet()) {
            table.add(e.getKey(), e.getValue());
        }
        return table;
    }

    public String source() {
        return names.get("source");
    }

    public long lastSerial() {
        return meta.get(META_LAST_SERIAL);
    }

    public long nextId() {
        return meta.get(META_NEXT_ID);
    }

    public long snapshotSerial() {
        Long s = meta.get(META_SNAPSHOT_SERIAL);
        return s == null ? 0 : s;
    }

    public String text(long id) {
        byte[] text = objects.get(id);
        return text == null ? null : new String(text, StandardCharsets.UTF_8);
    }

    /** The stored range of an address object ({@link RangeTable} form), or null. */
    public long[] range(long id) {
        return ranges.get(id);
    }

    public Long id(String storeKey) {
        return keys.get(storeKey);
    }

    public byte[] history(String storeKey) {
        return history.get(storeKey);
    }

    /** Number of live objects (kept in the metadata: counting a B-tree would visit every leaf). */
    public long size() {
        return meta.get(META_SIZE);
    }

    /** Visits live objects as (store key, id) in store-key order, from {@code fromKey} until {@code toKey} (exclusive). */
    public void forEachKey(String fromKey, String toKey, Consumer<Map.Entry<String, Long>> visitor) {
        Iterator<Map.Entry<String, Long>> it = keys.subMap(fromKey, true, toKey, false).entrySet().iterator();
        while (it.hasNext()) {
            visitor.accept(it.next());
        }
    }

    public void forEachKey(Consumer<Map.Entry<String, Long>> visitor) {
        for (Map.Entry<String, Long> e : keys.entrySet()) {
            visitor.accept(e);
        }
    }

    /** Visits every key with history (live or deleted), in store-key order. */
    public void forEachHistory(Consumer<Map.Entry<String, byte[]>> visitor) {
        for (Map.Entry<String, byte[]> e : history.entrySet()) {
            visitor.accept(e);
        }
    }

    // ------------------------------------------------------------------ writes (one writer)

    public void putObject(String storeKey, long id, String text, long[] range) {
        objects.put(id, text.getBytes(StandardCharsets.UTF_8));
        keys.put(storeKey, id);
        if (range != null) {
            ranges.put(id, range);
        }
    }

    /** Sets (or with null removes) the stored range of an object. */
    public void putRange(long id, long[] range) {
        if (range == null) {
            ranges.remove(id);
        } else {
            ranges.put(id, range);
        }
    }

    public void removeObject(String storeKey, long id) {
        objects.remove(id);
        keys.remove(storeKey);
        ranges.remove(id);
    }

    public void putHistory(String storeKey, byte[] versions) {
        history.put(storeKey, versions);
    }

    public void setPosition(long lastSerial, long nextId, long size) {
        meta.put(META_LAST_SERIAL, lastSerial);
        meta.put(META_NEXT_ID, nextId);
        meta.put(META_SIZE, size);
    }

    public void setSnapshotSerial(long serial) {
        meta.put(META_SNAPSHOT_SERIAL, serial);
    }

    public void commit() {
        db.commit();
    }

    public void rollback() {
        db.rollback();
    }

    @Override
    public void close() {
        db.close();
    }

    /** Closes the store without committing, ignoring failures: for a store given up after a failed write. */
    public void closeQuietly() {
        try {
            db.close();
        } catch (RuntimeException e) {
            // the store is being given up as damaged
        }
    }

    // ------------------------------------------------------------------ bulk build

    /**
     * Builds a new store file without transactions (much faster; a crash during the build leaves a
     * file that fails the check and is rebuilt). Objects must be added with ascending ids; keys and
     * histories are sorted at the end.
     */
    public static final class Builder implements AutoCloseable {
        private static final long BUILD_INCREMENT = 64L << 20;
        private final DB db;
        private final DB.TreeMapSink<Long, byte[]> objectSink;
        private final DB.TreeMapSink<Long, long[]> rangeSink;
        private final java.util.ArrayList<KeyEntry> live = new java.util.ArrayList<>();
        private final java.util.ArrayList<KeyEntry> deleted = new java.util.ArrayList<>();
        private long lastId;
        private final String source;

        public Builder(Path dataDir, String source) {
            delete(dataDir);
            this.source = source;
            // A new file grows in large steps and is not zero-filled as it grows: MapDB's pre-clearing
            // writes every new page twice (zeros, then data), and a file extended by truncate reads as
            // zeros anyway; the built file is only trusted after its clean close.
            this.db = maker(dataDir.resolve(FILE)).fileMmapPreclearDisable().allocateIncrement(BUILD_INCREMENT).make();
            this.objectSink = db.treeMap("objects", Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().createFromSink();
            this.rangeSink = db.treeMap("ranges", Serializer.LONG, Serializer.LONG_ARRAY).createFromSink();
        }

        public void add(String storeKey, long id, String text, byte[] versions, long[] range) {
            if (id <= lastId) {
                throw new IllegalArgumentException("bulk build needs ascending ids");
            }
            lastId = id;
            objectSink.put(id, text.getBytes(StandardCharsets.UTF_8));
            if (range != null) {
                rangeSink.put(id, range);
            }
            live.add(new KeyEntry(storeKey, id, versions));
        }

        /** A key whose object is deleted but whose history is kept. */
        public void addDeleted(String storeKey, byte[] versions) {
            deleted.add(new KeyEntry(storeKey, 0, versions));
        }

        /** Finishes the maps, records metadata and closes the file (a clean close seals it). */
        public void finish(long lastSerial, long nextId, long snapshotSerial) {
            objectSink.create();
            rangeSink.create();
            KeyEntry[] keys = KeyEntry.sorted(live);
            DB.TreeMapSink<String, Long> keySink = db.treeMap("keys", Serializer.STRING, Serializer.LONG).createFromSink();
            for (KeyEntry e : keys) {
                keySink.put(e.key, e.id);
            }
            keySink.create();
            KeyEntry[] gone = KeyEntry.sorted(deleted);
            DB.TreeMapSink<String, byte[]> historySink = db.treeMap("history", Serializer.STRING, Serializer.BYTE_ARRAY)
                    .valuesOutsideNodesEnable().createFromSink();
            int d = 0;
            for (KeyEntry e : keys) {
                while (d < gone.length && gone[d].key.compareTo(e.key) < 0) {
                    historySink.put(gone[d].key, gone[d].versions);
                    d++;
                }
                historySink.put(e.key, e.versions);
            }
            while (d < gone.length) {
                historySink.put(gone[d].key, gone[d].versions);
                d++;
            }
            historySink.create();
            BTreeMap<String, Long> meta = db.treeMap("meta", Serializer.STRING, Serializer.LONG).createOrOpen();
            meta.put(META_FORMAT, FORMAT);
            meta.put(META_LAST_SERIAL, lastSerial);
            meta.put(META_NEXT_ID, nextId);
            meta.put(META_SNAPSHOT_SERIAL, snapshotSerial);
            meta.put(META_SIZE, (long) keys.length);
            db.treeMap("names", Serializer.STRING, Serializer.STRING).createOrOpen().put("source", source);
            db.close();
        }

        @Override
        public void close() {
            if (!db.isClosed()) {
                db.close();
            }
        }
    }
}
