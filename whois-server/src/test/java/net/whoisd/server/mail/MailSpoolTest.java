package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSpoolTest {
    @TempDir
    Path dir;

    @Test
    void storedMessageCarriesTheEnvelopeSenderAndKeepsArrivalOrder() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        spool.store(stream("Subject: one\r\n\r\nbody\r\n"), "ann@example.com");
        spool.store(stream("Subject: two\r\n\r\nbody\r\n"), "");
        List<SpoolEntry> pending = spool.pending();
        assertEquals(2, pending.size());
        assertEquals("Return-Path: <ann@example.com>\r\nSubject: one\r\n\r\nbody\r\n", read(spool, pending.get(0)));
        assertEquals("Return-Path: <>\r\nSubject: two\r\n\r\nbody\r\n", read(spool, pending.get(1)));
    }

    @Test
    void onlyThePeerTheSpoolRecordedCountsNotOneTheSenderWrote() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        String forged = "X-Whoisd-Peer: 192.0.2.66\r\nSubject: one\r\n\r\nbody\r\n";
        SpoolEntry recorded = spool.store(stream(forged), "ann@example.com", "198.51.100.7");
        SpoolEntry unknown = spool.store(stream(forged), "ann@example.com");
        assertEquals(Optional.of("198.51.100.7"), MailSpool.peer(spool.read(recorded)));
        assertEquals(Optional.empty(), MailSpool.peer(spool.read(unknown)), "a header of the message is not the peer");
        assertTrue(read(spool, recorded).startsWith("X-Whoisd-Peer: 198.51.100.7\r\nReturn-Path: <ann@example.com>\r\n"));
    }

    @Test
    void aFailingReceiptLeavesNothingBehind() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 100) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThrows(IOException.class, () -> spool.store(broken, "a@x"));
        assertTrue(spool.pending().isEmpty());
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void partialFilesOfAnInterruptedReceiptAreRemovedOnOpen() throws Exception {
        MailSpool.open(dir);
        Files.writeString(dir.resolve("tmp").resolve("000-half.eml"), "Subject: half");
        MailSpool spool = MailSpool.open(dir);
        assertTrue(spool.pending().isEmpty());
        assertTrue(Files.notExists(dir.resolve("tmp").resolve("000-half.eml")));
    }

    @Test
    void workerHandlesWhatAnEarlierRunLeftInOrderThenNewArrivals() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        for (int i = 0; i < 5; i++) {
            spool.store(stream("Subject: " + i + "\r\n\r\n"), "a@x");
        }
        List<String> handled = new CopyOnWriteArrayList<>();
        CountDownLatch six = new CountDownLatch(6);
        try (SpoolWorker worker = new SpoolWorker(MailSpool.open(dir), (name, message) -> {
            handled.add(new String(message, StandardCharsets.US_ASCII).split("\r\n")[1]);
            six.countDown();
        })) {
            worker.start();
            spool.store(stream("Subject: 5\r\n\r\n"), "a@x");
            worker.wake();
            assertTrue(six.await(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of("Subject: 0", "Subject: 1", "Subject: 2", "Subject: 3", "Subject: 4", "Subject: 5"), handled);
        assertTrue(spool.pending().isEmpty());
    }

    @Test
    void aMessageWhoseHandlingFailsIsQuarantinedAndTheNextIsHandled() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        spool.store(stream("Subject: poison\r\n\r\n"), "a@x");
        spool.store(stream("Subject: fine\r\n\r\n"), "a@x");
        CountDownLatch fine = new CountDownLatch(1);
        try (SpoolWorker worker = new SpoolWorker(spool, (name, message) -> {
            if (new String(message, StandardCharsets.US_ASCII).contains("poison")) {
                throw new IllegalStateException("cannot handle this");
            }
            fine.countDown();
        })) {
            worker.start();
            assertTrue(fine.await(10, TimeUnit.SECONDS));
        }
        assertTrue(spool.pending().isEmpty());
        try (var failed = Files.list(dir.resolve("failed"))) {
            assertEquals(1, failed.count());
        }
    }

    @Test
    void aQuarantinedMessageKeepsNoPasswordInPlainTextQuotedPrintableOrBase64() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        String body = "person: Ann\r\npassword: plain-secret-1\r\n  password: indented-secret-2\r\n+password: plus-secret-6\r\n"
                + "override: dbm,override-secret-3,why\r\n";
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(
                body.replace("plain-secret-1", "base64-secret-4").getBytes(StandardCharsets.US_ASCII));
        String message = "From: ann@example.com\r\nSubject: poison\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=US-ASCII\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "person: Ann\r\npassword: qp-se=\r\ncret-5\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64 + "\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\n" + body
                + "--b--\r\n";
        Path failed = spool.quarantine(spool.store(stream(message), "ann@example.com"));
        String kept = Files.readString(failed, StandardCharsets.ISO_8859_1);
        for (String secret : List.of("plain-secret-1", "indented-secret-2", "override-secret-3", "base64-secret-4",
                "qp-se", "cret-5", "plus-secret-6")) {
            assertFalse(kept.contains(secret), secret + " in " + kept);
        }
        String decoded = new String(MaskedMessage.mask(Files.readAllBytes(failed)), StandardCharsets.ISO_8859_1);
        assertTrue(kept.contains("password: FILTERED") && kept.contains("Subject: poison"), kept);
        assertEquals(kept, decoded, "masking is stable");
        assertTrue(spool.pending().isEmpty());
    }

    @Test
    void anUnparseableQuarantinedMessageIsMaskedLineByLine() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        Path failed = spool.quarantine(spool.store(stream("Subject: broken\r\nContent-Type: multipart/mixed\r\n\r\n"
                + "password: broken-secret\r\n"), "a@x"));
        String kept = Files.readString(failed, StandardCharsets.ISO_8859_1);
        assertFalse(kept.contains("broken-secret"), kept);
        assertTrue(kept.contains("password: FILTERED"), kept);
    }

    @Test
    void failedMessagesOlderThanTheRetentionAreDeleted() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        Path old = spool.quarantine(spool.store(stream("Subject: old\r\n\r\n"), "a@x"));
        Path recent = spool.quarantine(spool.store(stream("Subject: recent\r\n\r\n"), "a@x"));
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(31))));
        assertEquals(1, spool.expireFailed(java.time.Duration.ofDays(30)));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent));
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String read(MailSpool spool, SpoolEntry entry) throws IOException {
        return new String(spool.read(entry), StandardCharsets.US_ASCII);
    }
}
