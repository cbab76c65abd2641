package net.whoisd.server.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recognises mail the robot must never answer: bounces, auto-replies (vacation messages, list
 * software) and its own acknowledgements coming back. Answering any of them risks a mail loop
 * (RFC 3834); RIPE's robot consumes them silently. The checks follow RFC 3834 and common practice:
 * {@code Auto-Submitted} other than {@code no}, {@code Precedence: bulk/junk/list}, any
 * {@code X-Loop}, a null envelope sender {@code <>}, {@code MAILER-DAEMON}/{@code postmaster}
 * senders, delivery reports ({@code multipart/report}) and mail from the robot's own address.
 */
public final class AutoReplyDetector {
    private final String robotAddress;

    /** @param robotAddress the robot's own sender address ({@code mail.from}) */
    public AutoReplyDetector(String robotAddress) {
        this.robotAddress = bareAddress(robotAddress);
    }

    /**
     * Why the message must not be answered, or empty if it is an ordinary message.
     *
     * @param header         all values of a header (an empty array or null when absent)
     * @param envelopeSender the SMTP envelope sender ({@code ""} for {@code <>}), or null if unknown
     * @param fromAddress    the address in {@code From:}, or null
     */
    public Optional<String> reason(Function<String, String[]> header, String envelopeSender, String fromAddress) {
        for (String value : values(header, "Auto-Submitted")) {
            String token = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!token.equals("no")) {
                return Optional.of("Auto-Submitted: " + value.strip());
            }
        }
        for (String value : values(header, "Precedence")) {
            String token = value.strip().toLowerCase(Locale.ROOT);
            if (token.equals("bulk") || token.equals("junk") || token.equals("list")) {
                return Optional.of("Precedence: " + token);
            }
        }
        for (String value : values(header, "X-Loop")) {
            return Optional.of("X-Loop: " + value.strip());
        }
        for (String value : values(header, "Content-Type")) {
            if (value.strip().toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
                return Optional.of("delivery report (multipart/report)");
            }
        }
        if (envelopeSender != null && bareAddress(envelopeSender).isEmpty()) {
            return Optional.of("null envelope sender <>");
        }
        for (String address : new String[] {envelopeSender, fromAddress}) {
            if (address == null || address.isBlank()) {
                continue;
            }
            String bare = bareAddress(address);
            String local = bare.contains("@") ? bare.substring(0, bare.lastIndexOf('@')) : bare;
            if (local.equals("mailer-daemon") || local.equals("postmaster")) {
                return Optional.of("sender " + address.strip() + " is a mail system");
            }
            if (!robotAddress.isEmpty() && bare.equals(robotAddress)) {
                return Optional.of("sender " + address.strip() + " is the robot itself");
            }
        }
        return Optional.empty();
    }

    private static String[] values(Function<String, String[]> header, String name) {
        String[] values = header.apply(name);
        return values == null ? new String[0] : values;
    }

    /** {@code "Robot" <Auto-DBM@Example.net>} -> {@code auto-dbm@example.net}. */
    static String bareAddress(String address) {
        String s = address.strip();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt);
        }
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
