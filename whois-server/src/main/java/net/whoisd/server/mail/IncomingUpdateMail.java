package net.whoisd.server.mail;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An update message received by mail, read and taken apart: who sent it and where the answer
 * goes, its subject keyword, its update text and its PGP/MIME signature.
 *
 * @param envelopeSender the SMTP envelope sender ({@code ""} for {@code <>}), or null if unknown
 * @param from           the {@code From:} header as written (decoded), or ""
 * @param replyAddress   where the acknowledgement goes: {@code Reply-To:} over {@code From:}; null if neither is a valid address
 * @param subject        the decoded subject, or ""
 * @param date           the {@code Date:} header as written, or ""
 * @param messageId      the {@code Message-ID:} header, or null
 * @param keywords       the subject keyword
 * @param textParts      the update text, part by part, in message order
 * @param signature      the PGP/MIME signature, if the message has a {@code multipart/signed} part
 * @param notes          what the reader noticed and the sender should be told (ignored attachments, unknown charsets, ...)
 * @param fatalProblem   why the message cannot be processed at all (broken MIME, several signed parts), or empty
 * @param autoReply      why the message must not be answered (bounce, auto-reply, loop), or empty
 */
public record IncomingUpdateMail(
        String envelopeSender,
        String from,
        String replyAddress,
        String subject,
        String date,
        String messageId,
        SubjectKeywords keywords,
        List<TextPart> textParts,
        Optional<PgpMimeSignature> signature,
        List<String> notes,
        Optional<String> fatalProblem,
        Optional<String> autoReply) {

    public IncomingUpdateMail {
        textParts = List.copyOf(textParts);
        notes = List.copyOf(notes);
    }

    /** All update text, signed or not, in message order. */
    public String allText() {
        return join(textParts);
    }

    /** Only the text inside the PGP/MIME signed part. */
    public String signedText() {
        return join(textParts.stream().filter(TextPart::signed).toList());
    }

    /** Whether there is text outside the PGP/MIME signed part. */
    public boolean hasUnsignedText() {
        return textParts.stream().anyMatch(p -> !p.signed() && !p.text().isBlank());
    }

    private static String join(List<TextPart> parts) {
        // Parts are separated by an empty line so that objects of different parts never run together.
        return parts.stream().map(TextPart::text).collect(Collectors.joining("\n\n"));
    }
}
