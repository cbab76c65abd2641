package net.whoisd.storage.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.StorageException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index of lookup keys, inverse keys and descriptive text. Derived data: the last serial
 * it holds is stored in each Lucene commit's user data, and the database catches it up from the
 * journal (or rebuilds it from the store) when it is behind. {@link #commit} makes changes durable
 * (not needed for correctness).
 *
 * <p>Two ways to make changes searchable: bulk work ({@link #add}, {@link #put}, {@link #remove})
 * becomes searchable with {@link #refresh}; a live commit's changes ({@link #change}) become
 * searchable with the next {@link #swapPublished}, answered from memory ({@link RecentChanges})
 * until a refresh, which {@link #refreshIfDue} makes only now and then: a Lucene refresh per commit
 * (a segment flushed, a reader opened, the merges of all those small segments) cost more CPU than
 * the rest of a commit.
 */
public final class LuceneIndex implements AutoCloseable {
    public static final String DIR = "index";
    private static final String SERIAL = "serial";
    /** Indexing buffer of a bulk load: a moderate one keeps the term hash in cache (a huge one was slower). */
    public static final int DEFAULT_BULK_RAM_MB = 64;

    /** Newly flushed or merged segments up to this size are cached in memory (NRTCachingDirectory). */
    private static final double NRT_MERGE_MB = 4;
    private static final double NRT_CACHE_MB = 48;

    /**
     * When live changes are refreshed into the Lucene reader (and searched in memory until then): at
     * most every {@code intervalMillis}, unless {@code pendingObjects} changed objects are waiting.
     */
    public record RefreshPolicy(long intervalMillis, int pendingObjects) {
        public static final RefreshPolicy DEFAULT = new RefreshPolicy(1000, 2000);
        /** Every live change refreshed at once (no changes answered from memory). */
        public static final RefreshPolicy EVERY_CHANGE = new RefreshPolicy(0, 1);
    }

    /**
     * What searches read, replaced as a whole: the reader (one reference acquired from
     * {@link #searchers}), the changes since it was opened, and the generation of those changes
     * that is visible.
     */
    private record Published(IndexSearcher searcher, RecentChanges recent, long generation) {
    }

    private final Directory directory;
    private final IndexWriter writer;
    private final RefreshPolicy policy;
    /** Opens readers on the writer's changes ({@link #prepareRefresh}); searches use {@link #published}. */
    private final SearcherManager searchers;
    /**
     * Replaced only by {@link #swapPublished}, so that the slow part of a refresh (flushing a
     * segment, opening its reader) runs while searches go on, and the owner shows the new reader, or
     * the next generation of recent changes, at the moment it chooses.
     */
    private volatile Published published;
    /** A reader opened by {@link #prepareRefresh} and not yet published (the writer's thread only). */
    private boolean refreshPrepared;
    private long refreshedAt = System.nanoTime();

    private LuceneIndex(Directory directory, IndexWriter writer, RefreshPolicy policy) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.policy = policy;
        this.searchers = new SearcherManager(writer, null);
        this.published = new Published(searchers.acquire(), new RecentChanges(), 0);
    }

    /**
     * Merges run at the lowest thread priority: background work that the readers must not wait
     * behind for a CPU. (Java thread priorities reach the operating system only with the JVM
     * options the server's launcher sets; without them this changes nothing.)
     */
    static final class BackgroundMerges extends ConcurrentMergeScheduler {
        @Override
        protected synchronized MergeThread getMergeThread(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
            MergeThread thread = super.getMergeThread(mergeSource, merge);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        }
    }

    /** Opens or creates the index; {@code bulk} uses a large buffer for a rebuild or import. */
    public static LuceneIndex open(Path dir, boolean bulk) {
        return open(dir, bulk, RefreshPolicy.DEFAULT);
    }

    public static LuceneIndex open(Path dir, boolean bulk, RefreshPolicy policy) {
        return open(dir, bulk, policy, DEFAULT_BULK_RAM_MB);
    }

    /** @param bulkRamMb the indexing buffer when {@code bulk} */
    public static LuceneIndex open(Path dir, boolean bulk, RefreshPolicy policy, int bulkRamMb) {
        try {
            // Each refresh flushes a small segment: keep such segments in memory until a merge
            // or an index commit writes them out, instead of creating a dozen small files per refresh.
            Directory d = bulk ? FSDirectory.open(dir) : new NRTCachingDirectory(FSDirectory.open(dir), NRT_MERGE_MB, NRT_CACHE_MB);
            IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(bulk ? bulkRamMb : 32);
            config.setCommitOnClose(false);
            config.setUseCompoundFile(!bulk);
            // A refresh never waits for merges of the segments it flushed (by default up to 500 ms)
            config.setMaxFullFlushMergeWaitMillis(0);
            config.setMergeScheduler(new BackgroundMerges());
            return new LuceneIndex(d, new IndexWriter(d, config), policy);
        } catch (IOException | RuntimeException e) {
            throw new StorageException("cannot open the index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Why the index writer gave up, if it did: a flush or merge that fails (a full disk) closes it for good. */
    public Optional<Throwable> failure() {
        Throwable tragic = writer.getTragicException();
        if (tragic != null) {
            return Optional.of(tragic);
        }
        return writer.isOpen() ? Optional.empty() : Optional.of(new IllegalStateException("the index writer is closed"));
    }

    /** The serial recorded by the last Lucene commit, or -1 if the index has never been committed. */
    public long committedSerial() {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return -1;
            }
            Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
            if (data != null) {
                for (Map.Entry<String, String> e : data) {
                    if (e.getKey().equals(SERIAL)) {
                        return Long.parseLong(e.getValue());
                    }
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public void put(long id, ObjectType type, RpslObject object) {
        try {
            writer.deleteDocuments(LongPoint.newExactQuery(IndexedFields.ID, id));
            writer.addDocument(IndexedFields.document(id, type, object));
        } catch (IOException e) {
            throw new StorageException("index update failed: " + e.getMessage(), e);
        }
    }

    /** Adds a document without looking for an older one (bulk loads into an empty index). */
    public void add(long id, ObjectType type, RpslObject object) {
        try {
            writer.addDocument(IndexedFields.document(id, type, object));
        } catch (IOException e) {
            throw new StorageException("index update failed: " + e.getMessage(), e);
        }
    }

    public void remove(long id) {
        try {
            writer.deleteDocuments(LongPoint.newExactQuery(IndexedFields.ID, id));
        } catch (IOException e) {
            throw new StorageException("index update failed: " + e.getMessage(), e);
        }
    }

    /**
     * A live commit's change of an object (null: deleted; {@code created}: a new id that no
     * document has), searchable from the next {@link #swapPublished}. The writer's thread only.
     */
    public void change(long id, ObjectType type, RpslObject object, boolean created) {
        if (object == null) {
            remove(id);
        } else if (created) {
            add(id, type, object);
        } else {
            put(id, type, object);
        }
        Published p = published;
        p.recent().stage(id, type, object, p.generation() + 1);
    }

    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new StorageException("index clear failed: " + e.getMessage(), e);
        }
    }

    /** Makes every change so far visible to searches. */
    public void refresh() {
        prepareRefresh();
        publish();
    }

    /** Opens a reader on every change so far without showing it to searches yet: the slow part of {@link #refresh}. */
    public void prepareRefresh() {
        try {
            searchers.maybeRefreshBlocking();
            refreshPrepared = true;
            refreshedAt = System.nanoTime();
        } catch (IOException e) {
            throw new StorageException("index refresh failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #prepareRefresh} if the live changes answered from memory are many or old enough
     * (the {@link RefreshPolicy}); otherwise they stay in memory and this costs nothing. True if it did.
     */
    public boolean refreshIfDue() {
        int pending = published.recent().size();
        if (pending >= policy.pendingObjects()
                || pending > 0 && System.nanoTime() - refreshedAt >= policy.intervalMillis() * 1_000_000) {
            prepareRefresh();
            return true;
        }
        return false;
    }

    /** Shows searches what {@link #prepareRefresh} opened (cheap: swaps a reference). */
    public void publish() {
        swapPublished().run();
    }

    /**
     * Shows searches the reader {@link #prepareRefresh} opened, if it did, with no recent changes
     * (the reader holds them all), or else the live changes staged since the last call; returns the
     * release of the reader it replaces, for the caller to run once it no longer holds a lock that
     * readers wait for: the release can close the readers of segments merged away, which is file work.
     */
    public Runnable swapPublished() {
        Published current = published;
        if (!refreshPrepared) {
            published = new Published(current.searcher(), current.recent(), current.generation() + 1);
            return () -> { };
        }
        IndexSearcher next;
        try {
            next = searchers.acquire();
        } catch (IOException e) {
            throw new StorageException("index refresh failed: " + e.getMessage(), e);
        }
        refreshPrepared = false;
        published = new Published(next, new RecentChanges(), current.generation() + 1);
        return () -> {
            try {
                searchers.release(current.searcher()); // closed once the searches still using it are done
            } catch (IOException e) {
                throw new StorageException("index refresh failed: " + e.getMessage(), e);
            }
        };
    }

    /** Objects changed by live commits and not yet in the Lucene reader (answered from memory). */
    public int recentChanges() {
        return published.recent().size();
    }

    /** What searches read, with a reference to its reader held for one search. */
    private Published acquire() {
        while (true) {
            Published p = published;
            if (p.searcher().getIndexReader().tryIncRef()) {
                return p;
            }
            // a swap released it between the read and the increment: the next one is in place
        }
    }

    private static void release(Published p) {
        try {
            p.searcher().getIndexReader().decRef();
        } catch (IOException e) {
            throw new StorageException("index search failed: " + e.getMessage(), e);
        }
    }

    /** Makes the index durable up to {@code serial}. */
    public void commit(long serial) {
        try {
            writer.setLiveCommitData(Map.of(SERIAL, Long.toString(serial)).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new StorageException("index commit failed: " + e.getMessage(), e);
        }
    }

    /** Ids of objects one of whose lookup keys equals the key, or whose name holds all its words. */
    public List<Long> lookup(String searchKey, Set<ObjectType> types) {
        String key = IndexedFields.lower(searchKey.trim());
        if (key.isEmpty()) {
            return List.of();
        }
        List<String> words = IndexedFields.words(key);
        Published p = acquire();
        try {
            List<Long> ids = indexedLookup(p.searcher(), key, words, types);
            return p.recent().isEmpty() ? ids : p.recent().lookup(ids, key, words, types, p.generation());
        } finally {
            release(p);
        }
    }

    private static List<Long> indexedLookup(IndexSearcher searcher, String key, List<String> words, Set<ObjectType> types) {
        if (words.size() == 1 && allTypes(types)) {
            // the common case: a single token is one term in the key field or one in the name-word field
            return termIds(searcher, new Term(IndexedFields.LOOKUP, key), new Term(IndexedFields.WORD, words.get(0)));
        }
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        either.add(new TermQuery(new Term(IndexedFields.LOOKUP, key)), BooleanClause.Occur.SHOULD);
        if (!words.isEmpty()) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            for (String w : words) {
                all.add(new TermQuery(new Term(IndexedFields.WORD, w)), BooleanClause.Occur.FILTER);
            }
            either.add(all.build(), BooleanClause.Occur.SHOULD);
        }
        return search(searcher, either.build(), types);
    }

    /** Ids of objects whose inverse-key attribute holds this value. */
    public List<Long> inverse(String attribute, String value, Set<ObjectType> types) {
        String name = IndexedFields.lower(attribute.trim());
        Term term = new Term(IndexedFields.INVERSE_PREFIX + name, IndexedFields.lower(value.trim()));
        Published p = acquire();
        try {
            List<Long> ids = allTypes(types) ? termIds(p.searcher(), term) : search(p.searcher(), new TermQuery(term), types);
            return p.recent().isEmpty() ? ids : p.recent().inverse(ids, name, term.text(), types, p.generation());
        } finally {
            release(p);
        }
    }

    /** Ids of objects whose descriptive text holds every word of the query (any order, any case). */
    public List<Long> fullText(String queryText, Set<ObjectType> types) {
        Set<String> words = textTerms(queryText);
        if (words.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String w : words) {
            all.add(new TermQuery(new Term(IndexedFields.TEXT, w)), BooleanClause.Occur.FILTER);
        }
        Published p = acquire();
        try {
            List<Long> ids = search(p.searcher(), all.build(), types);
            return p.recent().isEmpty() ? ids : p.recent().fullText(ids, types, p.generation(), object -> {
                String text = IndexedFields.fullText(ObjectKey.of(object).type(), object);
                return text != null && textTerms(text).containsAll(words);
            });
        } finally {
            release(p);
        }
    }

    /** The terms the index holds for a text (or a full-text query): as the analyser splits and lowers it. */
    private static Set<String> textTerms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (Analyzer analyzer = new StandardAnalyzer(); TokenStream tokens = analyzer.tokenStream(IndexedFields.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                out.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new StorageException("cannot analyse the text: " + e.getMessage(), e);
        }
        return out;
    }

    static boolean allTypes(Set<ObjectType> types) {
        return types == null || types.isEmpty() || types.size() >= ObjectType.values().length;
    }

    /**
     * Ids of the live documents holding any of the terms, read straight from the postings: no
     * query rewrite, weights, scoring or query cache, which cost more than the lookup itself.
     */
    private static List<Long> termIds(IndexSearcher searcher, Term... terms) {
        try {
            List<Long> ids = new ArrayList<>(4);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                Bits live = reader.getLiveDocs();
                int before = ids.size();
                for (int t = 0; t < terms.length; t++) {
                    Term term = terms[t];
                    boolean repeats = t > 0 && ids.size() > before; // a document may hold two of the terms
                    Terms field = reader.terms(term.field());
                    if (field == null) {
                        continue;
                    }
                    TermsEnum te = field.iterator();
                    if (!te.seekExact(term.bytes())) {
                        continue;
                    }
                    PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
                    NumericDocValues values = reader.getNumericDocValues(IndexedFields.ID_VALUE); // forward-only: one per term
                    int end = ids.size();
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live != null && !live.get(doc) || values == null || !values.advanceExact(doc)) {
                            continue;
                        }
                        long id = values.longValue();
                        if (!repeats || !ids.subList(before, end).contains(id)) {
                            ids.add(id);
                        }
                    }
                }
            }
            return ids;
        } catch (IOException e) {
            throw new StorageException("index search failed: " + e.getMessage(), e);
        }
    }

    private static List<Long> search(IndexSearcher searcher, Query query, Set<ObjectType> types) {
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        if (!allTypes(types)) {
            List<BytesRef> names = new ArrayList<>(types.size());
            for (ObjectType t : types) {
                names.add(new BytesRef(t.attributeName()));
            }
            q.add(new TermInSetQuery(IndexedFields.TYPE, names), BooleanClause.Occur.FILTER);
        }
        try {
            IdCollector collector = new IdCollector();
            searcher.search(q.build(), collector);
            return collector.ids;
        } catch (IOException e) {
            throw new StorageException("index search failed: " + e.getMessage(), e);
        }
    }

    /** Reads the id doc value of every hit. */
    private static final class IdCollector extends SimpleCollector {
        final List<Long> ids = new ArrayList<>();
        private NumericDocValues values;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = context.reader().getNumericDocValues(IndexedFields.ID_VALUE);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (values != null && values.advanceExact(doc)) {
                ids.add(values.longValue());
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    @Override
    public void close() {
        try {
            searchers.release(published.searcher());
            searchers.close();
            writer.rollback(); // drops what was not committed; the owner commits first on a clean close
            directory.close();
        } catch (IOException e) {
            throw new StorageException("index close failed: " + e.getMessage(), e);
        }
    }
}
