package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.outbox.OutgoingMail;
import net.whoisd.server.update.Acknowledgement;
import net.whoisd.storage.Change;
import org.junit.jupiter.api.Test;

class MailAcknowledgementTest {
    private final MailAcknowledgement acks = new MailAcknowledgement("auto-dbm@example.net");

    private static IncomingUpdateMail mail(String subject) {
        return new IncomingUpdateMail("ann@example.com", "Ann Example <ann@example.com>", "hm@example.com", subject,
                "Sun, 22 Nov 2026 03:00:00 +0000", "<m1@example.com>", SubjectKeywords.parse(subject), List.of(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    private static final String ENGINE_ACK = ">  From:       ann@example.com\n>  Date:       Sun Nov 22 03:00:01 2026Z\n\n"
            + "SUMMARY OF UPDATE:\n\nNumber of objects found:                   1\n\nDETAILED EXPLANATION:\n\n"
            + "~~~~\nThe following object(s) were processed SUCCESSFULLY:\n";

    @Test
    void subjectHeaderAndThreadingFollowTheRipeRobot() {
        OutgoingMail ack = acks.processed(mail("my update"), true, ENGINE_ACK, List.of());
        assertEquals("SUCCESS: my update", ack.subject());
        assertEquals(List.of("hm@example.com"), ack.to());
        assertEquals("<m1@example.com>", ack.inReplyTo());
        assertEquals("auto-dbm@example.net", ack.headers().get("X-Loop"));
        assertTrue(ack.body().startsWith(">  From:       Ann Example <ann@example.com>\n"
                + ">  Subject:    my update\n"
                + ">  Date:       Sun, 22 Nov 2026 03:00:00 +0000\n"
                + ">  Reply-To:   hm@example.com\n"
                + ">  Message-ID: <m1@example.com>\n\nSUMMARY OF UPDATE:"), ack.body());
        assertEquals("FAILED: my update", acks.processed(mail("my update"), false, ENGINE_ACK, List.of()).subject());
        assertEquals("FAILED:", acks.processed(mail(""), false, ENGINE_ACK, List.of()).subject());
    }

    @Test
    void doorWarningsComeFirstUnderDetailedExplanation() {
        String body = acks.processed(mail("x"), true, ENGINE_ACK, List.of("The attachment 'a.bin' was ignored.")).body();
        assertTrue(body.contains("DETAILED EXPLANATION:\n\n***Warning: The attachment 'a.bin' was ignored.\n\n~~~~"), body);
    }

    @Test
    void longMessagesWrapAtEightyColumnsIndentedTwelve() {
        StringBuilder sb = new StringBuilder();
        Acknowledgement.appendMessage(sb, Problem.warning(null, 0, "word ".repeat(40)));
        for (String line : sb.toString().split("\n")) {
            assertTrue(line.length() <= 80, line);
        }
        assertTrue(sb.toString().split("\n")[1].startsWith(" ".repeat(12) + "word"));
    }

    @Test
    void anAnswerRebuiltAfterACrashListsTheCommittedChangesAndSucceedsOnlyIfEveryObjectChanged() {
        List<Change> changes = List.of(
                Change.create(RpslObject.parse("person: Ann\nnic-hdl: AA1-TEST\nsource: TEST\n")),
                Change.modify(RpslObject.parse("mntner: ANN-MNT\nsource: TEST\n")));
        OutgoingMail all = acks.recovered(mail("both"), changes, 2, "TEST");
        assertEquals("SUCCESS: both", all.subject());
        assertEquals("<m1@example.com>", all.inReplyTo());
        assertTrue(all.body().startsWith(">  From:       Ann Example <ann@example.com>\n"), all.body());
        assertTrue(all.body().contains("---\nCreate SUCCEEDED: [person] AA1-TEST\n\n---\nModify SUCCEEDED: [mntner] ANN-MNT\n"),
                all.body());
        assertTrue(all.body().replaceAll("\\s+", " ").contains("This answer was rebuilt"), all.body());
        assertEquals("FAILED: three", acks.recovered(mail("three"), changes, 3, "TEST").subject());
    }

    @Test
    void storedAnswersSurviveAReopenAndThoseOfHandledMessagesAreForgotten(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path dir) throws Exception {
        OutgoingMail answer = acks.processed(mail("kept"), true, ENGINE_ACK, List.of());
        StoredAnswers answers = StoredAnswers.open(dir, java.util.Set.of());
        answers.store("1.eml", answer);
        answers.store("2.eml", answer);
        assertEquals(Optional.of(answer), answers.load("1.eml"));
        StoredAnswers reopened = StoredAnswers.open(dir, java.util.Set.of("1.eml"));
        assertEquals(Optional.of(answer), reopened.load("1.eml"));
        assertEquals(Optional.empty(), reopened.load("2.eml"), "2.eml is no longer in the spool");
        reopened.remove("1.eml");
        assertEquals(Optional.empty(), reopened.load("1.eml"));
    }

    @Test
    void refusalSaysNothingWasChanged() {
        OutgoingMail ack = acks.refused(mail("x"), "the MIME structure is broken", List.of(), "TEST");
        assertEquals("FAILED: x", ack.subject());
        assertTrue(ack.body().contains("***Error:   The message could not be processed: the MIME structure is broken."));
        assertTrue(ack.body().replace("\n            ", " ").contains("Nothing was changed in the database."), ack.body());
    }

    @Test
    void helpAnswersWithTheHelpText() {
        OutgoingMail ack = acks.help(mail("HELP"), "TEST");
        assertEquals("SUCCESS: HELP", ack.subject());
        assertTrue(ack.body().contains("password: <password>"));
    }
}
