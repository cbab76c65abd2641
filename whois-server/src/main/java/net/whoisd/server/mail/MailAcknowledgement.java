package net.whoisd.server.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.server.outbox.OutgoingMail;
import net.whoisd.server.update.Acknowledgement;
import net.whoisd.storage.Change;
import net.whoisd.storage.Operation;

/**
 * The robot's answer to an update mail, framed as RIPE's robot frames it: subject
 * {@code SUCCESS: <original subject>} or {@code FAILED: <original subject>}, the body opening with
 * the five quoted header lines of the message answered ({@code >  From:}, {@code >  Subject:},
 * {@code >  Date:}, {@code >  Reply-To:}, {@code >  Message-ID:}), {@code In-Reply-To} and
 * {@code References} set, and an {@code X-Loop} header naming the robot so that a copy coming
 * back is never answered.
 */
public final class MailAcknowledgement {
    private static final String EXPLANATION = "DETAILED EXPLANATION:\n\n";

    private final String robotAddress;

    public MailAcknowledgement(String robotAddress) {
        this.robotAddress = robotAddress;
    }

    /**
     * The acknowledgement of a processed message.
     *
     * @param engineAck the update engine's acknowledgement text (its own origin header is replaced by the mail's)
     * @param warnings  what the mail door noticed (ignored attachments, unusable signatures), shown with the
     *                  message-level messages
     */
    public OutgoingMail processed(IncomingUpdateMail mail, boolean success, String engineAck, List<String> warnings) {
        String body = withMailHeader(engineAck, originHeader(mail));
        body = withWarnings(body, warnings);
        return answer(mail, success ? "SUCCESS" : "FAILED", body);
    }

    /** The answer to a message that could not be processed at all (nothing was applied). */
    public OutgoingMail refused(IncomingUpdateMail mail, String problem, List<String> warnings, String source) {
        StringBuilder body = new StringBuilder();
        originHeader(mail).forEach(line -> body.append(line).append('\n'));
        body.append('\n');
        Acknowledgement.appendMessage(body, Problem.error(null, 0, "The message could not be processed: " + problem
                + ". Nothing was changed in the database. Send the update as plain text (text/plain), optionally"
                + " signed inline or with PGP/MIME."));
        warnings.forEach(w -> Acknowledgement.appendMessage(body, Problem.warning(null, 0, w)));
        body.append('\n').append(footer(source));
        return answer(mail, "FAILED", body.toString());
    }

    /**
     * The answer to a message that was applied before a crash and never answered, rebuilt from the
     * database's record of what it changed (the update engine's full acknowledgement was lost).
     *
     * @param changes    what the message changed, in commit order
     * @param paragraphs how many objects the message held: SUCCESS only if each of them was changed
     */
    public OutgoingMail recovered(IncomingUpdateMail mail, List<Change> changes, int paragraphs, String source) {
        StringBuilder body = new StringBuilder();
        originHeader(mail).forEach(line -> body.append(line).append('\n'));
        body.append('\n');
        Acknowledgement.appendMessage(body, Problem.info(null, 0, "The server stopped after it had applied this"
                + " message and before it could answer it. This answer was rebuilt from the database's record of"
                + " the changes the message made. Objects of the message not listed here were not changed (they"
                + " failed or needed no change); send them again if they should be."));
        body.append('\n');
        for (Change change : changes) {
            ObjectKey key = change.key();
            body.append("---\n").append(label(change.operation())).append(" SUCCEEDED: [")
                    .append(key.type().attributeName()).append("] ").append(key.key()).append("\n\n");
        }
        body.append(footer(source));
        return answer(mail, changes.size() >= paragraphs ? "SUCCESS" : "FAILED", body.toString());
    }

    private static String label(Operation operation) {
        return switch (operation) {
            case CREATE -> "Create";
            case MODIFY -> "Modify";
            case DELETE -> "Delete";
        };
    }

    /** The answer to {@code HELP} / {@code HOWTO}: how to use the robot. */
    public OutgoingMail help(IncomingUpdateMail mail, String source) {
        StringBuilder body = new StringBuilder();
        originHeader(mail).forEach(line -> body.append(line).append('\n'));
        body.append('\n').append(helpText(source)).append('\n').append(footer(source));
        return answer(mail, "SUCCESS", body.toString());
    }

    private OutgoingMail answer(IncomingUpdateMail mail, String status, String body) {
        String subject = (status + ": " + mail.subject()).strip();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Loop", robotAddress);
        return new OutgoingMail(List.of(mail.replyAddress()), subject, body, mail.messageId(), headers);
    }

    /** RIPE's quoted header of the message answered, labels padded to one width. */
    static List<String> originHeader(IncomingUpdateMail mail) {
        List<String> lines = new ArrayList<>();
        lines.add(">  From:       " + mail.from());
        lines.add(">  Subject:    " + mail.subject());
        lines.add(">  Date:       " + mail.date());
        lines.add(">  Reply-To:   " + (mail.replyAddress() == null ? "" : mail.replyAddress()));
        lines.add(">  Message-ID: " + (mail.messageId() == null ? "" : mail.messageId()));
        return lines;
    }

    /** Replaces the engine's header block (the lines before the first empty line) with the mail's. */
    static String withMailHeader(String engineAck, List<String> header) {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        int blank = engineAck.indexOf("\n\n");
        boolean engineHeader = engineAck.startsWith(">") || engineAck.startsWith("-");
        out.append(engineHeader && blank >= 0 ? engineAck.substring(blank + 1) : "\n" + engineAck);
        return out.toString();
    }

    /** Inserts the warnings as the first message-level messages (under DETAILED EXPLANATION). */
    static String withWarnings(String ack, List<String> warnings) {
        if (warnings.isEmpty()) {
            return ack;
        }
        StringBuilder block = new StringBuilder();
        warnings.forEach(w -> Acknowledgement.appendMessage(block, Problem.warning(null, 0, w)));
        int at = ack.indexOf(EXPLANATION);
        if (at < 0) {
            return block + "\n" + ack;
        }
        int insert = at + EXPLANATION.length();
        boolean globalFollows = ack.startsWith("***", insert);
        return ack.substring(0, insert) + block + (globalFollows ? "" : "\n") + ack.substring(insert);
    }

    private String footer(String source) {
        return "The " + source + " database is subject to the terms and conditions of its registry.\n\n"
                + "For assistance or clarification please contact:\n"
                + source + " Database Administration <" + robotAddress + ">\n";
    }

    private String helpText(String source) {
        return "How to update the " + source + " database by mail\n"
                + "\n"
                + "Send the objects as plain text (text/plain) to " + robotAddress + ", one object per\n"
                + "paragraph (paragraphs are separated by an empty line). The answer comes back to the\n"
                + "Reply-To: address of your message, or to its From: address.\n"
                + "\n"
                + "Credentials for the maintainers of the objects:\n"
                + "  password: <password>     a line anywhere in the message, for BCRYPT-PW (or MD5-PW)\n"
                + "                           auth: lines; it applies to every object of the message\n"
                + "  PGP signature            sign the message inline (clear-signed) or as PGP/MIME\n"
                + "                           (multipart/signed) with a key whose key-cert object is\n"
                + "                           named in an auth: PGPKEY-XXXXXXXX line of the maintainer;\n"
                + "                           signatures older than one hour are refused\n"
                + "\n"
                + "Other lines:\n"
                + "  delete: <reason>         in a paragraph, deletes that object (give it exactly as\n"
                + "                           stored)\n"
                + "  dry-run:                 anywhere: everything is checked, nothing is changed\n"
                + "\n"
                + "Subject keywords (the whole subject, any case):\n"
                + "  NEW                      every object must be a creation\n"
                + "  HELP, HOWTO              this text\n"
                + "\n"
                + "Override is not available by mail; use syncupdates for that.\n";
    }
}
