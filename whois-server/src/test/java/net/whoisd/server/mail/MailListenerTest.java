package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import net.whoisd.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailListenerTest {
    @TempDir
    Path dir;
    private MailListener listener;
    private final AtomicInteger wakeUps = new AtomicInteger();

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private MailSpool start(int limit) throws Exception {
        MailSpool spool = MailSpool.open(dir);
        listener = new MailListener(spool, wakeUps::incrementAndGet, limit);
        port = listener.start("127.0.0.1", 0);
        return spool;
    }

    private int port;

    @Test
    void messageSentWithJakartaMailIsSpooledBeforeTheOkAndTheWorkerIsWoken() throws Exception {
        MailSpool spool = start(ServerConfig.DEFAULT_SMTP_MAX_MESSAGE_SIZE);
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.from", "bounce@example.com");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("ann@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("auto-dbm@example.net"));
        message.setSubject("NEW");
        message.setText("person: Ann\n", "UTF-8");
        Transport.send(message);

        assertEquals(1, spool.pending().size());
        String stored = new String(spool.read(spool.pending().get(0)), StandardCharsets.UTF_8);
        assertTrue(stored.startsWith("X-Whoisd-Peer: 127.0.0.1\r\nReturn-Path: <bounce@example.com>\r\n"), stored);
        assertEquals(Optional.of("127.0.0.1"), MailSpool.peer(spool.read(spool.pending().get(0))));
        assertTrue(stored.contains("Subject: NEW"));
        assertTrue(stored.contains("person: Ann"));
        assertEquals(1, wakeUps.get());
    }

    @Test
    void nullSenderIsAcceptedAndRecordedAsSuch() throws Exception {
        MailSpool spool = start(1000);
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", port)) {
            assertTrue(smtp.command("EHLO mx.example.com").startsWith("250"));
            assertTrue(smtp.command("MAIL FROM:<>").startsWith("250"));
            assertTrue(smtp.command("RCPT TO:<auto-dbm@example.net>").startsWith("250"));
            assertTrue(smtp.command("DATA").startsWith("354"));
            String reply = smtp.command("Subject: bounce\r\n\r\n..dot-stuffed line\r\n.");
            assertTrue(reply.startsWith("250"), reply);
        }
        String stored = new String(spool.read(spool.pending().get(0)), StandardCharsets.UTF_8);
        assertTrue(stored.startsWith("X-Whoisd-Peer: 127.0.0.1\r\nReturn-Path: <>\r\n"), stored);
        assertTrue(stored.contains("\r\n.dot-stuffed line\r\n"), stored);
    }

    @Test
    void announcedOversizeIsRefusedAtMailFrom() throws Exception {
        start(ServerConfig.DEFAULT_SMTP_MAX_MESSAGE_SIZE);
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", port)) {
            smtp.command("EHLO mx.example.com");
            String reply = smtp.command("MAIL FROM:<ann@example.com> SIZE=" + 50 * 1024 * 1024);
            assertTrue(reply.startsWith("552"), reply);
        }
    }

    @Test
    void fiftyMegabyteMessageIsRefusedWith552AndTheSessionGoesOn() throws Exception {
        MailSpool spool = start(ServerConfig.DEFAULT_SMTP_MAX_MESSAGE_SIZE);
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", port)) {
            smtp.command("EHLO mx.example.com");
            smtp.command("MAIL FROM:<ann@example.com>");
            smtp.command("RCPT TO:<auto-dbm@example.net>");
            assertTrue(smtp.command("DATA").startsWith("354"));
            smtp.write("Subject: huge\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = new byte[1000];
            Arrays.fill(line, (byte) 'x');
            line[998] = '\r';
            line[999] = '\n';
            for (int i = 0; i < 50 * 1024; i++) {
                smtp.write(line);
            }
            String reply = smtp.command(".");
            assertTrue(reply.startsWith("552"), reply);

            assertTrue(smtp.command("MAIL FROM:<ann@example.com>").startsWith("250"));
            smtp.command("RCPT TO:<auto-dbm@example.net>");
            smtp.command("DATA");
            assertTrue(smtp.command("Subject: small\r\n\r\nperson: x\r\n.").startsWith("250"));
        }
        assertEquals(1, spool.pending().size());
        assertTrue(new String(spool.read(spool.pending().get(0)), StandardCharsets.UTF_8).contains("Subject: small"));
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        start(1000);
        MailListener second = new MailListener(MailSpool.open(dir.resolve("other")), () -> { }, 1000);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> second.start("127.0.0.1", port));
        assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
        second.close();
    }
}
