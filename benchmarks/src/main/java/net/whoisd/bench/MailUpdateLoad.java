package net.whoisd.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.mail.MailDoor;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.mail.SmtpSubmitter;
import net.whoisd.server.mail.SpoolWorker;
import net.whoisd.server.update.ParserSyntaxChecks;
import net.whoisd.server.update.UpdateEngine;
import net.whoisd.server.update.UpdateSettings;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Load generator for the mail robot: N single-object update mails (each creates one person)
 * sent over SMTP (From: one of 64 maintainers' addresses) by C concurrent SMTP clients into a real server stack (mail door, update engine,
 * PersistentDatabase in a temporary directory); acknowledgements go to an SMTP sink. Measures
 * messages per second from the first SMTP session to the last acknowledgement received, and
 * per-message latency (SMTP DATA sent to acknowledgement received).
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar net.whoisd.bench.MailUpdateLoad [messages] [senders] [pgp|password] [mail-workers]
 * </pre>
 * {@code pgp} (default) signs each mail with PGP/MIME (Ed25519); {@code password} uses a
 * {@code password:} line against a bcrypt hash of cost 10.
 */
public final class MailUpdateLoad {
    private static final String ROBOT = "auto-dbm@example.net";
    private static final Pattern IN_REPLY_TO = Pattern.compile("(?im)^In-Reply-To: (\\S+)");

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        boolean pgp = args.length <= 2 || args[2].equals("pgp");
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : SpoolWorker.defaultThreads();
        Path dir = Files.createTempDirectory("mail-load");
        try {
            run(dir, messages, senders, pgp, workers);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, int messages, int senders, boolean pgp, int workers) throws Exception {
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        CountDownLatch allAcks = new CountDownLatch(messages);
        AtomicInteger failedShown = new AtomicInteger();
        SMTPServer sink = SMTPServer.port(0).bindAddress(java.net.InetAddress.getLoopbackAddress()).hostName("sink")
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        String text = new String(data.readAllBytes(), StandardCharsets.ISO_8859_1);
                        Matcher m = IN_REPLY_TO.matcher(text);
                        if (text.contains("Subject: FAILED") && failedShown.getAndIncrement() == 0) {
                            System.err.println("first FAILED acknowledgement:\n" + text);
                        }
                        if (m.find() && acknowledged.putIfAbsent(m.group(1), System.nanoTime()) == null) {
                            allAcks.countDown();
                        }
                    }
                }).build();
        sink.start();

        Signer signer = Signer.generate();
        String password = "load-secret";
        try (PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST")) {
            db.commit(List.of(
                    Change.create(RpslObject.parse("person: Load Admin\naddress: Street 1\nphone: +31 20 000 0000\n"
                            + "nic-hdl: LA1-TEST\nmnt-by: LOAD-MNT\nsource: TEST\n")),
                    Change.create(RpslObject.parse("mntner: LOAD-MNT\nadmin-c: LA1-TEST\nupd-to: load@example.net\n"
                            + "auth: " + signer.keyCertId() + "\nauth: BCRYPT-PW " + BcryptCredential.hash(password, 10)
                            + "\nmnt-by: LOAD-MNT\nsource: TEST\n")),
                    Change.create(RpslObject.parse("key-cert: " + signer.keyCertId() + "\n" + signer.certifLines()
                            + "mnt-by: LOAD-MNT\nsource: TEST\n"))));
            MailSender sender = new MailSender(ROBOT, "127.0.0.1:" + sink.getPortAllocated(), null);
            Properties p = new Properties();
            p.setProperty("data.dir", dir.resolve("data").toString());
            p.setProperty("mail.from", ROBOT);
            try (UpdateEngine engine = new UpdateEngine(db, new ParserSyntaxChecks("TEST"),
                    new UpdateSettings("TEST-NCC-HM-MNT", Map.of(), true, ROBOT, "loadhost"), sender, Clock.systemUTC());
                 MailDoor door = MailDoor.open(ServerConfig.fromProperties(p), engine, db, sender, workers)) {
                int port = door.start("127.0.0.1", 0);

                System.err.printf(Locale.ROOT, "preparing %d %s mails...%n", messages, pgp ? "PGP/MIME-signed" : "password");
                List<byte[]> mails = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    String id = "<load" + i + "." + System.nanoTime() + "@example.com>";
                    String object = "person:         Load Person " + name(i) + "\naddress:        Street " + i
                            + "\nphone:          +31 20 000 " + i + "\ne-mail:         load@example.com\nnic-hdl:        LP" + (i + 1)
                            + "-TEST\nmnt-by:         LOAD-MNT\nsource:         TEST\n";
                    mails.add(pgp ? signer.pgpMime(id, object) : plain(id, object + "password: " + password + "\n"));
                    ids.add(id);
                }

                Map<String, Long> sent = new ConcurrentHashMap<>();
                AtomicInteger next = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(senders);
                long workerCpuBefore = workerCpuNanos();
                long started = System.nanoTime();
                for (int s = 0; s < senders; s++) {
                    pool.execute(() -> {
                        SmtpSubmitter client = new SmtpSubmitter("127.0.0.1", port, Duration.ofSeconds(60));
                        for (int i; (i = next.getAndIncrement()) < messages; ) {
                            try {
                                sent.put(ids.get(i), System.nanoTime());
                                if (!client.submit(mails.get(i), "load@example.com", ROBOT).accepted()) {
                                    refused.incrementAndGet();
                                }
                            } catch (IOException e) {
                                refused.incrementAndGet();
                            }
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.MINUTES);
                long sentAll = System.nanoTime();
                boolean complete = allAcks.await(10, TimeUnit.MINUTES);
                long finished = System.nanoTime();
                long workerCpu = workerCpuNanos() - workerCpuBefore;

                long[] latencies = ids.stream().filter(acknowledged::containsKey)
                        .mapToLong(id -> acknowledged.get(id) - sent.get(id)).sorted().toArray();
                double seconds = (finished - started) / 1e9;
                System.out.printf(Locale.ROOT, "MailUpdateLoad: %d mails (%s), %d senders, %d mail workers: %d acknowledged%s, %d refused;"
                                + " receipt of all %.2f s; %.1f mails/s end to end (SMTP receipt to acknowledgement sent);"
                                + " latency p50 %.0f ms, p99 %.0f ms; mail worker CPU %.1f ms per mail; %d objects in the"
                                + " database; load average %.1f%n",
                        messages, pgp ? "PGP/MIME" : "password", senders, workers, latencies.length, complete ? "" : " (INCOMPLETE)",
                        refused.get(), (sentAll - started) / 1e9, latencies.length / seconds,
                        percentile(latencies, 50) / 1e6, percentile(latencies, 99) / 1e6,
                        workerCpu / 1e6 / Math.max(1, latencies.length), db.size(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            sink.stop();
        }
    }

    /** CPU time used so far by the robot's worker threads. */
    private static long workerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("mail-worker"))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId())).sum();
    }

    /** 0 -> "Aa", 1 -> "Ab": person names are words of letters. */
    private static String name(int i) {
        StringBuilder sb = new StringBuilder();
        for (int n = i; ; n /= 26) {
            sb.insert(0, (char) ('a' + n % 26));
            if (n < 26) {
                break;
            }
        }
        return "X" + sb;
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Distinct senders in the load: maintainers mail in parallel, each one's mail is handled in order. */
    private static final int FROM_ADDRESSES = 64;

    private static String headers(String id) {
        return "From: Load <load" + Math.floorMod(id.hashCode(), FROM_ADDRESSES) + "@example.com>\r\nTo: " + ROBOT + "\r\nSubject: load\r\nMessage-ID: " + id
                + "\r\nDate: " + new Date() + "\r\nMIME-Version: 1.0\r\n";
    }

    private static byte[] plain(String id, String text) {
        return (headers(id) + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text.replace("\n", "\r\n"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An Ed25519 OpenPGP key that signs mails as PGP/MIME. */
    private record Signer(PGPKeyPair pair, String armoredPublicKey) {
        static Signer generate() throws PGPException, IOException {
            Ed25519KeyPairGenerator keys = new Ed25519KeyPairGenerator();
            keys.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            PGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, keys.generateKeyPair(), new Date());
            PGPKeyRingGenerator ring = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair,
                    "Load <load@example.com>", new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), null, null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256), null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
                ring.generatePublicKeyRing().encode(armor);
            }
            return new Signer(pair, out.toString(StandardCharsets.US_ASCII));
        }

        String keyCertId() {
            return String.format(Locale.ROOT, "PGPKEY-%08X", pair.getKeyID() & 0xFFFFFFFFL);
        }

        String certifLines() {
            StringBuilder sb = new StringBuilder();
            Arrays.stream(armoredPublicKey.split("\r?\n")).forEach(line -> sb.append("certif: ").append(line).append('\n'));
            return sb.toString();
        }

        byte[] pgpMime(String id, String text) throws PGPException, IOException {
            String entity = "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text.replace("\n", "\r\n");
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256),
                    pair.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
            generator.update(entity.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream signature = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = new ArmoredOutputStream(signature)) {
                generator.generate().encode(new BCPGOutputStream(armor));
            }
            String mail = headers(id) + "Content-Type: multipart/signed; micalg=pgp-sha256;\r\n"
                    + " protocol=\"application/pgp-signature\"; boundary=\"sig\"\r\n\r\n"
                    + "--sig\r\n" + entity + "\r\n--sig\r\nContent-Type: application/pgp-signature\r\n\r\n"
                    + signature.toString(StandardCharsets.US_ASCII).replace("\n", "\r\n").replace("\r\r\n", "\r\n")
                    + "\r\n--sig--\r\n";
            return mail.getBytes(StandardCharsets.UTF_8);
        }
    }
}
