package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool worker with several threads: senders in parallel, each sender's mail in order, nothing lost on a stop. */
class SpoolWorkerTest {
    @TempDir
    Path dir;

    @Test
    void messagesOfDifferentSendersAreHandledAtTheSameTime() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        spool.store(mail("ann@example.com", 0), "ann@example.com");
        spool.store(mail("bob@example.com", 0), "bob@example.com");
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicBoolean sawTheOther = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(2);
        try (SpoolWorker worker = new SpoolWorker(spool, (name, message) -> {
            bothStarted.countDown();
            // With one message at a time this would wait in vain: the other sender's mail never starts.
            sawTheOther.compareAndSet(false, bothStarted.await(30, TimeUnit.SECONDS));
            done.countDown();
        }, 2)) {
            worker.start();
            assertTrue(done.await(60, TimeUnit.SECONDS));
        }
        assertTrue(sawTheOther.get());
        assertTrue(spool.pending().isEmpty());
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 7L, 42L, 2026L);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void eachSendersMailIsHandledInOrderOfReceiptAndNeverTwoAtOnce(long seed) throws Exception {
        Random random = new Random(seed);
        MailSpool spool = MailSpool.open(dir);
        int senders = 2 + random.nextInt(5);
        int messages = 40 + random.nextInt(40);
        Map<String, List<Integer>> sent = new ConcurrentHashMap<>();
        for (int i = 0; i < messages; i++) {
            String sender = "user" + random.nextInt(senders) + "@example.com";
            sent.computeIfAbsent(sender, s -> new ArrayList<>()).add(i);
            // The envelope sender varies (a second route): the From: header decides the lane.
            spool.store(mail(sender, i), random.nextBoolean() ? sender : "bounce-" + i + "@relay.example.net");
        }
        Map<String, List<Integer>> handled = new ConcurrentHashMap<>();
        Set<String> busy = ConcurrentHashMap.newKeySet();
        AtomicBoolean overlap = new AtomicBoolean();
        CountDownLatch all = new CountDownLatch(messages);
        try (SpoolWorker worker = new SpoolWorker(spool, (name, message) -> {
            String text = new String(message, StandardCharsets.US_ASCII);
            String sender = header(text, "From");
            if (!busy.add(sender)) {
                overlap.set(true);
            }
            Thread.sleep(random(name).nextInt(3));
            handled.computeIfAbsent(sender, s -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(header(text, "Subject")));
            busy.remove(sender);
            all.countDown();
        }, 4)) {
            worker.start();
            assertTrue(all.await(60, TimeUnit.SECONDS));
        }
        assertFalse(overlap.get(), "two messages of one sender were handled at once");
        assertEquals(sent, handled);
        assertTrue(spool.pending().isEmpty());
    }

    @Test
    void aStopLeavesWhatWasNotHandledInTheSpoolAndTheNextRunHandlesItInOrder() throws Exception {
        MailSpool spool = MailSpool.open(dir);
        int messages = 60;
        Map<String, List<Integer>> sent = new ConcurrentHashMap<>();
        for (int i = 0; i < messages; i++) {
            String sender = "user" + (i % 5) + "@example.com";
            sent.computeIfAbsent(sender, s -> new ArrayList<>()).add(i);
            spool.store(mail(sender, i), sender);
        }
        Map<String, List<Integer>> handled = new ConcurrentHashMap<>();
        List<String> handledNames = new CopyOnWriteArrayList<>();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch tenHandled = new CountDownLatch(10);
        SpoolWorker.Handler record = (name, message) -> {
            String text = new String(message, StandardCharsets.US_ASCII);
            handled.computeIfAbsent(header(text, "From"), s -> new CopyOnWriteArrayList<>())
                    .add(Integer.parseInt(header(text, "Subject")));
            handledNames.add(name);
            count.incrementAndGet();
            tenHandled.countDown();
        };
        SpoolWorker first = new SpoolWorker(spool, record, 3);
        first.start();
        assertTrue(tenHandled.await(60, TimeUnit.SECONDS));
        first.close();

        // Whatever the first run handled has left the spool; the rest is still there.
        Set<String> left = new HashSet<>();
        spool.pending().forEach(e -> left.add(e.name()));
        assertEquals(messages, handledNames.size() + left.size());
        assertTrue(handledNames.stream().noneMatch(left::contains));

        CountDownLatch rest = new CountDownLatch(left.size());
        try (SpoolWorker second = new SpoolWorker(MailSpool.open(dir), (name, message) -> {
            record.handle(name, message);
            rest.countDown();
        }, 3)) {
            second.start();
            assertTrue(rest.await(60, TimeUnit.SECONDS));
        }
        assertEquals(messages, count.get());
        assertEquals(messages, new HashSet<>(handledNames).size());
        assertEquals(sent, handled);
        assertTrue(spool.pending().isEmpty());
    }

    @Test
    void theSenderIsTheFromAddressElseTheEnvelopeSender() {
        assertEquals("from:ann@example.com",
                MailSpool.senderKey("Return-Path: <x@relay>\r\nFrom: Ann Example\r\n <Ann@Example.com>\r\nSubject: s\r\n\r\n"));
        assertEquals("from:bob@example.com", MailSpool.senderKey("Return-Path: <x@relay>\nfrom: bob@example.com\n\nFrom: c@d\n"));
        assertEquals("envelope:x@relay", MailSpool.senderKey("Return-Path: <X@Relay>\r\nSubject: s\r\n\r\nFrom: c@d\r\n"));
        assertEquals("envelope:", MailSpool.senderKey("Return-Path: <>\r\n\r\n"));
        assertEquals("envelope:", MailSpool.senderKey(""));
    }

    private static Random random(String name) {
        return new Random(name.hashCode());
    }

    private static ByteArrayInputStream mail(String from, int n) {
        return new ByteArrayInputStream(("From: Someone <" + from + ">\r\nSubject: " + n + "\r\n\r\nbody " + n + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static String header(String text, String name) {
        for (String line : text.split("\r\n")) {
            if (line.startsWith(name + ": ")) {
                String value = line.substring(name.length() + 2);
                int open = value.indexOf('<');
                return open >= 0 ? value.substring(open + 1, value.indexOf('>')) : value;
            }
        }
        throw new AssertionError("no " + name + " header in " + text);
    }
}
