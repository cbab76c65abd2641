package net.whoisd.server.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;

class AcknowledgementTest {
    private static final Instant TIME = Instant.parse("2026-11-22T02:30:00Z");

    @Test
    void layoutFollowsRipe() {
        RpslObject person = RpslObject.parse("person:         John Doe\nnic-hdl:        JD1-TEST\nsource:         RIPE\n");
        RpslObject mntner = RpslObject.parse("mntner:         X-MNT\nauth:           BCRYPT-PW $2b$12$abcdefghijklmnopqrstuv\nsource: TEST\n");
        List<ObjectResult> results = List.of(
                new ObjectResult(Action.CREATE, false, ObjectType.PERSON, "JD1-TEST", "JD1-TEST   John Doe", person,
                        List.of(Problem.error("source", 0, "unrecognized source: RIPE"), Problem.error(null, 0,
                                "Authorisation for [person] JD1-TEST failed\nusing \"mnt-by:\"\nnot authenticated by: X-MNT"))),
                new ObjectResult(Action.MODIFY, true, ObjectType.MNTNER, "X-MNT", "X-MNT", mntner, List.of()),
                new ObjectResult(Action.NOOP, true, ObjectType.MNTNER, "Y-MNT", "Y-MNT", mntner,
                        List.of(Problem.warning(null, 0, "Submitted object identical to database object"))));
        String ack = Acknowledgement.write(Acknowledgement.header(UpdateOrigin.SYNCUPDATES, "192.0.2.1", TIME), results,
                List.of("junk"), List.of(), "TEST", "dbm@example.net", "host", UpdateOrigin.SYNCUPDATES, TIME);
        assertTrue(ack.startsWith("- From-Host: 192.0.2.1\n- Date/Time: Sun Nov 22 02:30:00 2026Z\n\nSUMMARY OF UPDATE:\n"), ack);
        assertTrue(ack.contains("""
                Number of objects found:                   3
                Number of objects processed successfully:  2
                  Create:         0
                  Modify:         1
                  Delete:         0
                  No Operation:   1
                Number of objects processed with errors:   1
                  Create:         1
                  Modify:         0
                  Delete:         0
                """), ack);
        assertTrue(ack.contains("""
                ---
                Create FAILED: [person] JD1-TEST   John Doe

                person:         John Doe
                nic-hdl:        JD1-TEST
                source:         RIPE
                ***Error:   unrecognized source: RIPE

                ***Error:   Authorisation for [person] JD1-TEST failed
                            using "mnt-by:"
                            not authenticated by: X-MNT
                """), ack);
        assertTrue(ack.contains("---\nModify SUCCEEDED: [mntner] X-MNT\n"), ack);
        assertTrue(ack.contains("---\nNo operation: [mntner] Y-MNT\n\n***Warning: Submitted object identical"), ack);
        assertTrue(ack.contains("The following paragraph(s) do not look like objects\nand were NOT PROCESSED:\n\njunk\n"), ack);
        assertTrue(ack.endsWith("Handled sync update (TEST, 2026-11-22T02:30:00Z)\n"), ack);
        assertEquals(4, ack.split("~{52}\n", -1).length - 1, "four rules: errors, successes, ignored, footer");
    }

    @Test
    void longMessagesWrapAt80ColumnsAndHashesAreFiltered() {
        StringBuilder sb = new StringBuilder();
        Acknowledgement.appendMessage(sb, Problem.error(null, 0, "word ".repeat(40).trim()));
        for (String line : sb.toString().split("\n")) {
            assertTrue(line.length() <= 80, line);
        }
        assertTrue(sb.toString().split("\n")[1].startsWith("            word"));
        RpslObject mntner = RpslObject.parse("mntner: X-MNT\nauth: MD5-PW $1$saltsalt$qjXMvbEw8oaL.CzflDtaK/\nsource: TEST\n");
        StringBuilder obj = new StringBuilder();
        Acknowledgement.appendObject(obj, mntner, List.of());
        assertFalse(obj.toString().contains("$1$"), obj.toString());
        assertTrue(obj.toString().contains("MD5-PW # Filtered"), obj.toString());
    }
}
