package net.whoisd.server.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import net.whoisd.server.update.CredentialLines;

/**
 * A stored mail with its credential lines masked ({@link CredentialLines}), for keeping a message
 * that could not be handled without keeping its passwords: text parts are decoded (quoted-printable,
 * base64), masked and encoded again; then every line of the whole message, as transmitted, is masked
 * too, which covers what could not be parsed as MIME.
 */
final class MaskedMessage {
    private static final Session SESSION = Session.getInstance(new Properties());

    private MaskedMessage() {
    }

    static byte[] mask(byte[] raw) {
        byte[] decodedMasked = raw;
        try {
            decodedMasked = maskParts(raw);
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            // what could not be parsed is masked line by line below
        }
        String text = new String(decodedMasked, StandardCharsets.ISO_8859_1);
        return CredentialLines.mask(text).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] maskParts(byte[] raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw)) {
            @Override
            protected void updateMessageID() {
                // the kept copy keeps its Message-ID
            }
        };
        if (!maskPart(message)) {
            return raw;
        }
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        message.writeTo(out);
        return out.toByteArray();
    }

    /** Masks the text parts under {@code part}; true if any changed. */
    private static boolean maskPart(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            boolean changed = false;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                changed |= maskPart(child);
            }
            if (changed) {
                part.setContent(multipart); // so the part is written from its masked children, not as received
            }
            return changed;
        }
        if (!part.isMimeType("text/*") && !part.isMimeType("application/pgp")) {
            return false;
        }
        Object content = part.getContent();
        String text = content instanceof String s ? s
                : new String(part.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        String masked = CredentialLines.mask(text);
        if (masked.equals(text)) {
            return false;
        }
        ContentType type = new ContentType(part.getContentType());
        String charset = type.getParameter("charset");
        String baseType = part.isMimeType("text/*") ? type.getBaseType() : "text/plain";
        part.setContent(masked, baseType + "; charset=" + (charset == null ? "UTF-8" : charset));
        if (part instanceof jakarta.mail.internet.MimePart mime) {
            mime.setHeader("Content-Transfer-Encoding", "quoted-printable");
        }
        return true;
    }
}
