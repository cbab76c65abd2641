package net.whoisd.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.sample.SampleData;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whoisd import}, {@code export} and {@code reindex} through the real CLI on real files. */
class ImportExportCommandTest {
    @TempDir
    Path tmp;

    /** The sample database shuffled (forward references everywhere) into a plain file. */
    private Path shuffledSample() throws IOException {
        List<String> paragraphs = new ArrayList<>();
        for (ParsedObject p : RpslLexer.parseAll(SampleData.text())) {
            paragraphs.add(p.object().toText());
        }
        Collections.shuffle(paragraphs, new Random(7));
        Path file = tmp.resolve("sample.db");
        Files.writeString(file, String.join("\n", paragraphs));
        return file;
    }

    @Test
    void importExportImportGivesTheSameDatabase() throws IOException {
        Path file = shuffledSample();
        Path data = tmp.resolve("data");
        CheckCommandTest.Run imported = CheckCommandTest.run("import", "--strict", "--data", data.toString(), file.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(imported.out().startsWith("imported 99 objects (99 created, 0 modified, 0 deleted), 0 rejected, 0 duplicate"), imported.out());
        assertTrue(imported.err().contains("import: 99 objects"), imported.err());

        Path out = tmp.resolve("dump");
        CheckCommandTest.Run exported = CheckCommandTest.run("export", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, exported.exit(), exported.err());
        assertTrue(exported.out().startsWith("exported 99 objects in 13 files"), exported.out());
        assertTrue(Files.exists(out.resolve("test.db.inetnum.gz")));
        assertEquals("0", Files.readString(out.resolve("TEST.CURRENTSERIAL")).trim());

        List<String> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.filter(p -> p.toString().endsWith(".gz")).map(Path::toString).sorted().toList();
        }
        Path copy = tmp.resolve("copy");
        List<String> args = new ArrayList<>(List.of("import", "--data", copy.toString()));
        args.addAll(files);
        assertEquals(0, CheckCommandTest.run(args.toArray(String[]::new)).exit());
        assertEquals(dump(data), dump(copy));

        CheckCommandTest.Run reindexed = CheckCommandTest.run("reindex", "--data", copy.toString());
        assertEquals(0, reindexed.exit(), reindexed.err());
        assertTrue(reindexed.out().startsWith("reindexed 99 objects"), reindexed.out());
        try (PersistentDatabase db = PersistentDatabase.open(copy, "TEST")) {
            assertEquals(1, db.lookup("LIR1-MNT", EnumSet.of(ObjectType.MNTNER)).size());
        }
    }

    @Test
    void aPublicExportHidesHashes() throws IOException {
        Path data = tmp.resolve("data");
        assertEquals(0, CheckCommandTest.run("import", "--data", data.toString(), shuffledSample().toString()).exit());
        Path out = tmp.resolve("public");
        assertEquals(0, CheckCommandTest.run("export", "--public", "--data", data.toString(), "--out", out.toString()).exit());
        String mntners = gunzip(out.resolve("test.db.mntner.gz"));
        assertTrue(mntners.contains("BCRYPT-PW # Filtered"));
        assertTrue(!mntners.contains("$2"), "no bcrypt hash in a public dump");
        String persons = gunzip(out.resolve("test.db.person.gz"));
        assertTrue(!persons.contains("phone:") && !persons.contains("e-mail:") && persons.contains("nic-hdl:"));
    }

    @Test
    void rejectedObjectsAreListedWithFileAndLineAndStrictFails() throws IOException {
        Path file = tmp.resolve("bad.db");
        Files.writeString(file, """
                person:         John Doe
                e-mail:         jd@example.net
                nic-hdl:        JD1-TEST
                mnt-by:         EX-MNT
                source:         TEST

                person:         No Handle
                source:         TEST
                """);
        Path data = tmp.resolve("data");
        CheckCommandTest.Run run = CheckCommandTest.run("import", "--strict", "--data", data.toString(), file.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(file + ":7: "), run.err());
        assertTrue(run.out().contains("imported 1 objects") && run.out().contains("1 rejected"), run.out());
    }

    @Test
    void lenientImportLoadsLegacyKeysWithWarningsAndSummarisesThemByReason() throws IOException {
        Path file = tmp.resolve("legacy.db");
        Files.writeString(file, """
                person:         Chen Example
                e-mail:         chen@example.net
                nic-hdl:        C51767-TEST
                mnt-by:         EX-MNT
                source:         TEST # Filtered

                person:         Astro Anax
                e-mail:         astro@example.net
                nic-hdl:        ASTROANAX-DN42
                mnt-by:         EX-MNT
                source:         TEST

                person:         Placeholder
                nic-hdl:        AUTO-1
                source:         TEST
                """);
        Path data = tmp.resolve("data");
        CheckCommandTest.Run run = CheckCommandTest.run("import", "--data", data.toString(), file.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains(file + ":3: warning: nic-hdl: syntax error in \"C51767-TEST\""), run.err());
        assertTrue(run.err().contains(file + ":5: warning: source: comments are not allowed"), run.err());
        assertTrue(run.err().contains(file + ":9: warning: nic-hdl: syntax error in \"ASTROANAX-DN42\""), run.err());
        assertTrue(run.err().contains(file + ":13: primary key AUTO-1 is a placeholder"), run.err());
        assertTrue(run.out().startsWith("imported 2 objects (2 created, 0 modified, 0 deleted), 1 rejected, 0 duplicate; "
                + "warnings: 3 (nic-hdl syntax 2; source comment 1); serial 0"), run.out());
        CheckCommandTest.Run strict = CheckCommandTest.run("import", "--strict", "--data", tmp.resolve("strict").toString(), file.toString());
        assertEquals(1, strict.exit());
        assertTrue(strict.out().startsWith("imported 0 objects"), strict.out());
    }

    @Test
    void importRefusesWhileTheDataDirectoryIsInUse() throws IOException {
        Path data = tmp.resolve("data");
        Path file = shuffledSample();
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            CheckCommandTest.Run run = CheckCommandTest.run("import", "--data", data.toString(), file.toString());
            assertEquals(1, run.exit());
            assertTrue(run.err().contains("in use by another whoisd process (pid " + ProcessHandle.current().pid()), run.err());
        }
    }

    /** The gzip of a dump, cut or corrupted afterwards by the tests. */
    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** The line a reader of the damaged gzip is on when reading fails: one after the last whole line it got. */
    private static int lineWhereReadingFails(byte[] gzip) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            for (int n; (n = in.read(buf)) > 0; ) {
                got.write(buf, 0, n);
            }
        } catch (IOException expected) {
            byte[] text = got.toByteArray();
            int lines = 0;
            for (byte b : text) {
                lines += b == '\n' ? 1 : 0;
            }
            return lines + 1;
        }
        throw new AssertionError("the damaged gzip reads without an error");
    }

    /** Asserts a failed import: exit 1, the read error at file:line on stderr, no summary. */
    private static void assertAbandoned(CheckCommandTest.Run run, Path file, int line, String why) {
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(file + ":" + line + ": read error: " + why), run.err());
        assertTrue(run.err().contains("whoisd: import abandoned: " + file + " could not be read to its end; nothing was imported"), run.err());
        assertFalse(run.out().contains("imported"), run.out());
    }

    @Test
    void aTruncatedGzipIntoAnEmptyStoreImportsNothingAndExitsNonZero() throws IOException {
        byte[] whole = gzip(Files.readString(shuffledSample()));
        // cut in the compressed data, just before the trailer (all data there, length and CRC missing), in the trailer
        for (int cut : new int[] {whole.length / 2, 8, 3}) {
            byte[] truncated = Arrays.copyOf(whole, whole.length - cut);
            Path file = tmp.resolve("cut" + cut + ".db.gz");
            Files.write(file, truncated);
            Path data = tmp.resolve("data" + cut);
            CheckCommandTest.Run run = CheckCommandTest.run("import", "--data", data.toString(), file.toString());
            // the inflater notices a cut in the data, GZIPInputStream one in the trailer (with no message)
            String why = cut > 8 ? "EOFException: Unexpected end of ZLIB input stream\n" : "EOFException\n";
            assertAbandoned(run, file, lineWhereReadingFails(truncated), why);

            assertEquals(List.of(), snapshots(data));
            assertFalse(Files.exists(data.resolve("store.db")), "no half-built store is left");
            try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
                assertEquals(0, db.size());
                assertEquals(0, db.currentSerial());
            }
            Path good = tmp.resolve("good.db.gz");
            Files.write(good, whole);
            CheckCommandTest.Run again = CheckCommandTest.run("import", "--data", data.toString(), good.toString());
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().startsWith("imported 99 objects (99 created") && again.out().contains("bulk load into an empty store"),
                    again.out());
        }
    }

    @Test
    void aCorruptGzipIntoAnEmptyStoreImportsNothingAndExitsNonZero() throws IOException {
        byte[] corrupt = gzip(Files.readString(shuffledSample()));
        for (int i = corrupt.length / 2; i < corrupt.length / 2 + 4; i++) {
            corrupt[i] ^= (byte) 0x5a;
        }
        Path file = tmp.resolve("corrupt.db.gz");
        Files.write(file, corrupt);
        Path data = tmp.resolve("data");
        CheckCommandTest.Run run = CheckCommandTest.run("import", "--data", data.toString(), file.toString());
        assertAbandoned(run, file, lineWhereReadingFails(corrupt), "ZipException: ");
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            assertEquals(0, db.size());
        }
    }

    @Test
    void aTruncatedGzipIntoAFullStoreChangesNothingWithOrWithoutReplace() throws IOException {
        Path data = tmp.resolve("data");
        Path sample = shuffledSample();
        assertEquals(0, CheckCommandTest.run("import", "--data", data.toString(), sample.toString()).exit());
        // a second import that committed anything would modify objects: every one has another remark
        String changed = Files.readString(sample).replace("\nsource:", "\nremarks:        changed\nsource:");
        byte[] whole = gzip(changed);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        Path file = tmp.resolve("cut.db.gz");
        Files.write(file, truncated);
        List<String> before = dump(data);
        assertEquals(99, before.size());
        for (String mode : new String[] {"--replace", "--strict"}) {
            CheckCommandTest.Run run = CheckCommandTest.run("import", mode, "--data", data.toString(), file.toString());
            assertAbandoned(run, file, lineWhereReadingFails(truncated), "EOFException: Unexpected end of ZLIB input stream");
            assertEquals(before, dump(data), mode);
            try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
                assertEquals(0, db.currentSerial(), mode + ": nothing was journaled");
            }
        }
        Path good = tmp.resolve("changed.db.gz");
        Files.write(good, whole);
        CheckCommandTest.Run replaced = CheckCommandTest.run("import", "--replace", "--data", data.toString(), good.toString());
        assertEquals(0, replaced.exit(), replaced.err());
        assertTrue(replaced.out().startsWith("imported 99 objects (0 created, 99 modified, 0 deleted)"), replaced.out());
    }

    private static List<Path> snapshots(Path data) throws IOException {
        Path dir = data.resolve("snapshots");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static List<String> dump(Path data) {
        List<String> out = new ArrayList<>();
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            db.forEach(o -> out.add(o.object().toText()));
        }
        return out;
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
