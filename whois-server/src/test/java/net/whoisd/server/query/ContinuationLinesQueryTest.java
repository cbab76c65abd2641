package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continuation lines are shown aligned to the value column as RIPE shows them, over a real socket. */
class ContinuationLinesQueryTest {
    @TempDir
    static Path tmp;

    private static TestServer server;

    /** As written in the dump: continuation lines indented by spaces, a tab, or {@code +} and any blanks. */
    static final String AS_WRITTEN = """
            aut-num:        AS64500
            as-name:        CONTINUED-AS
            descr:          First line
              indented by two
            \tindented by a tab, trailing blanks\t\s\s
            +plus without a blank
            +       plus with blanks
            +
            remarks:
                            already aligned
            +               already aligned after a plus
            mnt-by:         EX-MNT
            source:         TEST
            """;

    static final String AS_SHOWN = """
            aut-num:        AS64500
            as-name:        CONTINUED-AS
            descr:          First line
                            indented by two
                            indented by a tab, trailing blanks
            +               plus without a blank
            +               plus with blanks
            +
            remarks:
                            already aligned
            +               already aligned after a plus
            mnt-by:         EX-MNT
            source:         TEST
            """;

    @BeforeAll
    static void importAndServe() throws Exception {
        Path dump = tmp.resolve("continued.db");
        Files.writeString(dump, AS_WRITTEN);
        server = TestServer.importAndStart(dump, tmp.resolve("data"), 1);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void continuationLinesAreAlignedToTheValueColumn() throws Exception {
        String body = TestServer.body(server.query("-r -B AS64500"));
        assertTrue(body.contains("\n\n" + AS_SHOWN + "\n% This query was served by"), body);
    }

    @Test
    void aLongAttributeNameDoesNotMoveItsContinuationLines() {
        RpslObject object = new RpslObject(List.of(
                RpslAttribute.of("x-a-very-long-attribute", "first\n second\n+third"),
                RpslAttribute.of("remarks", "single line stays as written")));
        assertEquals("""
                x-a-very-long-attribute: first
                                second
                +               third
                remarks:        single line stays as written
                """, ObjectFilter.text(object));
    }
}
