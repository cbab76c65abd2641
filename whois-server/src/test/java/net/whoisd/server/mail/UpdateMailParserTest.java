package net.whoisd.server.mail;

import static net.whoisd.server.mail.TestMessages.crlf;
import static net.whoisd.server.mail.TestMessages.headers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.PgpSignatures;
import net.whoisd.server.auth.TestPgp;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateMailParserTest {
    private static final String OBJECT = "person:  Ann Example\naddress: Bahnhofstra\u00dfe 1\nphone:   +31 20 000 0000\n"
            + "nic-hdl: AE1-TEST\nsource:  TEST\n";
    private static TestPgp key;
    private final UpdateMailParser parser = new UpdateMailParser("auto-dbm@example.net");

    @BeforeAll
    static void makeKey() throws Exception {
        key = TestPgp.generate("Ann Example <ann@example.com>");
    }

    /** Verifies the way the robot does: PgpSignatures against a key-cert object holding the test key. */
    private static boolean verifies(PgpMimeSignature signature) throws Exception {
        RpslObject keyCert = RpslObject.parse("key-cert:       " + key.keyCertId() + "\n" + key.certifLines()
                + "mnt-by:         OWNER-MNT\nsource:         TEST\n");
        return PgpSignatures.verifyDetached(signature.signedBytes(), signature.armoredSignature(),
                id -> id.equals(key.keyCertId()) ? Optional.of(keyCert) : Optional.empty()).isPresent();
    }

    @Test
    void plainTextMailGivesSenderSubjectIdAndText() throws Exception {
        IncomingUpdateMail mail = parser.parse(TestMessages.plain("Ann Example <ann@example.com>", "my update",
                "<m1@example.com>", OBJECT + "password: secret\n"));
        assertEquals("Ann Example <ann@example.com>", mail.from());
        assertEquals("ann@example.com", mail.replyAddress());
        assertEquals("my update", mail.subject());
        assertEquals("<m1@example.com>", mail.messageId());
        assertEquals(OBJECT + "password: secret\n", mail.allText());
        assertTrue(mail.signature().isEmpty());
        assertTrue(mail.notes().isEmpty());
        assertTrue(mail.fatalProblem().isEmpty());
        assertTrue(mail.autoReply().isEmpty());
    }

    @Test
    void replyToWinsOverFrom() throws Exception {
        byte[] raw = crlf("From: ann@example.com\nReply-To: Hostmaster <hm@example.org>\nSubject: x\n\nbody\n");
        assertEquals("hm@example.org", parser.parse(raw).replyAddress());
    }

    @Test
    void invalidReplyToFallsBackToFromAndNoValidAddressGivesNone() throws Exception {
        assertEquals("ann@example.com",
                parser.parse(crlf("From: ann@example.com\nReply-To: not an address\n\nbody\n")).replyAddress());
        assertEquals(null, parser.parse(crlf("From: nobody\nSubject: x\n\nbody\n")).replyAddress());
    }

    @Test
    void quotedPrintableWithCharsetIsDecoded() throws Exception {
        byte[] raw = crlf(headers("ann@example.com", "=?UTF-8?Q?M=C3=BCller_update?=", "<qp@x>")
                + "Content-Type: text/plain; charset=ISO-8859-1\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n"
                + "address: Bahnhofstra=DFe 1 with a very long line that was soft-wrapped by the mail program =\n"
                + "here\n");
        IncomingUpdateMail mail = parser.parse(raw);
        assertEquals("M\u00fcller update", mail.subject());
        assertEquals("address: Bahnhofstra\u00dfe 1 with a very long line that was soft-wrapped by the mail program here\n",
                mail.allText());
    }

    @Test
    void base64BodyIsDecoded() throws Exception {
        String encoded = java.util.Base64.getMimeEncoder().encodeToString(OBJECT.getBytes(StandardCharsets.UTF_8));
        byte[] raw = crlf(headers("ann@example.com", "x", "<b64@x>")
                + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + encoded + "\n");
        assertEquals(OBJECT, parser.parse(raw).allText());
    }

    @Test
    void unknownCharsetFallsBackToLatin1WithANote() throws Exception {
        byte[] raw = crlf(headers("ann@example.com", "x", "<cs@x>")
                + "Content-Type: text/plain; charset=x-no-such-charset\n\nremarks: caf\u00e9\n");
        IncomingUpdateMail mail = parser.parse(raw);
        assertTrue(mail.allText().startsWith("remarks: caf"));
        assertTrue(mail.notes().get(0).contains("x-no-such-charset"), mail.notes().toString());
        assertTrue(mail.fatalProblem().isEmpty());
    }

    @Test
    void noCharsetReadsUtf8WhenValidElseLatin1() throws Exception {
        byte[] utf8 = TestMessages.concat(crlf("From: a@example.com\n\n"), "remarks: caf\u00e9\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("remarks: caf\u00e9\n", parser.parse(utf8).allText());
        byte[] latin1 = TestMessages.concat(crlf("From: a@example.com\n\n"), "remarks: caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("remarks: caf\u00e9\n", parser.parse(latin1).allText());
    }

    @Test
    void alternativeTakesThePlainTextAndMixedIgnoresAttachments() throws Exception {
        byte[] raw = crlf(headers("ann@example.com", "x", "<alt@x>")
                + "Content-Type: multipart/mixed; boundary=outer\n\n"
                + "--outer\n"
                + "Content-Type: multipart/alternative; boundary=inner\n\n"
                + "--inner\nContent-Type: text/plain; charset=us-ascii\n\nperson: plain\n"
                + "--inner\nContent-Type: text/html\n\n<p>person: html</p>\n"
                + "--inner--\n"
                + "--outer\n"
                + "Content-Type: application/octet-stream; name=blob.bin\n"
                + "Content-Disposition: attachment; filename=blob.bin\n"
                + "Content-Transfer-Encoding: base64\n\nAAECAwQFBgcICQ==\n"
                + "--outer--\n");
        IncomingUpdateMail mail = parser.parse(raw);
        assertEquals("person: plain", mail.allText());
        assertEquals(1, mail.notes().size());
        assertTrue(mail.notes().get(0).contains("'blob.bin'"), mail.notes().toString());
    }

    @Test
    void htmlOnlyMailHasNoTextAndSaysWhy() throws Exception {
        byte[] raw = crlf(headers("ann@example.com", "x", "<h@x>") + "Content-Type: text/html\n\n<p>hi</p>\n");
        IncomingUpdateMail mail = parser.parse(raw);
        assertEquals("", mail.allText());
        assertTrue(mail.notes().get(0).contains("text/html"));
    }

    @Test
    void pgpMimeSignatureCoversTheFirstPartByteForByte() throws Exception {
        byte[] entity = TestMessages.textEntity(OBJECT);
        String signature = key.detachedSignature(entity);
        IncomingUpdateMail mail = parser.parse(TestMessages.pgpMime("ann@example.com", "x", "<pgp@x>", entity, signature));
        assertTrue(mail.fatalProblem().isEmpty(), mail.fatalProblem().toString());
        PgpMimeSignature found = mail.signature().orElseThrow();
        assertArrayEquals(entity, found.signedBytes());
        assertTrue(verifies(found));
        assertEquals(OBJECT, mail.signedText());
        assertFalse(mail.hasUnsignedText());
    }

    @Test
    void pgpMimeWithLfOnlyLineEndsIsCanonicalisedToCrlf() throws Exception {
        byte[] entity = TestMessages.textEntity(OBJECT);
        String signature = key.detachedSignature(entity);
        byte[] lfOnly = new String(TestMessages.pgpMime("ann@example.com", "x", "<lf@x>", entity, signature),
                StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        PgpMimeSignature found = parser.parse(lfOnly).signature().orElseThrow();
        assertTrue(verifies(found));
    }

    @Test
    void armourWithoutCrcLineStillVerifies() throws Exception {
        byte[] entity = TestMessages.textEntity(OBJECT);
        String withoutCrc = key.detachedSignature(entity).lines()
                .filter(line -> !(line.startsWith("=") && line.length() == 5))
                .reduce("", (a, b) -> a + b + "\n");
        assertTrue(!withoutCrc.equals(key.detachedSignature(entity)));
        IncomingUpdateMail mail = parser.parse(TestMessages.pgpMime("a@example.com", "x", "<crc@x>", entity, withoutCrc));
        assertTrue(verifies(mail.signature().orElseThrow()));
    }

    @Test
    void alteredSignedTextDoesNotVerify() throws Exception {
        byte[] entity = TestMessages.textEntity(OBJECT);
        String signature = key.detachedSignature(entity);
        byte[] altered = TestMessages.textEntity(OBJECT.replace("AE1-TEST", "AE2-TEST"));
        IncomingUpdateMail mail = parser.parse(TestMessages.pgpMime("a@example.com", "x", "<alt@x>", altered, signature));
        assertFalse(verifies(mail.signature().orElseThrow()));
    }

    @Test
    void thunderbirdNestedPgpMimeWithAttachedKeyReadsTheTextAndIgnoresTheKey() throws Exception {
        byte[] entity = TestMessages.thunderbirdEntity(OBJECT, key.armoredPublicKey());
        String signature = key.detachedSignature(entity);
        IncomingUpdateMail mail = parser.parse(TestMessages.pgpMime("ann@example.com", "x", "<tb@x>", entity, signature));
        PgpMimeSignature found = mail.signature().orElseThrow();
        assertTrue(verifies(found));
        assertEquals(OBJECT, mail.signedText());
        assertTrue(mail.notes().isEmpty(), mail.notes().toString());
    }

    @Test
    void textOutsideTheSignedPartIsKeptApart() throws Exception {
        byte[] entity = TestMessages.textEntity(OBJECT);
        String signature = key.detachedSignature(entity);
        byte[] signedMessage = TestMessages.pgpMime("a@example.com", "x", "<o@x>", entity, signature);
        String signedBody = new String(signedMessage, StandardCharsets.UTF_8);
        String inner = signedBody.substring(signedBody.indexOf("Content-Type: multipart/signed"));
        byte[] raw = crlf(headers("a@example.com", "x", "<o@x>")
                + "Content-Type: multipart/mixed; boundary=list\n\n--list\n" + inner.replace("\r\n", "\n")
                + "--list\nContent-Type: text/plain\n\nperson: added by the list\n--list--\n");
        IncomingUpdateMail mail = parser.parse(raw);
        assertTrue(mail.signature().isPresent());
        assertEquals(OBJECT, mail.signedText());
        assertTrue(mail.hasUnsignedText());
        assertTrue(mail.allText().contains("added by the list"));
    }

    @Test
    void multipartSignedWithoutSignaturePartIsUnsignedWithANote() throws Exception {
        byte[] raw = crlf(headers("a@example.com", "x", "<u@x>")
                + "Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\nperson: claimed\n--b--\n");
        IncomingUpdateMail mail = parser.parse(raw);
        assertTrue(mail.signature().isEmpty());
        assertEquals("person: claimed", mail.allText());
        assertTrue(mail.notes().get(0).contains("no signature part"), mail.notes().toString());
    }

    @Test
    void smimeIsProcessedAsUnsignedWithANote() throws Exception {
        byte[] raw = crlf(headers("a@example.com", "x", "<s@x>")
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\nperson: smime\n"
                + "--b\nContent-Type: application/pkcs7-signature; name=smime.p7s\nContent-Transfer-Encoding: base64\n\nAAAA\n--b--\n");
        IncomingUpdateMail mail = parser.parse(raw);
        assertTrue(mail.signature().isEmpty());
        assertEquals("person: smime", mail.allText());
        assertTrue(mail.notes().get(0).contains("S/MIME"));
    }

    @Test
    void twoSignedPartsAreRefused() throws Exception {
        byte[] entity = TestMessages.textEntity(OBJECT);
        String signed = new String(TestMessages.pgpMime("a@example.com", "x", "<t@x>", entity, key.detachedSignature(entity)),
                StandardCharsets.UTF_8);
        String inner = signed.substring(signed.indexOf("Content-Type: multipart/signed")).replace("\r\n", "\n");
        byte[] raw = crlf(headers("a@example.com", "x", "<t@x>")
                + "Content-Type: multipart/mixed; boundary=two\n\n--two\n" + inner + "--two\n" + inner + "--two--\n");
        assertTrue(parser.parse(raw).fatalProblem().orElseThrow().contains("2 PGP/MIME signed parts"));
    }

    @Test
    void subjectKeywordIsRecognised() throws Exception {
        IncomingUpdateMail mail = parser.parse(TestMessages.plain("a@example.com", " new ", "<k@x>", "x\n"));
        assertTrue(mail.keywords().is(SubjectKeywords.Keyword.NEW));
    }

    @Test
    void bounceIsRecognisedAsAutoReply() throws Exception {
        byte[] raw = crlf("Return-Path: <>\nFrom: MAILER-DAEMON@example.com\nSubject: Undelivered Mail\n\nsorry\n");
        assertTrue(parser.parse(raw).autoReply().isPresent());
    }

    /** Hostile input: random bytes, truncated and mangled messages never throw and never lose the sender. */
    @ParameterizedTest
    @MethodSource("mangledMessages")
    void mangledInputNeverThrows(byte[] raw) {
        IncomingUpdateMail mail = parser.parse(raw);
        assertTrue(mail.notes() != null && mail.textParts() != null);
    }

    static Stream<byte[]> mangledMessages() {
        Random random = new Random(20261122L);
        byte[] entity = TestMessages.textEntity(OBJECT);
        byte[] base = TestMessages.pgpMime("a@example.com", "x", "<f@x>", entity, signatureOf(entity));
        return IntStream.range(0, 200).mapToObj(i -> {
            byte[] copy;
            switch (i % 4) {
                case 0 -> {
                    copy = new byte[random.nextInt(2000)];
                    random.nextBytes(copy);
                }
                case 1 -> copy = java.util.Arrays.copyOf(base, random.nextInt(base.length));
                case 2 -> {
                    copy = base.clone();
                    for (int n = 0; n < 20; n++) {
                        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    }
                }
                default -> {
                    String s = new String(base, StandardCharsets.ISO_8859_1);
                    int cut = random.nextInt(s.length());
                    copy = (s.substring(0, cut) + "\r\n--=-=sig-boundary=-=\r\n" + s.substring(cut))
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
            }
            return copy;
        });
    }

    private static String signatureOf(byte[] data) {
        try {
            if (key == null) {
                makeKey();
            }
            return key.detachedSignature(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
