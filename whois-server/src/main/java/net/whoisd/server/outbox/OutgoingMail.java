package net.whoisd.server.outbox;

import java.util.List;
import java.util.Map;

/**
 * A message the server sends: an acknowledgement or a notification.
 *
 * @param to        recipients
 * @param subject   subject line (encoded as needed when sent)
 * @param body      plain-text body
 * @param inReplyTo Message-ID this answers, or null
 * @param headers   further headers (e.g. {@code References}, {@code Auto-Submitted} is always set)
 */
public record OutgoingMail(List<String> to, String subject, String body, String inReplyTo, Map<String, String> headers) {
    public OutgoingMail {
        to = List.copyOf(to);
        headers = Map.copyOf(headers);
    }

    public static OutgoingMail of(List<String> to, String subject, String body) {
        return new OutgoingMail(to, subject, body, null, Map.of());
    }
}
