package net.whoisd.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.sample.SampleData;
import net.whoisd.storage.PersistentDatabase;
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
    void importRefusesWhileTheDataDirectoryIsInUse() throws IOException {
        Path data = tmp.resolve("data");
        Path file = shuffledSample();
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            CheckCommandTest.Run run = CheckCommandTest.run("import", "--data", data.toString(), file.toString());
            assertEquals(1, run.exit());
            assertTrue(run.err().contains("in use by another whoisd process (pid " + ProcessHandle.current().pid()), run.err());
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
