package net.whoisd.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code whoisd check} in-process on real files and checks its output and exit code. */
class CheckCommandTest {
    static final String VALID = """
            # a comment line
            person:         John Doe
            e-mail:         jd@example.net
            nic-hdl:        JD1-TEST
            mnt-by:         EX-MNT
            source:         TEST

            route:          192.0.2.0/24
            origin:         AS64496
            mnt-by:         EX-MNT
            source:         TEST
            """;

    static final String INVALID = """
            route:          192.0.2.1/24
            origin:         AS64496
            colour:         blue
            source:         TEST

            person:         Jane Doe
            e-mail:         jane@example.net
            nic-hdl:        JD2-TEST
            mnt-by:         EX-MNT
            changed:        jane@example.net 20010101
            source:         TEST
            """;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = WhoisdMain.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void validFileExitsZeroWithSummary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ok.db");
        Files.writeString(file, VALID);
        Run r = run("check", file.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().endsWith("checked 2 objects: 2 valid, 0 invalid (0 errors, 0 warnings)\n"), r.out());
    }

    @Test
    void everyProblemIsPrintedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("ok.db");
        Files.writeString(ok, VALID);
        Path bad = dir.resolve("bad.db.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bad))) {
            out.write(INVALID.getBytes(StandardCharsets.UTF_8));
        }
        Run r = run("check", ok.toString(), bad.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        String b = bad.toString();
        assertTrue(r.out().contains(b + ":1: error: route: syntax error in \"192.0.2.1/24\": host bits are set beyond the prefix length\n"), r.out());
        assertTrue(r.out().contains(b + ":3: error: colour: \"colour\" is not a known RPSL attribute\n"), r.out());
        assertTrue(r.out().contains(b + ":1: error: mnt-by: mandatory attribute \"mnt-by\" is missing\n"), r.out());
        assertTrue(r.out().contains(b + ":10: warning: changed: "), r.out());
        assertTrue(r.out().contains("checked 4 objects: 3 valid, 1 invalid (3 errors, 1 warnings)"), r.out());
        assertTrue(r.err().contains("1 invalid objects"), r.err());
    }

    @Test
    void sourceComesFromConfigOrOption(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ripe.db");
        Files.writeString(file, VALID.replace("source:         TEST", "source:         RIPE"));
        assertEquals(1, run("check", file.toString()).exit());
        assertEquals(0, run("check", "--source", "RIPE", file.toString()).exit());
        assertEquals(0, run("check", "--any-source", file.toString()).exit());
        Path config = dir.resolve("whoisd.properties");
        Files.writeString(config, "source=RIPE\n");
        assertEquals(0, run("check", "--config", config.toString(), file.toString()).exit());
    }

    @Test
    void lenientModeAcceptsLegacyObjects(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("legacy.db");
        Files.writeString(file, "person: John Doe\nnic-hdl: JD1-TEST\nphone: unknown\nsource: TEST\n");
        Run strict = run("check", file.toString());
        assertEquals(1, strict.exit());
        Run lenient = run("check", "--lenient", file.toString());
        assertEquals(0, lenient.exit(), lenient.out());
        assertTrue(lenient.out().contains(":3: warning: phone: "), lenient.out());
    }

    @Test
    void lenientModeChecksAsImportDoesPlaceholdersRefusedDeletedObjectsSkipped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("legacy.db");
        Files.writeString(file, "*xxte: 192.0.2.0/24\n*xxgin: AS64496\n\n"
                + "person: Chen Example\nnic-hdl: C51767-TEST\nsource: TEST # Filtered\n\n"
                + "person: Placeholder\nnic-hdl: AUTO-1\nsource: TEST\n");
        Run lenient = run("check", "--lenient", file.toString());
        assertEquals(1, lenient.exit(), lenient.out());
        assertTrue(lenient.out().contains(":1: warning: deleted object (*xx lines) skipped"), lenient.out());
        assertTrue(lenient.out().contains(":5: warning: nic-hdl: syntax error in \"C51767-TEST\""), lenient.out());
        assertTrue(lenient.out().contains(":8: error: primary key AUTO-1 is a placeholder"), lenient.out());
        assertTrue(lenient.out().contains("checked 3 objects: 2 valid, 1 invalid"), lenient.out());
    }

    @Test
    void missingFileIsAFailureWithReasonOnStderr(@TempDir Path dir) {
        Run r = run("check", dir.resolve("nope.db").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot read"), r.err());
        assertTrue(r.out().contains("checked 0 objects"), r.out());
    }
}
