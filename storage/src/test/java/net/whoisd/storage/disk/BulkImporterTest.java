package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.DumpReadException;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.store.MapStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkImporterTest {
    @TempDir
    Path tmp;

    private final List<String> rejected = new ArrayList<>();

    private BulkImporter importer(Path data, boolean strict, boolean replace) {
        return new BulkImporter(data, "TEST", strict, replace, new BulkImporter.Listener() {
            @Override
            public void rejected(String file, int line, String reason) {
                rejected.add(Path.of(file).getFileName() + ":" + line + ": " + reason);
            }

            @Override
            public void progress(long objects, long bytesRead, long totalBytes, long elapsedMillis) {
                assertTrue(bytesRead <= totalBytes);
            }
        });
    }

    /** A small database whose objects refer to each other in circles (maintainers of each other, contacts of maintainers). */
    static List<RpslObject> circularObjects(int n) {
        List<RpslObject> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String mnt = "M" + i + "-MNT";
            String next = "M" + ((i + 1) % n) + "-MNT";
            out.add(Objects.mntner(mnt, "PN" + (i + 1) + "-TEST").with("mnt-by", next));
            out.add(Objects.person("Person Number" + i, "PN" + (i + 1) + "-TEST", mnt));
            out.add(Objects.inetnum("10." + i + ".0.0 - 10." + i + ".255.255", "NET-" + i, mnt));
            out.add(Objects.inetnum("10." + i + ".1.0 - 10." + i + ".1.255", "SUB-" + i, next));
            out.add(Objects.route("10." + i + ".0.0/16", "AS" + (64496 + i), mnt));
        }
        out.add(RpslObject.parse("domain:         1.10.in-addr.arpa\ndescr:          reverse\nnserver:        ns1.example.net\n"
                + "nserver:        ns2.example.net\nadmin-c:        PN1-TEST\ntech-c:         PN1-TEST\nzone-c:         PN1-TEST\n"
                + "mnt-by:         M0-MNT\ncreated:        2001-01-01T00:00:00Z\nlast-modified:  2002-02-02T00:00:00Z\nsource:         TEST\n"));
        return out;
    }

    static String dump(List<RpslObject> objects) {
        StringBuilder sb = new StringBuilder("# a comment line\n\n");
        for (RpslObject o : objects) {
            sb.append(o.toText()).append('\n');
        }
        return sb.toString();
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aShuffledDumpWithCircularReferencesLoadsCompletely(long seed) throws IOException {
        List<RpslObject> objects = circularObjects(12);
        Collections.shuffle(objects, new Random(seed));
        Path file = tmp.resolve("test.db");
        Files.writeString(file, dump(objects));
        Path data = tmp.resolve("data");
        BulkImporter.Summary s = importer(data, false, false).importFiles(List.of(file));
        assertTrue(s.fastPath());
        assertEquals(objects.size(), s.loaded());
        assertEquals(List.of(), rejected);
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(objects.size(), db.size());
            for (RpslObject o : objects) {
                StoredObject stored = db.get(ObjectKeyOf.type(o), ObjectKeyOf.key(o)).orElseThrow();
                assertEquals(o.toText(), stored.object().toText(), "kept exactly, created/last-modified included");
            }
            assertEquals(5, db.inverse("mnt-by", "M3-MNT", EnumSet.allOf(ObjectType.class)).size());
            assertEquals(List.of("NET-5", "SUB-5"), PersistentDatabaseTest.netnames(
                    db.ranges(ObjectType.INETNUM, IpRange.parse("10.5.1.9").orElseThrow(), RangeQuery.ALL_LESS)));
            assertEquals(1, db.ranges(ObjectType.DOMAIN, IpRange.parse("10.1.0.0/16").orElseThrow(), RangeQuery.EXACT).size());
            assertEquals(List.of("PN8-TEST"), PersistentDatabaseTest.keys(db.lookup("number7 person", EnumSet.allOf(ObjectType.class))));
            assertEquals(1, db.history(ObjectType.PERSON, "PN2-TEST").size());
            // the imported store takes ordinary commits afterwards
            db.commit(List.of(Change.create(Objects.person("After", "AF1-TEST", "M1-MNT"))));
            assertEquals(1, db.currentSerial());
        }
        // the load is durable in the snapshot: a lost store comes back from it
        MapStore.delete(data);
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(objects.size() + 1, db.size());
        }
    }

    @Test
    void badObjectsAreReportedWithFileAndLineAndTheRestLoad() throws IOException {
        String text = Objects.person("Good One", "GA1-TEST", "M-MNT").toText() + "\n"
                + "nonsense line without colon\nmore nonsense\n\n"
                + Objects.person("Other Source", "OS1-TEST", "M-MNT").with("source", "ELSEWHERE").toText() + "\n"
                + Objects.person("Good Again", "GA1-TEST", "M-MNT").toText() + "\n"
                + Objects.mntner("M-MNT", "GA1-TEST").toText();
        Path file = tmp.resolve("bad.db.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path data = tmp.resolve("data");
        BulkImporter.Summary s = importer(data, false, false).importFiles(List.of(file));
        assertEquals(2, s.loaded());
        assertEquals(2, s.rejected());
        assertEquals(1, s.duplicates());
        assertEquals(3, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).startsWith("bad.db.gz:11: "), rejected.toString());
        assertTrue(rejected.get(1).startsWith("bad.db.gz:14: "), rejected.toString());
        assertTrue(rejected.get(2).startsWith("bad.db.gz:24: ") && rejected.get(2).contains("duplicate"), rejected.toString());
    }

    @Test
    void anInetnumThatPartiallyOverlapsAnEarlierOneIsRejectedWithFileAndLine() throws IOException {
        List<RpslObject> objects = List.of(
                Objects.inetnum("10.0.0.0 - 10.0.1.255", "FIRST", "M-MNT"),
                Objects.inetnum("10.0.1.0 - 10.0.2.255", "CROSSING", "M-MNT"),
                Objects.inetnum("10.0.0.0 - 10.0.0.255", "INSIDE", "M-MNT"),
                Objects.mntner("M-MNT", "GA1-TEST"));
        Path file = tmp.resolve("overlap.db");
        Files.writeString(file, dump(objects));
        Path data = tmp.resolve("data");
        BulkImporter.Summary s = importer(data, false, false).importFiles(List.of(file));
        assertTrue(s.fastPath());
        assertEquals(3, s.loaded());
        assertEquals(1, s.rejected());
        assertEquals(1, rejected.size(), rejected.toString());
        int line = objects.get(0).toText().split("\n").length + 4; // after the comment, a blank line, FIRST and a blank line
        assertTrue(rejected.get(0).startsWith("overlap.db:" + line + ": ") && rejected.get(0).contains("partially overlaps"),
                rejected.toString());
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(3, db.size());
            assertTrue(db.get(ObjectType.INETNUM, "10.0.1.0 - 10.0.2.255").isEmpty());
            assertEquals(List.of("FIRST", "INSIDE"), PersistentDatabaseTest.netnames(
                    db.ranges(ObjectType.INETNUM, IpRange.parse("10.0.0.7").orElseThrow(), RangeQuery.ALL_LESS)));
        }
        // into the non-empty store: checked against the ranges already there
        rejected.clear();
        Path more = tmp.resolve("more.db");
        Files.writeString(more, dump(List.of(Objects.inetnum("10.0.1.128 - 10.0.3.255", "LATE", "M-MNT"),
                Objects.inetnum("10.0.4.0 - 10.0.4.255", "FINE", "M-MNT"))));
        BulkImporter.Summary s2 = importer(data, false, false).importFiles(List.of(more));
        assertFalse(s2.fastPath());
        assertEquals(1, s2.loaded());
        assertEquals(1, s2.rejected());
        assertTrue(rejected.size() == 1 && rejected.get(0).startsWith("more.db:3: ") && rejected.get(0).contains("10.0.0.0 - 10.0.1.255"),
                rejected.toString());
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(4, db.size());
        }
    }

    @Test
    void exportThenImportGivesAnIdenticalDatabase() throws IOException {
        Path data = tmp.resolve("data");
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            List<Change> changes = new ArrayList<>();
            for (RpslObject o : circularObjects(6)) {
                changes.add(Change.create(o));
            }
            db.commit(changes);
            db.commit(List.of(Change.delete(Objects.person("Person Number2", "PN3-TEST", "M2-MNT"))));
        }
        Path out = tmp.resolve("export");
        Map<ObjectType, Long> counts;
        List<String> before;
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            counts = DumpExporter.export(db, out, false);
            before = texts(db);
        }
        assertEquals(6, counts.get(ObjectType.MNTNER));
        assertEquals(5, counts.get(ObjectType.PERSON));
        assertTrue(Files.exists(out.resolve("test.db.inetnum.gz")));
        assertEquals("32", Files.readString(out.resolve("TEST.CURRENTSERIAL")).trim());
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.filter(p -> p.toString().endsWith(".gz")).sorted().toList();
        }
        Path copy = tmp.resolve("copy");
        importer(copy, true, false).importFiles(files);
        assertEquals(List.of(), rejected);
        try (PersistentDatabase db = PersistentDatabase.open(copy, "TEST")) {
            assertEquals(before, texts(db));
            assertEquals(32, db.currentSerial());
            assertEquals(33, db.commit(List.of(Change.create(Objects.person("Next", "NX1-TEST", "M1-MNT")))).firstSerial());
        }
    }

    @Test
    void aPublicExportFiltersHashesAndPersonalData() {
        RpslObject mntner = DumpExporter.publicVersion(Objects.mntner("M-MNT", "PA1-TEST").with("auth", "MD5-PW $1$abcdefgh$0123456789012345678901"));
        assertEquals("MD5-PW # Filtered", mntner.find("auth").orElseThrow().value());
        assertEquals("BCRYPT-PW # Filtered", DumpExporter.publicVersion(Objects.mntner("M-MNT", "PA1-TEST")).find("auth").orElseThrow().value());
        RpslObject person = DumpExporter.publicVersion(Objects.person("John Smith", "JS1-TEST", "M-MNT"));
        assertEquals(List.of("person", "nic-hdl", "mnt-by", "created", "last-modified", "source"),
                person.attributes().stream().map(a -> a.name()).toList());
    }

    @Test
    void intoANonEmptyStoreTheDifferenceIsCommittedAndReplaceDeletesTheRest() throws IOException {
        Path data = tmp.resolve("data");
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            db.commit(List.of(Change.create(Objects.person("Old Name", "PA1-TEST", "M-MNT")),
                    Change.create(Objects.person("Unchanged", "PA2-TEST", "M-MNT")),
                    Change.create(Objects.person("Gone Soon", "PA3-TEST", "M-MNT"))));
        }
        Path file = tmp.resolve("new.db");
        Files.writeString(file, dump(List.of(Objects.person("New Name", "PA1-TEST", "M-MNT"),
                Objects.person("Unchanged", "PA2-TEST", "M-MNT"), Objects.person("Brand New", "PA4-TEST", "M-MNT"))));
        BulkImporter.Summary s = importer(data, false, false).importFiles(List.of(file));
        assertFalse(s.fastPath());
        assertEquals(1, s.created());
        assertEquals(1, s.modified());
        assertEquals(0, s.deleted());
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(4, db.size());
            assertEquals("New Name", db.get(ObjectType.PERSON, "PA1-TEST").orElseThrow().object().value("person"));
            assertEquals(2, db.history(ObjectType.PERSON, "PA1-TEST").size());
        }
        BulkImporter.Summary r = importer(data, false, true).importFiles(List.of(file));
        assertEquals(1, r.deleted());
        assertEquals(0, r.created() + r.modified());
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(3, db.size());
            assertTrue(db.get(ObjectType.PERSON, "PA3-TEST").isEmpty());
        }
    }

    /**
     * A split dump: a whole first file of more than a commit's worth of objects, then a gzip cut short.
     * Nothing of either file may load, on either path, and --replace must delete nothing.
     */
    @Test
    void aSplitDumpWhoseLastFileIsCutShortLoadsNothingOfAnyFile() throws IOException {
        List<RpslObject> persons = new ArrayList<>();
        for (int i = 1; i <= 2500; i++) {
            persons.add(Objects.person("Person Number" + i, "PN" + i + "-TEST", "M-MNT"));
        }
        Path first = tmp.resolve("test.db.person");
        Files.writeString(first, dump(persons));
        Path cut = tmp.resolve("test.db.mntner.gz");
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzip)) {
            for (int i = 0; i < 200; i++) {
                out.write((Objects.mntner("M" + i + "-MNT", "PN1-TEST").toText() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(cut, Arrays.copyOf(gzip.toByteArray(), gzip.size() - 100));
        List<Path> files = List.of(first, cut);

        Path empty = tmp.resolve("empty");
        DumpReadException e = assertThrows(DumpReadException.class, () -> importer(empty, false, false).importFiles(files));
        assertEquals(cut.toString(), e.file());
        assertTrue(e.line() > 1000, "the line reached: " + e.line());
        assertTrue(e.getMessage().startsWith(cut + ":" + e.line() + ": read error: EOFException: Unexpected end of ZLIB input stream"),
                e.getMessage());
        try (PersistentDatabase db = PersistentDatabase.open(empty, "TEST")) {
            assertEquals(0, db.size());
        }

        Path full = tmp.resolve("full");
        try (PersistentDatabase db = PersistentDatabase.open(full, "TEST")) {
            db.commit(List.of(Change.create(Objects.person("Kept", "KP1-TEST", "M-MNT"))));
        }
        for (boolean replace : new boolean[] {false, true}) {
            assertThrows(DumpReadException.class, () -> importer(full, false, replace).importFiles(files));
            try (PersistentDatabase db = PersistentDatabase.open(full, "TEST")) {
                assertEquals(1, db.size(), "replace " + replace);
                assertEquals(1, db.currentSerial(), "replace " + replace);
                assertTrue(db.get(ObjectType.PERSON, "KP1-TEST").isPresent());
            }
        }
    }

    /**
     * Lenient imports take values no search key is that long: a name of 20,000 continuation lines, a
     * maintainer reference of 40,000 characters. Lucene refuses a term over 32,766 bytes (and with it
     * the document, which failed the whole import); the objects load and their primary keys find them.
     */
    @Test
    void valuesTooLongForAnIndexTermLoadOnBothPaths() throws IOException {
        StringBuilder name = new StringBuilder("person:         Long Name\n");
        for (int i = 0; i < 20_000; i++) {
            name.append("                word").append(i).append('\n');
        }
        String longName = name + "nic-hdl:        LN1-TEST\nmnt-by:         M-MNT\nsource:         TEST\n";
        String longReference = Objects.person("Long Reference", "LR1-TEST", "M" + "X".repeat(40_000) + "-MNT").toText();
        String normal = Objects.person("Normal Person", "NP1-TEST", "M-MNT").toText();
        Path file = tmp.resolve("long.db");
        Files.writeString(file, longName + "\n" + longReference + "\n" + normal);
        Path data = tmp.resolve("data");
        assertTrue(importer(data, false, false).importFiles(List.of(file)).fastPath());
        Path changed = tmp.resolve("changed.db");
        Files.writeString(changed, Files.readString(file).replace("M-MNT", "N-MNT").replace("Long", "Longer"));
        BulkImporter.Summary incremental = importer(data, false, true).importFiles(List.of(changed));
        assertFalse(incremental.fastPath());
        assertEquals(3, incremental.modified(), rejected.toString());
        assertEquals(List.of(), rejected);
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(3, db.size());
            assertTrue(db.get(ObjectType.PERSON, "LN1-TEST").orElseThrow().object().value("person").endsWith("word19999"));
            assertTrue(db.get(ObjectType.PERSON, "LR1-TEST").isPresent());
            assertEquals(1, db.lookup("LN1-TEST", EnumSet.of(ObjectType.PERSON)).size());
            assertEquals(1, db.lookup("Normal Person", EnumSet.of(ObjectType.PERSON)).size());
            assertEquals(2, db.inverse("mnt-by", "N-MNT", EnumSet.of(ObjectType.PERSON)).size());
        }
    }

    @Test
    void importRefusesADataDirectoryInUse() throws IOException {
        Path data = tmp.resolve("data");
        Path file = tmp.resolve("one.db");
        Files.writeString(file, dump(List.of(Objects.person("A", "A1-TEST", "M-MNT"))));
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            StorageException e = assertThrows(StorageException.class, () -> importer(data, false, false).importFiles(List.of(file)));
            assertTrue(e.getMessage().contains("in use"));
        }
    }

    private static List<String> texts(PersistentDatabase db) {
        List<String> out = new ArrayList<>();
        db.forEach(o -> out.add(o.key() + "\n" + o.object().toText()));
        return out;
    }

    /** Key helpers for assertions. */
    static final class ObjectKeyOf {
        static ObjectType type(RpslObject o) {
            return net.whoisd.rpsl.ObjectKey.of(o).type();
        }

        static String key(RpslObject o) {
            return net.whoisd.rpsl.ObjectKey.of(o).key();
        }
    }
}
