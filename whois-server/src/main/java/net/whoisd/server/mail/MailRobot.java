package net.whoisd.server.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.PgpSignatures;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.outbox.OutgoingMail;
import net.whoisd.server.update.Keyword;
import net.whoisd.server.update.UpdateOrigin;
import net.whoisd.server.update.UpdateRequest;
import net.whoisd.server.update.UpdateResponse;
import net.whoisd.server.update.UpdateMessage;
import net.whoisd.server.update.UpdateService;
import net.whoisd.server.update.VerifiedSignature;
import net.whoisd.storage.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one spooled update mail: reads it, drops bounces, auto-replies and duplicates (with a log
 * line), verifies its PGP/MIME signature, has the update engine process it and mails the
 * acknowledgement back, each accepted message applied once and answered once across crashes
 * (see {@link #handle}). Several mail workers call it at once (never two at once for one sender).
 */
public final class MailRobot implements SpoolWorker.Handler {
    private static final Logger log = LoggerFactory.getLogger(MailRobot.class);

    private final UpdateService updates;
    private final Function<String, Optional<RpslObject>> keyCerts;
    private final MailSender sender;
    private final ProcessedMessageIds processed;
    private final StoredAnswers answers;
    private final MailCommits commits;
    private final String source;
    private final UpdateMailParser parser;
    private final MailAcknowledgement acknowledgements;

    /**
     * @param updates   the update engine
     * @param keyCerts  key-cert objects by id ({@code PGPKEY-XXXXXXXX}), to verify PGP/MIME signatures
     * @param sender    where acknowledgements go ({@code mail.relay} or {@code mail.outbox})
     * @param processed the record of handled Message-IDs
     * @param answers   answers computed and not yet known to be sent
     * @param commits   which spooled messages an earlier run applied
     * @param source    the database's source name (for answers the engine does not write)
     */
    MailRobot(UpdateService updates, Function<String, Optional<RpslObject>> keyCerts, MailSender sender,
              ProcessedMessageIds processed, StoredAnswers answers, MailCommits commits, String source) {
        this.updates = updates;
        this.keyCerts = keyCerts;
        this.sender = sender;
        this.processed = processed;
        this.answers = answers;
        this.commits = commits;
        this.source = source;
        this.parser = new UpdateMailParser(sender.fromAddress());
        this.acknowledgements = new MailAcknowledgement(sender.fromAddress());
    }

    /**
     * Applies and answers one message so that a crash at any point neither applies it twice nor
     * leaves it unanswered: its changes are committed tagged with its spool name (so a restart
     * learns from the journal that it was applied), its answer is stored before it is sent (so a
     * restart sends the stored answer), and it is recorded as handled only after the answer left.
     */
    @Override
    public void handle(String spoolName, byte[] raw) throws IOException {
        try {
            handleOnce(spoolName, raw);
        } finally {
            commits.forget(spoolName); // answered, dropped or failed: it leaves the spool now
        }
    }

    private void handleOnce(String spoolName, byte[] raw) throws IOException {
        long started = System.nanoTime();
        IncomingUpdateMail mail = parser.parse(raw);
        String id = identity(mail);
        if (mail.autoReply().isPresent()) {
            log.info("mail not answered ({}): from={} message-id={} spool={}", mail.autoReply().get(), mail.from(),
                    mail.messageId(), spoolName);
            return;
        }
        Optional<OutgoingMail> stored = answers.load(spoolName);
        if (stored.isPresent()) {
            if (!processed.contains(id)) {
                boolean sent = sender.send(stored.get(), spoolName);
                processed.add(id);
                log.info("mail answer stored before the last stop: from={} message-id={} spool={} answer {}",
                        mail.replyAddress(), mail.messageId(), spoolName, sent ? "sent" : "NOT sent");
            }
            answers.remove(spoolName);
            return;
        }
        // A second copy being handled at this moment (another MX, an MTA retry) waits here for the first.
        if (!claim(id)) {
            log.info("mail already handled, not applied again: from={} message-id={} spool={}", mail.from(),
                    mail.messageId(), spoolName);
            return;
        }
        if (mail.replyAddress() == null) {
            processed.add(id);
            log.warn("mail dropped: no valid Reply-To or From address to answer: from='{}' message-id={} spool={}",
                    mail.from(), mail.messageId(), spoolName);
            return;
        }
        Answer answer;
        try {
            Optional<List<Change>> committed = commits.committedBefore(spoolName);
            answer = committed.isPresent() ? recoveredAnswer(mail, committed.get())
                    : answer(mail, spoolName, MailSpool.receivedAt(spoolName).orElse(Instant.now()),
                            guessingClient(MailSpool.peer(raw), mail));
            FaultPoint.reach(FaultPoint.AFTER_COMMIT);
        } catch (RuntimeException | Error e) {
            processed.release(id);
            throw e;
        }
        try {
            answers.store(spoolName, answer.mail());
        } catch (IOException e) {
            // a full disk, typically: the answer still goes out, at the risk of a second one after a crash now
            log.warn("mail {}: the answer could not be stored before sending ({}); sending it anyway", spoolName,
                    e.toString());
        }
        FaultPoint.reach(FaultPoint.AFTER_ANSWER_STORED);
        boolean sent = sender.send(answer.mail(), spoolName);
        FaultPoint.reach(FaultPoint.AFTER_SEND);
        // Recorded after the answer left; a restart before this finds the stored answer and sends it (the
        // outbox does not take it twice), and finds the message's changes in the journal, so never applies it again.
        processed.add(id);
        answers.remove(spoolName);
        log.info("mail update: from={} message-id={} keyword={} signed={} {} answer={} {} in {} ms", mail.replyAddress(),
                mail.messageId(), mail.keywords().keyword().map(Enum::name).orElse("-"), answer.signedBy(),
                answer.summary(), answer.mail().subject().split(":", 2)[0], sent ? "sent" : "NOT sent",
                (System.nanoTime() - started) / 1_000_000);
    }

    private Answer recoveredAnswer(IncomingUpdateMail mail, List<Change> changes) {
        String content = mail.signature().isPresent() ? mail.signedText() : mail.allText();
        int objects = UpdateMessage.parse(content).paragraphs().size();
        return new Answer(acknowledgements.recovered(mail, changes, objects, source), "-",
                "applied before the last stop, answer rebuilt: changes=" + changes.size());
    }

    private boolean claim(String id) throws IOException {
        try {
            return processed.claim(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while a copy of the message was being handled");
        }
    }

    /** The spool is empty: the record of handled messages is made durable now rather than within the second. */
    @Override
    public void idle() throws IOException {
        processed.sync();
        commits.noMailInHand();
    }

    private record Answer(OutgoingMail mail, String signedBy, String summary) {
    }

    /**
     * Who failed passwords of the message are charged to: the SMTP client, which a sender cannot
     * vary at will. A message from this host (the MTA's pipe through {@code mail-submit}, a local
     * relay) or from an older spool file stands for its sender's address instead.
     */
    static String guessingClient(Optional<String> peer, IncomingUpdateMail mail) {
        if (peer.isPresent() && !isLoopback(peer.get())) {
            return peer.get();
        }
        return "mail from " + mail.replyAddress();
    }

    private static boolean isLoopback(String address) {
        if (!address.matches("[0-9.]+|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress(); // an address literal: no name look-up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private Answer answer(IncomingUpdateMail mail, String spoolName, Instant receivedAt, String guessingClient) {
        if (mail.fatalProblem().isPresent()) {
            return new Answer(acknowledgements.refused(mail, mail.fatalProblem().get(), mail.notes(), source), "-",
                    "refused (" + mail.fatalProblem().get() + ")");
        }
        if (mail.keywords().wantsHelp()) {
            return new Answer(acknowledgements.help(mail, source), "-", "help");
        }
        List<String> warnings = new ArrayList<>(mail.keywords().warnings());
        warnings.addAll(mail.notes());
        String content = mail.allText();
        List<VerifiedSignature> signatures = List.of();
        String signedBy = "-";
        if (mail.signature().isPresent()) {
            PgpMimeSignature signature = mail.signature().get();
            PgpSignatures.Verification verification = PgpSignatures.verifyDetached(signature.signedBytes(),
                    signature.armoredSignature(), keyCerts, receivedAt);
            if (verification.verified()) {
                String keyCert = verification.keyCertId().get();
                signatures = List.of(new VerifiedSignature(keyCert));
                signedBy = keyCert;
                content = mail.signedText();
                if (mail.hasUnsignedText()) {
                    warnings.add("Text outside the PGP/MIME signed part of the message was ignored.");
                }
            } else {
                warnings.add("The PGP/MIME signature could not be verified: " + verification.failure()
                        + ". The message was processed as unsigned.");
                signedBy = "invalid";
            }
        }
        Keyword keyword = mail.keywords().is(SubjectKeywords.Keyword.NEW) ? Keyword.NEW : Keyword.NONE;
        UpdateResponse response = updates.process(
                new UpdateRequest(content, UpdateOrigin.MAIL, mail.replyAddress(), signatures, keyword, guessingClient,
                        MailCommits.tag(spoolName)));
        return new Answer(acknowledgements.processed(mail, response.success(), response.acknowledgement(), warnings),
                signedBy, "objects=" + (response.succeeded() + response.failed()) + " succeeded=" + response.succeeded()
                + " failed=" + response.failed());
    }

    /**
     * The Message-ID; without one, a digest of what identifies the message (sender, date, subject,
     * text), so that a second delivery of the same message is still recognised.
     */
    static String identity(IncomingUpdateMail mail) {
        if (mail.messageId() != null && !mail.messageId().isBlank()) {
            return mail.messageId();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {mail.from(), mail.date(), mail.subject(), mail.allText()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
