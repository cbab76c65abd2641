package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpReaderTest {
    static final String DUMP = """
            # RIPE-style dump header
            % comment between objects

            mntner:         EX-MNT
            admin-c:        JD1-TEST
            upd-to:         ops@example.net
            auth:           PGPKEY-1234ABCD
            mnt-by:         EX-MNT
            source:         TEST

            # another comment
            person:         John Doe
            address:        Street 1
                            Town
            +
            e-mail:         jd@example.net # comment
            nic-hdl:        JD1-TEST
            mnt-by:         EX-MNT
            source:         TEST
            """;

    static List<ParsedObject> readAll(byte[] bytes) throws IOException {
        List<ParsedObject> out = new ArrayList<>();
        try (DumpReader r = new DumpReader(new ByteArrayInputStream(bytes), "test.db")) {
            while (r.hasNext()) {
                out.add(r.next());
            }
            assertEquals(bytes.length, r.bytesRead());
            assertThrows(NoSuchElementException.class, r::next);
        }
        return out;
    }

    @Test
    void readsObjectsWithLineNumbersAndSkipsComments() throws IOException {
        List<ParsedObject> objects = readAll(DUMP.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, objects.size());
        assertEquals(4, objects.get(0).line());
        assertEquals("EX-MNT", objects.get(0).object().classValue());
        ParsedObject person = objects.get(1);
        assertEquals(12, person.line());
        assertTrue(person.problems().isEmpty(), person.problems().toString());
        RpslAttribute address = person.object().find("address").orElseThrow();
        assertEquals(13, address.line());
        assertEquals("Street 1\n                Town\n+", address.value());
        assertEquals("Street 1 Town", address.cleanValue());
        assertEquals(16, person.object().find("e-mail").orElseThrow().line());
        assertEquals("jd@example.net", person.object().value("e-mail"));
    }

    @Test
    void crlfGzipAndPlainGiveTheSameObjects(@TempDir Path dir) throws IOException {
        byte[] plain = DUMP.getBytes(StandardCharsets.UTF_8);
        byte[] crlf = DUMP.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        Path gz = dir.resolve("test.db.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(crlf);
        }
        List<ParsedObject> expected = readAll(plain);
        assertEquals(expected, readAll(crlf));
        List<ParsedObject> fromGz = new ArrayList<>();
        try (DumpReader r = DumpReader.open(gz)) {
            r.forEachRemaining(fromGz::add);
            assertEquals(Files.size(gz), r.bytesRead());
            assertEquals(gz.toString(), r.name());
        }
        assertEquals(expected, fromGz);
    }

    @Test
    void utf8WithLatin1FallbackPerLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("person:  J\u00fcrgen M\u00fcller\n".getBytes(StandardCharsets.UTF_8));
        out.write("address: Stra\u00dfe 1\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write("source:  TEST".getBytes(StandardCharsets.UTF_8)); // no final newline
        RpslObject o = readAll(out.toByteArray()).get(0).object();
        assertEquals("J\u00fcrgen M\u00fcller", o.classValue());
        assertEquals("Stra\u00dfe 1", o.value("address"));
        assertEquals("TEST", o.value("source"));
    }

    @Test
    void controlCharactersAreRemovedAndReported() throws IOException {
        List<ParsedObject> objects = readAll("person: John\u0000 Doe\u0007\nsource: TEST\n".getBytes(StandardCharsets.UTF_8));
        ParsedObject p = objects.get(0);
        assertEquals("John Doe", p.object().classValue());
        assertEquals(1, p.problems().size());
        assertEquals(1, p.problems().get(0).line());
        assertFalse(p.problems().get(0).isError());
    }

    @Test
    void hugeValueIsReportedAndSkippedAndTheNextObjectStillReads() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("person: A B\nremarks: ".getBytes(StandardCharsets.US_ASCII));
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        out.write(huge);
        out.write("\nsource: TEST\n\nperson: C D\nsource: TEST\n".getBytes(StandardCharsets.US_ASCII));
        List<ParsedObject> objects = readAll(out.toByteArray());
        assertEquals(2, objects.size());
        assertNull(objects.get(0).object());
        assertTrue(objects.get(0).hasErrors());
        assertEquals(1, objects.get(0).line());
        assertEquals("C D", objects.get(1).object().classValue());
        assertEquals(5, objects.get(1).line());
    }

    @Test
    void millionAttributesAreReportedAndSkipped() throws IOException {
        StringBuilder sb = new StringBuilder("as-set: AS-X\n");
        for (int i = 0; i < 1_000_000; i++) {
            sb.append("m:1\n");
        }
        sb.append("\naut-num: AS1\n");
        List<ParsedObject> objects = readAll(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals(2, objects.size());
        assertNull(objects.get(0).object());
        assertTrue(objects.get(0).problems().get(0).message().contains("more than"));
        assertEquals(1_000_003, objects.get(1).line());
    }

    @Test
    void truncatedGzipEndsWithAReportedReadError() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 2000; i++) {
                out.write(("person: A B" + i + "\nnic-hdl: AB" + (i + 1) + "-TEST\nsource: TEST\n\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] all = bytes.toByteArray();
        byte[] cut = Arrays.copyOf(all, all.length / 2);
        List<ParsedObject> objects = new ArrayList<>();
        try (DumpReader r = new DumpReader(new ByteArrayInputStream(cut), "cut.gz")) {
            r.forEachRemaining(objects::add);
            assertEquals("EOFException: Unexpected end of ZLIB input stream", r.readFailure().orElseThrow());
            assertEquals(r.lineNumber() + 1, objects.get(objects.size() - 1).line(), "the line being read when it failed");
        }
        ParsedObject last = objects.get(objects.size() - 1);
        assertNull(last.object());
        assertEquals("read error: EOFException: Unexpected end of ZLIB input stream", last.problems().get(0).message());
        assertTrue(objects.size() > 10);
        try (DumpReader whole = new DumpReader(new ByteArrayInputStream(all), "whole.gz")) {
            whole.forEachRemaining(objects::add);
            assertTrue(whole.readFailure().isEmpty());
        }
    }

    @Test
    void blankLinesWithSpacesAreContinuationsInsideAnObject() throws IOException {
        List<ParsedObject> objects = readAll("route: 192.0.2.0/24\n \norigin: AS1\n\n   \n\nroute: 192.0.2.0/25\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(2, objects.size());
        assertEquals("AS1", objects.get(0).object().value("origin"));
        assertEquals(7, objects.get(1).line());
    }

    static java.util.stream.Stream<Long> seeds() {
        return java.util.stream.LongStream.range(0, 200).boxed();
    }

    /**
     * The reader splits attribute lines at the byte level, eight bytes at a time, and decides there
     * whether a value is already clean; whatever the line, it must give exactly what the lexer gives
     * for the same text.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("seeds")
    void readsExactlyWhatTheLexerReads(long seed) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        String[] names = {"mnt-by", "MNT-BY", "Admin-C", "abuse-mailbox", "last-modified", "e-mail", "source", "remarks",
            "sponsoring-org", "x", "unknown-attribute-name-longer-than-24", "mnt_by", "foo bar", "a.b", "", "descr", "inetnum"};
        String pool = "aZ09 #\t:-+,.\u00e9\u0001\u007f";
        StringBuilder text = new StringBuilder();
        int objects = 1 + random.nextInt(4);
        for (int o = 0; o < objects; o++) {
            int lines = 1 + random.nextInt(6);
            for (int l = 0; l < lines; l++) {
                int kind = random.nextInt(10);
                if (kind == 0 && l > 0) {
                    text.append(" \t+".charAt(random.nextInt(3)));
                } else {
                    text.append(names[random.nextInt(names.length)]).append(':');
                    int blanks = random.nextInt(20);
                    for (int b = 0; b < blanks; b++) {
                        text.append(random.nextInt(8) == 0 ? '\t' : ' ');
                    }
                }
                int length = random.nextInt(40);
                if (random.nextBoolean()) {
                    // words of letters with single blanks and at most one flaw: the reader's clean fast path
                    StringBuilder value = new StringBuilder();
                    while (value.length() < length) {
                        value.append(value.length() == 0 ? "" : " ").append((char) ('a' + random.nextInt(26)));
                        while (random.nextInt(4) != 0) {
                            value.append((char) ('a' + random.nextInt(26)));
                        }
                    }
                    if (value.length() > 0 && random.nextBoolean()) {
                        value.insert(random.nextInt(value.length() + 1), " #\t".charAt(random.nextInt(3)));
                    }
                    text.append(value);
                    length = 0;
                }
                for (int c = 0; c < length; c++) {
                    int r = random.nextInt(4);
                    char ch = r == 0 ? ' ' : r == 1 ? pool.charAt(random.nextInt(pool.length())) : (char) ('a' + random.nextInt(26));
                    text.append(ch);
                }
                text.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
            }
            text.append('\n');
        }
        List<ParsedObject> expected = RpslLexer.parseAll(text.toString());
        List<ParsedObject> actual = new ArrayList<>();
        try (DumpReader reader = new DumpReader(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), "t")) {
            reader.forEachRemaining(actual::add);
        }
        assertEquals(expected, actual, text.toString());
    }

    /** A flaw (two blanks, '#', tab, trailing blank) at every offset of a value, across eight-byte words. */
    @Test
    void seesAFlawAtAnyOffsetOfAValue() throws IOException {
        for (String flaw : new String[] {"  ", "#", "\t", " "}) {
            for (int padding = 0; padding < 12; padding++) {
                for (int offset = 0; offset < 30; offset++) {
                    String value = "v".repeat(offset) + flaw + (flaw.equals(" ") ? "" : "w".repeat(offset % 11));
                    String text = "remarks:" + " ".repeat(padding) + value + "\n";
                    List<ParsedObject> actual = new ArrayList<>();
                    try (DumpReader reader = new DumpReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t")) {
                        reader.forEachRemaining(actual::add);
                    }
                    assertEquals(RpslLexer.parseAll(text), actual, text);
                    assertEquals(RpslAttribute.clean(value.strip()), actual.get(0).object().attributes().get(0).cleanValue(), text);
                }
            }
        }
    }
}
