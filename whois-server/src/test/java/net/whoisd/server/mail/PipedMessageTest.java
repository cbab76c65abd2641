package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PipedMessageTest {
    private static PipedMessage of(String s) {
        return PipedMessage.of(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void envelopeSenderComesFromReturnPathElseTheMboxLine() {
        assertEquals("ann@example.com", of("From x@y Sun Nov 22\nReturn-Path: <ann@example.com>\nSubject: s\n\nb\n").envelopeSender());
        assertEquals("x@y", of("From x@y Sun Nov 22 03:00:00 2026\nSubject: s\n\nb\n").envelopeSender());
        assertEquals("", of("From MAILER-DAEMON Sun Nov 22 03:00:00 2026\nSubject: s\n\nb\n").envelopeSender());
        assertNull(of("From: ann@example.com\nSubject: s\n\nReturn-Path: <not@header>\n").envelopeSender());
    }

    @Test
    void theMboxLineIsRemovedAndNothingElse() {
        assertEquals("Subject: s\n\nb\n", new String(of("From x@y Sun\nSubject: s\n\nb\n").message(), StandardCharsets.US_ASCII));
        assertEquals("From: a@b\n\nb\n", new String(of("From: a@b\n\nb\n").message(), StandardCharsets.US_ASCII));
    }

    @Test
    void messagesWithoutMessageIdAreIdentifiedByTheirContent() {
        UpdateMailParser parser = new UpdateMailParser("auto-dbm@example.net");
        String mail = "From: ann@example.com\r\nDate: Sun, 22 Nov 2026 03:00:00 +0000\r\nSubject: s\r\n\r\nperson: x\r\n";
        String again = MailRobot.identity(parser.parse(("Received: by mx2\r\n" + mail).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(MailRobot.identity(parser.parse(mail.getBytes(StandardCharsets.US_ASCII))), again);
        assertNotEquals(again, MailRobot.identity(parser.parse(mail.replace("person: x", "person: y").getBytes(StandardCharsets.US_ASCII))));
    }
}
