package net.whoisd.server.outbox;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the robot's mail: through an SMTP relay ({@code mail.relay}) or, without one, as one
 * {@code .eml} file per message in {@code mail.outbox}. With neither configured, messages are only
 * logged (recipients and subject, never the body).
 */
public final class MailSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailSender.class);

    private final String from;
    private final String relayHost;
    private final int relayPort;
    private final Path outbox;
    private final Session session;
    private final AtomicLong sequence = new AtomicLong();
    /** A relay connection kept open between messages; replaced when idle longer than {@link #IDLE_NANOS}. */
    private Transport transport;
    private long lastUsed;
    private static final long IDLE_NANOS = 10_000_000_000L;

    /**
     * @param from   sender address ({@code mail.from})
     * @param relay  {@code host:port} or null
     * @param outbox directory for {@code .eml} files when there is no relay, or null
     */
    public MailSender(String from, String relay, Path outbox) {
        this.from = from;
        if (relay != null) {
            int colon = relay.lastIndexOf(':');
            this.relayHost = colon > 0 ? relay.substring(0, colon) : relay;
            this.relayPort = colon > 0 ? Integer.parseInt(relay.substring(colon + 1)) : 25;
        } else {
            this.relayHost = null;
            this.relayPort = 0;
        }
        this.outbox = outbox;
        Properties props = new Properties();
        if (relayHost != null) {
            props.put("mail.smtp.host", relayHost);
            props.put("mail.smtp.port", String.valueOf(relayPort));
            props.put("mail.smtp.connectiontimeout", "10000");
            props.put("mail.smtp.timeout", "30000");
            // EHLO names the robot's mail domain: no host name lookup per connection
            props.put("mail.smtp.localhost", from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip() : "localhost");
        }
        this.session = Session.getInstance(props);
    }

    public String fromAddress() {
        return from;
    }

    /** Sends (or writes) the message; failures are logged and reported as false, never thrown. */
    public boolean send(OutgoingMail mail) {
        return send(mail, null);
    }

    /**
     * As {@link #send(OutgoingMail)}, for a message that may be sent again after a crash: in the outbox
     * it is written under a name made of {@code deliveryId}, and not written again if it is there. (A
     * relay cannot tell; a message handed to it just before a crash can go out twice.)
     */
    public boolean send(OutgoingMail mail, String deliveryId) {
        if (mail.to().isEmpty()) {
            return false;
        }
        try {
            MimeMessage message = toMime(mail);
            if (relayHost != null) {
                relay(message);
            } else if (outbox != null) {
                writeToOutbox(message, deliveryId);
            } else {
                log.info("mail not sent (no mail.relay or mail.outbox configured): to={} subject={}", mail.to(), mail.subject());
                return false;
            }
            log.info("mail sent: to={} subject={}", mail.to(), mail.subject());
            return true;
        } catch (MessagingException | IOException | RuntimeException e) {
            log.warn("mail to {} could not be sent: {}", mail.to(), e.toString());
            return false;
        }
    }

    /**
     * Sends through the relay on a connection kept open between messages (a connection per message
     * costs more than the rest of an acknowledgement). A connection that went stale is replaced and
     * the message tried once more.
     */
    private synchronized void relay(MimeMessage message) throws MessagingException {
        MessagingException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (transport == null || System.nanoTime() - lastUsed > IDLE_NANOS) {
                    closeTransport();
                    transport = session.getTransport("smtp");
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
                lastUsed = System.nanoTime();
                return;
            } catch (SendFailedException e) {
                lastUsed = System.nanoTime();
                throw e; // the relay refused a recipient; the connection itself is fine
            } catch (MessagingException e) {
                closeTransport();
                failure = e;
            }
        }
        throw failure;
    }

    private void closeTransport() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                log.debug("closing the relay connection: {}", e.toString());
            }
            transport = null;
        }
    }

    /** Closes the relay connection, if one is open. */
    @Override
    public synchronized void close() {
        closeTransport();
    }

    /** The message as it would be sent (for tests and for the outbox). */
    public MimeMessage toMime(OutgoingMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String to : mail.to()) {
            message.addRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        }
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(new Date());
        message.setText(mail.body(), "UTF-8");
        message.setHeader("Auto-Submitted", "auto-replied");
        if (mail.inReplyTo() != null) {
            message.setHeader("In-Reply-To", mail.inReplyTo());
            message.setHeader("References", mail.inReplyTo());
        }
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            message.setHeader(h.getKey(), h.getValue());
        }
        message.saveChanges();
        return message;
    }

    private void writeToOutbox(MimeMessage message, String deliveryId) throws IOException, MessagingException {
        Files.createDirectories(outbox);
        String name = deliveryId == null ? System.currentTimeMillis() + "-" + sequence.incrementAndGet()
                : deliveryId.replaceAll("\\.eml$", "").replaceAll("[^A-Za-z0-9._-]", "_") + "-answer";
        Path target = outbox.resolve(name + ".eml");
        if (deliveryId != null && Files.exists(target)) {
            log.info("mail {} is already in the outbox; not written again", target.getFileName());
            return;
        }
        Path tmp = outbox.resolve("." + name + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            message.writeTo(out);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
