package net.whoisd.server.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads a raw RFC 5322 message into an {@link IncomingUpdateMail}. Never throws: whatever is wrong
 * with the message ends up in its notes or its fatal problem, for the acknowledgement.
 *
 * <p>What counts as update text follows RIPE's robot: {@code text/plain} and {@code application/pgp}
 * parts, {@code multipart/*} walked recursively, in {@code multipart/alternative} only the plain
 * text alternative, in {@code multipart/signed} the first part (which may itself be multipart, as
 * Thunderbird sends it) with the {@code application/pgp-signature} part as its signature. Other
 * parts (HTML, attachments, attached public keys) are ignored.
 */
public final class UpdateMailParser {
    private static final Session SESSION = Session.getInstance(new Properties());

    private final AutoReplyDetector autoReplies;

    /** @param robotAddress the robot's own address ({@code mail.from}), to recognise its own mail coming back */
    public UpdateMailParser(String robotAddress) {
        this.autoReplies = new AutoReplyDetector(robotAddress);
    }

    public IncomingUpdateMail parse(byte[] raw) {
        MimeMessage message;
        try {
            message = new MimeMessage(SESSION, new SharedByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return unreadable("the message headers could not be read (" + e.getMessage() + ")");
        }
        String envelopeSender = firstHeader(message, "Return-Path");
        if (envelopeSender != null) {
            envelopeSender = AutoReplyDetector.bareAddress(envelopeSender);
        }
        String fromHeader = decodedHeader(message, "From");
        String fromAddress = firstAddress(message, "From");
        String replyAddress = firstAddress(message, "Reply-To");
        if (replyAddress == null) {
            replyAddress = fromAddress;
        }
        String subject = subject(message);
        String messageId = firstHeader(message, "Message-ID");
        Optional<String> autoReply = autoReplies.reason(name -> headers(message, name), envelopeSender, fromAddress);

        Walk walk = new Walk();
        try {
            walk.part(message, false);
        } catch (MessagingException | IOException | RuntimeException e) {
            walk.fatal = "the MIME structure of the message is broken (" + describe(e) + ")";
        }
        if (walk.signatures > 1) {
            walk.fatal = "the message has " + walk.signatures + " PGP/MIME signed parts; only one is allowed per message";
        }
        return new IncomingUpdateMail(envelopeSender, fromHeader, replyAddress, subject,
                orEmpty(firstHeader(message, "Date")), messageId == null ? null : messageId.strip(),
                SubjectKeywords.parse(subject), walk.text, Optional.ofNullable(walk.signature), walk.notes,
                Optional.ofNullable(walk.fatal), autoReply);
    }

    private static IncomingUpdateMail unreadable(String problem) {
        return new IncomingUpdateMail(null, "", null, "", "", null, SubjectKeywords.parse(""), List.of(),
                Optional.empty(), List.of(), Optional.of(problem), Optional.empty());
    }

    /** The walk through the MIME tree, collecting text, the signature and notes. */
    private static final class Walk {
        final List<TextPart> text = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        PgpMimeSignature signature;
        int signatures;
        String fatal;

        void part(Part part, boolean signed) throws MessagingException, IOException {
            ContentType type = contentType(part);
            String base = type.getBaseType().toLowerCase(Locale.ROOT);
            if (base.equals("multipart/signed")) {
                signedPart(part, type, signed);
            } else if (base.equals("multipart/alternative")) {
                alternative(part, signed);
            } else if (base.startsWith("multipart/")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    part(multipart.getBodyPart(i), signed);
                }
            } else if (base.equals("text/plain") || base.equals("application/pgp")) {
                // Line ends as in a text file: the update text is line-oriented, CR carries no meaning.
                text.add(new TextPart(decode(part, type).replace("\r\n", "\n"), signed));
            } else if (base.equals("application/pgp-keys")) {
                // Mail programs attach the sender's public key; it is no update (RIPE-NCC/whois#195).
                return;
            } else {
                notes.add("The " + describePart(part, base) + " was ignored: only text/plain parts are read.");
            }
        }

        /** RFC 3156: the first part is what was signed, byte for byte; the second is the signature. */
        private void signedPart(Part part, ContentType type, boolean alreadySigned) throws MessagingException, IOException {
            signatures++;
            String boundary = type.getParameter("boundary");
            if (boundary == null) {
                throw new MessagingException("multipart/signed without a boundary");
            }
            List<byte[]> parts = RawMultipart.split(rawBody(part), boundary);
            if (parts.isEmpty()) {
                throw new MessagingException("multipart/signed without body parts");
            }
            MimeBodyPart content = new MimeBodyPart(new SharedByteArrayInputStream(parts.get(0)));
            if (parts.size() < 2) {
                notes.add("The message claims to be signed (multipart/signed) but has no signature part;"
                        + " it was processed as unsigned.");
                part(content, alreadySigned);
                return;
            }
            MimeBodyPart signaturePart = new MimeBodyPart(new SharedByteArrayInputStream(parts.get(1)));
            String signatureType = contentType(signaturePart).getBaseType().toLowerCase(Locale.ROOT);
            if (signatureType.equals("application/pgp-signature")) {
                signature = new PgpMimeSignature(RawMultipart.canonicalLineEnds(parts.get(0)),
                        new String(signaturePart.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
                part(content, true);
            } else {
                String what = signatureType.contains("pkcs7") ? "S/MIME signatures are not supported"
                        : "the signature type " + signatureType + " is not supported";
                notes.add("The message is signed, but " + what + "; it was processed as unsigned.");
                part(content, alreadySigned);
            }
        }

        private void alternative(Part part, boolean signed) throws MessagingException, IOException {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart alternative = multipart.getBodyPart(i);
                String base = contentType(alternative).getBaseType().toLowerCase(Locale.ROOT);
                if (base.equals("text/plain") || base.startsWith("multipart/")) {
                    part(alternative, signed);
                    return;
                }
            }
            notes.add("The message has no text/plain alternative; only plain text is read.");
        }

        private ContentType contentType(Part part) throws MessagingException {
            String header = part.getContentType();
            if (header == null) {
                return new ContentType("text", "plain", null);
            }
            try {
                return new ContentType(header);
            } catch (ParseException e) {
                notes.add("The content type '" + header.strip() + "' could not be read; the part was read as text/plain.");
                return new ContentType("text", "plain", null);
            }
        }

        /** Decodes the transfer encoding, then the charset; unknown charsets fall back to ISO-8859-1. */
        private String decode(Part part, ContentType type) throws MessagingException, IOException {
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            String declared = type.getParameter("charset");
            if (declared == null || declared.isBlank()) {
                return utf8OrLatin1(bytes);
            }
            try {
                return new String(bytes, Charset.forName(MimeUtility.javaCharset(declared.strip())));
            } catch (IllegalArgumentException e) {
                notes.add("The charset '" + declared.strip() + "' is unknown; the text was read as ISO-8859-1.");
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Text without a declared charset: UTF-8 if it is valid UTF-8, else ISO-8859-1 (RIPE's default). */
    private static String utf8OrLatin1(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The body of a part exactly as transmitted (transfer encoding not undone). */
    private static byte[] rawBody(Part part) throws MessagingException, IOException {
        InputStream raw;
        if (part instanceof MimeMessage m) {
            raw = m.getRawInputStream();
        } else if (part instanceof MimeBodyPart b) {
            raw = b.getRawInputStream();
        } else {
            throw new MessagingException("cannot read the raw body of " + part.getClass().getSimpleName());
        }
        try (InputStream in = raw; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static String describePart(Part part, String base) {
        String name = null;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            // an unreadable file name is left out of the note
        }
        return name == null || name.isBlank() ? "part of type " + base : "attachment '" + name + "' (" + base + ")";
    }

    private static String subject(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject.replaceAll("[\\r\\n]+", " ").strip();
        } catch (MessagingException | RuntimeException e) {
            return orEmpty(firstHeader(message, "Subject")).strip();
        }
    }

    private static String decodedHeader(MimeMessage message, String name) {
        String value = firstHeader(message, name);
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value)).strip();
        } catch (IOException | RuntimeException e) {
            return MimeUtility.unfold(value).strip();
        }
    }

    /** The first address of an address header, if it is a syntactically valid one. */
    private static String firstAddress(MimeMessage message, String name) {
        String value = firstHeader(message, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(MimeUtility.unfold(value), false);
            if (addresses.length == 0) {
                return null;
            }
            InternetAddress address = addresses[0];
            address.validate();
            return address.getAddress();
        } catch (AddressException | RuntimeException e) {
            return null;
        }
    }

    private static String firstHeader(MimeMessage message, String name) {
        String[] values = headers(message, name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String[] headers(MimeMessage message, String name) {
        try {
            return message.getHeader(name);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
