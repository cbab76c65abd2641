package net.whoisd.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import net.whoisd.rpsl.DumpReader;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.RpslLexer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatabaseTest {

    @TempDir
    Path dir;

    private static String generate(long objects, long seed) throws IOException {
        StringBuilder out = new StringBuilder();
        new SyntheticDatabase(seed, "TEST").write(objects, (type, text) -> out.append(text));
        return out.toString();
    }

    @Test
    void fiveThousandObjectsLexCleanlyResolveAndNest() throws IOException {
        String text = generate(5000, 42);
        List<ParsedObject> parsed = RpslLexer.parseAll(text);
        assertTrue(parsed.size() >= 5000 && parsed.size() < 5100, "objects: " + parsed.size());
        Consistency check = new Consistency();
        for (ParsedObject p : parsed) {
            assertTrue(p.problems().isEmpty(), () -> "line " + p.line() + ": " + p.problems());
            check.add(p.object());
        }
        assertEquals(List.of(), check.problems());
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
        assertEquals(generate(2000, 7), generate(2000, 7));
        assertNotEquals(generate(2000, 7), generate(2000, 8));
    }

    @Test
    void gzipFilesAreByteIdenticalForOneSeed() throws IOException {
        GenerateDump.run(GenerateDump.parse(new String[] {"--objects", "3000", "--seed", "5", "--out", dir.resolve("a.db.gz").toString()}));
        GenerateDump.run(GenerateDump.parse(new String[] {"--objects", "3000", "--seed", "5", "--out", dir.resolve("b.db.gz").toString()}));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.db.gz")), Files.readAllBytes(dir.resolve("b.db.gz")));
        assertEquals(generate(3000, 5), gunzip(dir.resolve("a.db.gz")));
    }

    @Test
    void shuffledSplitDumpHoldsTheSameObjectsPerClassInAnotherOrder() throws IOException {
        GenerateDump.run(GenerateDump.parse(new String[] {"--objects", "3000", "--seed", "9", "--split-dir", dir.toString(), "--shuffle"}));
        List<ParsedObject> plain = RpslLexer.parseAll(generate(3000, 9));
        Consistency check = new Consistency();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                assertTrue(name.matches("TEST\\.db\\.[a-z0-9-]+\\.gz"), name);
                all.append(gunzip(file));
                try (DumpReader reader = DumpReader.open(file)) {
                    while (reader.hasNext()) {
                        ParsedObject p = reader.next();
                        assertTrue(p.problems().isEmpty(), () -> name + ":" + p.line() + " " + p.problems());
                        assertEquals(name, "TEST.db." + p.object().className() + ".gz");
                        check.add(p.object());
                    }
                }
            }
        }
        assertEquals(plain.size(), check.objects());
        assertEquals(List.of(), check.problems());
        assertFalse(all.toString().equals(generate(3000, 9)));
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> GenerateDump.parse(new String[] {"--objects", "x", "--out", "f"}));
        assertThrows(IllegalArgumentException.class, () -> GenerateDump.parse(new String[] {"--objects", "10"}));
        assertThrows(IllegalArgumentException.class, () -> GenerateDump.parse(new String[] {"--objects", "10", "--out", "f", "--split-dir", "d"}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerateDump.parse(new String[] {"--objects", "10", "--out", "f", "--bogus"}));
        assertTrue(e.getMessage().contains("--bogus"));
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
