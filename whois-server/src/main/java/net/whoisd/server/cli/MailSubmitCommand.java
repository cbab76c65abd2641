package net.whoisd.server.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.mail.PipedMessage;
import net.whoisd.server.mail.SmtpSubmitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reads one message on stdin and hands it to the running server's mail robot (for an MTA pipe
 * alias). Exit codes follow sysexits.h, which MTAs understand: 0 accepted, 75 (EX_TEMPFAIL) the
 * server could not be reached or asked to try later (the MTA keeps the message and retries),
 * 65 (EX_DATAERR) the server refused the message for good (the MTA bounces it).
 */
@Command(name = "mail-submit", mixinStandardHelpOptions = true,
        description = "Reads one RFC 5322 message on stdin and delivers it to the running server's mail robot "
                + "(SMTP on bind.address:smtp.port). Exit 0 accepted, 75 try again later, 65 refused.")
public final class MailSubmitCommand implements Callable<Integer> {
    static final int EX_DATAERR = 65;
    static final int EX_TEMPFAIL = 75;

    @Mixin
    CommonOptions common;

    @Option(names = "--smtp-port", paramLabel = "N", description = "the robot's SMTP port (overrides smtp.port)")
    Integer smtpPort;

    @Option(names = {"-f", "--sender"}, paramLabel = "ADDRESS",
            description = "envelope sender (default: the message's Return-Path or mbox From_ line, else its From: address)")
    String sender;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "give up (exit 75) after this long without an answer (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        ServerConfig config = common.load();
        int port = smtpPort != null ? smtpPort : config.smtpPort();
        if (port == 0) {
            System.err.println("whoisd: mail-submit: the SMTP listener is disabled (smtp.port = 0)");
            return EX_TEMPFAIL;
        }
        byte[] raw = System.in.readAllBytes();
        if (raw.length == 0) {
            System.err.println("whoisd: mail-submit: no message on stdin");
            return EX_DATAERR;
        }
        PipedMessage piped = PipedMessage.of(raw);
        String envelopeSender = sender != null ? sender : piped.envelopeSender();
        if (envelopeSender == null) {
            envelopeSender = fromAddress(piped.message());
        }
        String host = connectHost(config.bindAddress());
        SmtpSubmitter.Outcome outcome;
        try {
            outcome = new SmtpSubmitter(host, port, Duration.ofSeconds(timeoutSeconds))
                    .submit(piped.message(), envelopeSender, config.mailFrom());
        } catch (IOException e) {
            System.err.println("whoisd: mail-submit: the server at " + host + ":" + port + " cannot be reached ("
                    + e.getMessage() + "); try again later");
            return EX_TEMPFAIL;
        }
        if (outcome.accepted()) {
            System.out.println("mail-submit: " + piped.message().length + " bytes accepted by " + host + ":" + port
                    + " (" + outcome.reply() + ")");
            return 0;
        }
        System.err.println("whoisd: mail-submit: the server refused the message: " + outcome.reply());
        return outcome.permanent() ? EX_DATAERR : EX_TEMPFAIL;
    }

    /** A wildcard bind address is reached through the loopback interface. */
    static String connectHost(String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]", "::0" -> "::1";
            default -> bindAddress;
        };
    }

    /** The From: header's address, as the envelope sender of last resort ("" if there is none). */
    private static String fromAddress(byte[] message) {
        String head = new String(message, 0, Math.min(message.length, 64 * 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^From:[^\\n]*?<?([^\\s<>\"]+@[^\\s<>\"]+)>?")
                .matcher(head.split("\\r?\\n\\r?\\n", 2)[0]);
        return m.find() ? m.group(1) : "";
    }
}
