package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RpslLexerTest {

    @Test
    void continuationsCommentsAndParagraphs() {
        String text = "% a comment before the first object\r\n"
                + "mntner:  EXAMPLE-MNT\r\n"
                + "descr:   first line # a comment\r\n"
                + " second line\r\n"
                + "+\r\n"
                + "\tthird   line\r\n"
                + "MNT-BY:  EXAMPLE-MNT, OTHER-MNT\r\n"
                + "source:  TEST\r\n"
                + "\r\n"
                + "\r\n"
                + "person: John Smith\n"
                + "nic-hdl: JS1-TEST\n";
        List<ParsedObject> all = RpslLexer.parseAll(text);
        assertEquals(2, all.size());
        RpslObject m = all.get(0).object();
        assertEquals(ObjectType.MNTNER, m.type().orElseThrow());
        assertEquals(2, m.line());
        assertEquals("first line second line third line", m.value("descr"));
        assertEquals("a comment", m.find("descr").orElseThrow().comment());
        assertEquals(List.of("EXAMPLE-MNT", "OTHER-MNT"), m.values("mnt-by"));
        assertEquals(11, all.get(1).object().line());
        assertEquals("JS1-TEST", ObjectKey.of(all.get(1).object()).key());
    }

    @Test
    void writerAlignsValuesAtColumn16AndKeepsContinuations() {
        RpslObject o = RpslObject.parse("mntner: X-MNT\ndescr: a\n  b\nsource: TEST\n");
        String written = o.toText();
        assertEquals("mntner:         X-MNT\ndescr:          a\n  b\nsource:         TEST\n", written);
        assertEquals(o.attributes().size(), RpslObject.parse(written).attributes().size());
        assertEquals(o.value("descr"), RpslObject.parse(written).value("descr"));
    }

    @Test
    void malformedLinesAreReportedWithTheirLine() {
        List<ParsedObject> all = RpslLexer.parseAll("mntner: X-MNT\nthis is not an attribute\nsource: TEST\n");
        assertEquals(1, all.size());
        assertTrue(all.get(0).problems().get(0).message().contains("not an attribute line"));
        assertEquals(2, all.get(0).problems().get(0).line());
    }
}
