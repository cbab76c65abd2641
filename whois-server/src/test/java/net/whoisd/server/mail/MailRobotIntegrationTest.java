package net.whoisd.server.mail;

import static net.whoisd.server.mail.TestMessages.crlf;
import static net.whoisd.server.mail.TestMessages.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.auth.TestPgp;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.update.ParserSyntaxChecks;
import net.whoisd.server.update.UpdateEngine;
import net.whoisd.server.update.UpdateSettings;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robot end to end: real SMTP sessions into the mail door, the real update engine on a real
 * {@link PersistentDatabase}, acknowledgements and notifications relayed to GreenMail.
 */
class MailRobotIntegrationTest {
    private static final String ROBOT = "auto-dbm@example.net";
    private static final String PASSWORD = "mail-robot-secret";
    private static TestPgp key;

    @RegisterExtension
    static GreenMailExtension relay = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    @TempDir
    Path dir;
    private PersistentDatabase db;
    private UpdateEngine engine;
    private MailSender sender;
    private MailDoor door;
    private int port;
    private int messageCounter;

    @BeforeAll
    static void makeKey() throws Exception {
        key = TestPgp.generate("Ann Example <ann@example.com>");
    }

    @BeforeEach
    void start() throws Exception {
        db = PersistentDatabase.open(dir.resolve("data"), "TEST");
        sender = new MailSender(ROBOT, "127.0.0.1:" + relay.getSmtp().getPort(), null);
        engine = new UpdateEngine(db, new ParserSyntaxChecks("TEST"),
                new UpdateSettings("TEST-NCC-HM-MNT", Map.of(), true, ROBOT, "testhost"), sender, Clock.systemUTC());
        startDoor();
    }

    private void startDoor() throws Exception {
        Properties p = new Properties();
        p.setProperty("data.dir", dir.resolve("data").toString());
        p.setProperty("mail.from", ROBOT);
        p.setProperty("smtp.max-message-size", "1000000");
        door = MailDoor.open(ServerConfig.fromProperties(p), engine, db, sender);
        port = door.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws Exception {
        door.close();
        engine.close();
        db.close();
    }

    // ---- the scenario of the issue: create by mail with a password, then modify signed -------------

    @Test
    void mntnerAndPersonCreatedByMailWithPasswordThenModifiedWithPgpMime() throws Exception {
        MimeMessage created = sendAndAwait(plain("Create my maintainer", maintainerAndPerson() + "password: " + PASSWORD + "\n"));
        String ack = body(created);
        assertEquals("SUCCESS: Create my maintainer", created.getSubject(), ack);
        assertEquals("ann@example.com", created.getRecipients(Message.RecipientType.TO)[0].toString());
        assertTrue(created.getHeader("In-Reply-To")[0].startsWith("<m"), ack);
        assertTrue(ack.startsWith(">  From:       Ann Example <ann@example.com>\n>  Subject:    Create my maintainer\n"), ack);
        assertTrue(ack.contains("Create SUCCEEDED: [mntner] ANN-MNT"), ack);
        assertTrue(ack.contains("Create SUCCEEDED: [person] AE1-TEST"), ack);
        assertFalse(ack.contains(PASSWORD), "passwords are never echoed");
        assertNotNull(stored(ObjectType.MNTNER, "ANN-MNT"));
        assertNotNull(stored(ObjectType.PERSON, "AE1-TEST"));

        addPgpKeyToMaintainer();

        byte[] entity = TestMessages.textEntity(person("remarks:        signed with PGP/MIME\n"));
        MimeMessage signed = sendAndAwait(TestMessages.pgpMime("Ann Example <ann@example.com>", "signed", nextId(), entity,
                key.detachedSignature(entity)));
        assertEquals("SUCCESS: signed", signed.getSubject(), body(signed));
        assertTrue(body(signed).contains("Modify SUCCEEDED: [person] AE1-TEST"), body(signed));
        assertEquals("signed with PGP/MIME", stored(ObjectType.PERSON, "AE1-TEST").value("remarks"));
    }

    @Test
    void inlineSignedAndThunderbirdPgpMimeAuthoriseAndTamperingDoesNot() throws Exception {
        setUpMaintainerWithKey();

        MimeMessage inline = sendAndAwait(plain("inline", key.clearSign(person("remarks:        inline signed\n"))));
        assertEquals("SUCCESS: inline", inline.getSubject(), body(inline));
        assertEquals("inline signed", stored(ObjectType.PERSON, "AE1-TEST").value("remarks"));

        byte[] thunderbird = TestMessages.thunderbirdEntity(person("remarks:        from thunderbird\n"), key.armoredPublicKey());
        MimeMessage nested = sendAndAwait(TestMessages.pgpMime("Ann Example <ann@example.com>", "thunderbird", nextId(),
                thunderbird, key.detachedSignature(thunderbird)));
        assertEquals("SUCCESS: thunderbird", nested.getSubject(), body(nested));
        assertEquals("from thunderbird", stored(ObjectType.PERSON, "AE1-TEST").value("remarks"));

        byte[] original = TestMessages.textEntity(person("remarks:        what was signed\n"));
        byte[] tampered = TestMessages.textEntity(person("remarks:        what was sent instead\n"));
        MimeMessage refused = sendAndAwait(TestMessages.pgpMime("Ann Example <ann@example.com>", "tampered", nextId(),
                tampered, key.detachedSignature(original)));
        assertEquals("FAILED: tampered", refused.getSubject());
        assertTrue(flat(body(refused)).contains("The PGP/MIME signature could not be verified"), body(refused));
        assertTrue(body(refused).contains("Modify FAILED: [person] AE1-TEST"), body(refused));
        assertEquals("from thunderbird", stored(ObjectType.PERSON, "AE1-TEST").value("remarks"));
    }

    @Test
    void unsignedMessageClaimingASignatureAuthorisesNothing() throws Exception {
        setUpMaintainerWithKey();
        byte[] raw = crlf(headers("Ann Example <ann@example.com>", "claims", nextId())
                + "Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\n" + person("remarks:        forged\n") + "--b--\n");
        MimeMessage ack = sendAndAwait(raw);
        assertEquals("FAILED: claims", ack.getSubject());
        assertTrue(flat(body(ack)).contains("no signature part"), body(ack));
        assertNull(stored(ObjectType.PERSON, "AE1-TEST").value("remarks"));

        String inlineForgery = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + person("remarks:        forged\n")
                + "-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----\n";
        MimeMessage ack2 = sendAndAwait(plain("forged inline", inlineForgery));
        assertEquals("FAILED: forged inline", ack2.getSubject(), body(ack2));
        assertNull(stored(ObjectType.PERSON, "AE1-TEST").value("remarks"));
    }

    // ---- duplicates, loops, restarts ---------------------------------------------------------------

    @Test
    void sameMessageDeliveredTwiceIsAppliedAndAnsweredOnce() throws Exception {
        byte[] message = plain("once", maintainerAndPerson() + "password: " + PASSWORD + "\n");
        send(message);
        send(message);
        MimeMessage last = sendAndAwait(plain("marker", "person: nothing\n"));
        assertEquals("FAILED: marker", last.getSubject());
        assertEquals(1, acksTo(messageId(message)).size(), subjects().toString());
        assertEquals(1, db.history(ObjectType.PERSON, "AE1-TEST").size());
    }

    @Test
    void bouncesAutoRepliesAndOwnMailAreNeverAnsweredNorApplied() throws Exception {
        String update = maintainerAndPerson() + "password: " + PASSWORD + "\n";
        send(crlf(headers("Ann <ann@example.com>", "Out of office", nextId()) + "Auto-Submitted: auto-replied\n\n" + update));
        send(crlf(headers("Ann <ann@example.com>", "list", nextId()) + "Precedence: bulk\n\n" + update));
        send(crlf(headers("Ann <ann@example.com>", "loop", nextId()) + "X-Loop: " + ROBOT + "\n\n" + update));
        send(crlf(headers("Robot <" + ROBOT + ">", "myself", nextId()) + "\n" + update));
        send(crlf(headers("MAILER-DAEMON@example.com", "Undelivered Mail Returned to Sender", nextId()) + "\n" + update));
        new SmtpSubmitter("127.0.0.1", port, Duration.ofSeconds(10))
                .submit(crlf(headers("Ann <ann@example.com>", "bounce", nextId()) + "\n" + update), "", ROBOT);
        MimeMessage last = sendAndAwait(plain("marker", "person: nothing\n"));
        assertEquals("FAILED: marker", last.getSubject());
        assertEquals(List.of("FAILED: marker"), subjects());
        assertNull(stored(ObjectType.MNTNER, "ANN-MNT"));
    }

    @Test
    void messagesInTheSpoolAreHandledAfterARestart() throws Exception {
        door.close();
        byte[] queued = plain("queued while down", maintainerAndPerson() + "password: " + PASSWORD + "\n");
        MailSpool spool = MailSpool.open(dir.resolve("data").resolve("mail-spool"));
        spool.store(new ByteArrayInputStream(queued), "ann@example.com");
        assertEquals(0, relay.getReceivedMessages().length);
        startDoor();
        MimeMessage ack = awaitAck(messageId(queued));
        assertEquals("SUCCESS: queued while down", ack.getSubject(), body(ack));
        assertNotNull(stored(ObjectType.PERSON, "AE1-TEST"));
    }

    @Test
    void signatureAgeIsJudgedAtReceiptNotWhenTheSpoolIsWorkedThrough() throws Exception {
        setUpMaintainerWithKey();
        door.close();
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        byte[] entity = TestMessages.textEntity(person("remarks:        signed two hours ago\n"));
        byte[] oldMail = TestMessages.pgpMime("Ann Example <ann@example.com>", "old", nextId(), entity,
                key.detachedSignature(entity, twoHoursAgo));
        // received a minute after it was signed, while the server was down
        Path newDir = dir.resolve("data").resolve("mail-spool").resolve("new");
        Files.write(newDir.resolve(String.format("%015d-%09d.eml", twoHoursAgo.plusSeconds(60).toEpochMilli(), 1)),
                TestMessages.concat("Return-Path: <ann@example.com>\r\n".getBytes(StandardCharsets.US_ASCII), oldMail));
        startDoor();
        MimeMessage accepted = awaitAck(messageId(oldMail));
        assertEquals("SUCCESS: old", accepted.getSubject(), body(accepted));

        byte[] other = TestMessages.textEntity(person("remarks:        captured and replayed\n"));
        byte[] replay = TestMessages.pgpMime("Ann Example <ann@example.com>", "replayed", nextId(), other,
                key.detachedSignature(other, twoHoursAgo));
        MimeMessage refused = sendAndAwait(replay);
        assertEquals("FAILED: replayed", refused.getSubject());
        assertTrue(flat(body(refused)).contains("was made more than 60 minutes ago"), body(refused));
        assertEquals("signed two hours ago", stored(ObjectType.PERSON, "AE1-TEST").value("remarks"));
    }

    // ---- keywords, bad input, notifications ----------------------------------------------------------

    @Test
    void newKeywordRefusesModificationsAndHelpAnswersWithHelp() throws Exception {
        sendAndAwait(plain("x", maintainerAndPerson() + "password: " + PASSWORD + "\n"));
        MimeMessage again = sendAndAwait(plain("NEW", person("remarks:        changed\n") + "password: " + PASSWORD + "\n"));
        assertEquals("FAILED: NEW", again.getSubject(), body(again));
        assertNull(stored(ObjectType.PERSON, "AE1-TEST").value("remarks"));

        MimeMessage help = sendAndAwait(plain("help", "person: ignored\n"));
        assertEquals("SUCCESS: help", help.getSubject());
        assertTrue(body(help).contains("Subject keywords"), body(help));
    }

    @Test
    void badInputGetsAClearAnswerAndChangesNothing() throws Exception {
        byte[] broken = crlf(headers("Ann <ann@example.com>", "broken", nextId())
                + "Content-Type: multipart/signed; protocol=\"application/pgp-signature\"\n\n--nothing\n"
                + "Content-Type: text/plain\n\n" + maintainerAndPerson() + "password: " + PASSWORD + "\n");
        MimeMessage ack = sendAndAwait(broken);
        assertEquals("FAILED: broken", ack.getSubject());
        assertTrue(flat(body(ack)).contains("could not be processed: the MIME structure of the message is broken"), body(ack));
        assertTrue(flat(body(ack)).contains("Nothing was changed"), body(ack));
        assertNull(stored(ObjectType.MNTNER, "ANN-MNT"));

        byte[] binary = crlf(headers("Ann <ann@example.com>", "binary", nextId())
                + "Content-Type: multipart/mixed; boundary=m\n\n--m\n"
                + "Content-Type: application/octet-stream; name=dump.bin\nContent-Transfer-Encoding: base64\n\n"
                + "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n--m--\n");
        MimeMessage ack2 = sendAndAwait(binary);
        assertEquals("FAILED: binary", ack2.getSubject());
        assertTrue(flat(body(ack2)).contains("attachment 'dump.bin' (application/octet-stream) was ignored"), body(ack2));
        assertTrue(body(ack2).contains("No valid update found"), body(ack2));

        byte[] charset = crlf(headers("Ann <ann@example.com>", "charset", nextId())
                + "Content-Type: text/plain; charset=x-unknown-42\n\n" + maintainerAndPerson() + "password: " + PASSWORD + "\n");
        MimeMessage ack3 = sendAndAwait(charset);
        assertEquals("SUCCESS: charset", ack3.getSubject(), body(ack3));
        assertTrue(flat(body(ack3)).contains("The charset 'x-unknown-42' is unknown"), body(ack3));
    }

    @Test
    void notificationsLeaveThroughTheSameRelay() throws Exception {
        sendAndAwait(plain("x", maintainerAndPerson().replace("mnt-by:         ANN-MNT\nsource:         TEST\n\nperson",
                "mnt-nfy:        nfy@example.org\nmnt-by:         ANN-MNT\nsource:         TEST\n\nperson")
                + "password: " + PASSWORD + "\n"));
        sendAndAwait(plain("modify", person("remarks:        notify me\n") + "password: " + PASSWORD + "\n"));
        engine.awaitNotifications();
        assertTrue(relay.waitForIncomingEmail(10_000, 3));
        boolean notified = Arrays.stream(relay.getReceivedMessages()).anyMatch(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals("nfy@example.org");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(notified, subjects().toString());
    }

    @Test
    void jakartaMailClientIsAnsweredAtItsReplyToAddress() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("ann@example.com", "Ann Example"));
        message.setReplyTo(new InternetAddress[] {new InternetAddress("hostmaster@example.org")});
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(ROBOT));
        message.setSubject("Stra\u00dfe update", "UTF-8");
        message.setText(maintainerAndPerson() + "password: " + PASSWORD + "\n", "ISO-8859-1", "plain");
        message.setHeader("Content-Transfer-Encoding", "quoted-printable");
        Transport.send(message);
        String id = message.getMessageID();
        MimeMessage ack = awaitAck(id);
        assertEquals("SUCCESS: Stra\u00dfe update", ack.getSubject(), body(ack));
        assertEquals("hostmaster@example.org", ack.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("Bahnhofstra\u00dfe 1", stored(ObjectType.PERSON, "AE1-TEST").value("address"));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    @Test
    void passwordGuessesByMailAreChargedToTheSmtpPeerWhateverTheFrom() throws Exception {
        sendAndAwait(plain("x", maintainerAndPerson() + "password: " + PASSWORD + "\n"));
        MailSpool spool = MailSpool.open(dir.resolve("guess-spool"));
        try (ProcessedMessageIds ids = ProcessedMessageIds.open(dir.resolve("guess-ids"), 1000)) {
            MailRobot robot = new MailRobot(engine, id -> Optional.empty(), sender, ids,
                    StoredAnswers.open(dir.resolve("guess-answers"), java.util.Set.of()),
                    MailCommits.open(db, dir.resolve("guess-answered-serial"), java.util.Set.of()), "TEST");
            int failed = 0;
            int refused = 0;
            for (int i = 0; i < 14; i++) {
                String ack = guess(spool, robot, "Guesser " + i + " <guesser" + i + "@example.org>", "guess-" + i,
                        "192.0.2.7");
                assertTrue(ack.contains("Modify FAILED: [person] AE1-TEST"), ack);
                assertFalse(ack.contains("guess-"), "a password is never echoed");
                if (ack.contains("Too many failed password attempts")) {
                    refused++;
                } else {
                    assertTrue(ack.contains("not authenticated by: ANN-MNT"), ack);
                    failed++;
                }
            }
            assertEquals(GuessBudget.Limits.DEFAULT.perClient(), failed, "guesses hashed for one SMTP peer");
            assertEquals(4, refused);
            String local = guess(spool, robot, "Guesser 0 <guesser0@example.org>", "guess-local", "127.0.0.1");
            assertFalse(local.contains("Too many failed password attempts"),
                    "mail from this host (an MTA's pipe) stands for its sender, who has guessed nothing yet: " + local);
        }
    }

    /** Hands the robot a message as the spool stores it from SMTP client {@code peer}; returns the acknowledgement. */
    private String guess(MailSpool spool, MailRobot robot, String from, String password, String peer) throws Exception {
        byte[] raw = TestMessages.plain(from, "guess", nextId(), person("remarks:        a guess\n")
                + "\npassword: " + password + "\n");
        SpoolEntry entry = spool.store(new ByteArrayInputStream(raw), "bounce@example.org", peer);
        robot.handle(entry.name(), spool.read(entry));
        return flat(body(awaitAck(messageId(raw))));
    }

    private void setUpMaintainerWithKey() throws Exception {
        sendAndAwait(plain("x", maintainerAndPerson() + "password: " + PASSWORD + "\n"));
        addPgpKeyToMaintainer();
        relay.purgeEmailFromAllMailboxes();
    }

    /** A key-cert for the test key, and the maintainer's auth: naming it (by mail, with the password). */
    private void addPgpKeyToMaintainer() throws Exception {
        String keyCert = "key-cert:       " + key.keyCertId() + "\n" + key.certifLines()
                + "mnt-by:         ANN-MNT\nsource:         TEST\n";
        String mntner = maintainer().replace("auth:", "auth:           " + key.keyCertId() + "\nauth:");
        MimeMessage ack = sendAndAwait(plain("key", keyCert + "\n" + mntner + "\npassword: " + PASSWORD + "\n"));
        assertEquals("SUCCESS: key", ack.getSubject(), body(ack));
    }

    private static String maintainer() {
        return "mntner:         ANN-MNT\n"
                + "admin-c:        AE1-TEST\n"
                + "upd-to:         ann@example.com\n"
                + "auth:           BCRYPT-PW " + BcryptCredential.hash(PASSWORD, 4) + "\n"
                + "mnt-by:         ANN-MNT\n"
                + "source:         TEST\n";
    }

    private static String person(String extra) {
        return "person:         Ann Example\n"
                + "address:        Bahnhofstra\u00dfe 1\n"
                + "phone:          +31 20 000 0000\n"
                + "e-mail:         ann@example.com\n"
                + "nic-hdl:        AE1-TEST\n"
                + extra
                + "mnt-by:         ANN-MNT\n"
                + "source:         TEST\n";
    }

    private static String maintainerAndPerson() {
        return maintainer() + "\n" + person("") + "\n";
    }

    private String nextId() {
        return "<m" + (++messageCounter) + "." + System.nanoTime() + "@example.com>";
    }

    private byte[] plain(String subject, String body) {
        return TestMessages.plain("Ann Example <ann@example.com>", subject, nextId(), body);
    }

    private void send(byte[] raw) throws Exception {
        SmtpSubmitter.Outcome outcome = new SmtpSubmitter("127.0.0.1", port, Duration.ofSeconds(10))
                .submit(raw, "ann@example.com", ROBOT);
        assertTrue(outcome.accepted(), outcome.reply());
    }

    /** Sends the message and returns the acknowledgement that answers it (In-Reply-To its Message-ID). */
    private MimeMessage sendAndAwait(byte[] raw) throws Exception {
        send(raw);
        return awaitAck(messageId(raw));
    }

    private static String messageId(byte[] raw) {
        Matcher m = Pattern.compile("(?im)^Message-ID: (\\S+)").matcher(new String(raw, StandardCharsets.UTF_8));
        assertTrue(m.find(), "test message without Message-ID");
        return m.group(1);
    }

    private MimeMessage awaitAck(String messageId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> answers = acksTo(messageId);
            if (!answers.isEmpty()) {
                return answers.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no acknowledgement of " + messageId + " within 20 s; received: " + subjects());
    }

    private List<MimeMessage> acksTo(String messageId) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : relay.getReceivedMessages()) {
            String[] inReplyTo = m.getHeader("In-Reply-To");
            if (inReplyTo != null && inReplyTo[0].equals(messageId)) {
                out.add(m);
            }
        }
        return out;
    }

    private List<String> subjects() throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : relay.getReceivedMessages()) {
            out.add(m.getSubject());
        }
        return out;
    }

    private RpslObject stored(ObjectType type, String key) {
        return db.get(type, key).map(StoredObject::object).orElse(null);
    }

    private static String body(MimeMessage message) {
        try {
            return ((String) message.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text with the acknowledgement's line wrapping undone. */
    private static String flat(String text) {
        return text.replaceAll("\n {12}", " ");
    }
}
