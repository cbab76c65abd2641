package net.whoisd.server.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable queue of received update mail: one file per message, in the layout of a maildir.
 *
 * <p>A message is written to {@code tmp/}, fsynced, atomically renamed into {@code new/} and the
 * directory fsynced; only then does {@link #store} return (and the SMTP listener answer 250). It
 * stays in {@code new/} until the worker has handled it, so a message survives a stop or a crash
 * at any point and is handled on the next start. Messages whose handling failed unexpectedly are
 * moved to {@code failed/} for the operator instead of being retried for ever.
 *
 * <p>Each stored file is the message exactly as received, preceded by a {@code Return-Path:}
 * header with the SMTP envelope sender (as a final delivery agent adds it) and, before that, by an
 * {@value #PEER_HEADER} header with the SMTP client's address. Only the file's first line is read
 * as that header ({@link #peer}), so a sender cannot supply it.
 */
public final class MailSpool {
    private static final Logger log = LoggerFactory.getLogger(MailSpool.class);
    private static final String SUFFIX = ".eml";
    static final String PEER_HEADER = "X-Whoisd-Peer";
    /** How much of a message {@link #senderKey} reads: the headers of any ordinary mail. */
    private static final int HEADER_PREFIX = 16 * 1024;

    private final Path tmp;
    private final Path incoming;
    private final Path failed;
    private final AtomicLong sequence = new AtomicLong();

    private MailSpool(Path dir) {
        this.tmp = dir.resolve("tmp");
        this.incoming = dir.resolve("new");
        this.failed = dir.resolve("failed");
    }

    /**
     * Opens (creating if needed) the spool in {@code dir}. Partial files left in {@code tmp/} by an
     * interrupted receipt were never acknowledged to the sender (who will retry) and are removed.
     */
    public static MailSpool open(Path dir) throws IOException {
        MailSpool spool = new MailSpool(dir);
        Files.createDirectories(spool.tmp);
        Files.createDirectories(spool.incoming);
        Files.createDirectories(spool.failed);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(spool.tmp)) {
            for (Path file : leftovers) {
                Files.deleteIfExists(file);
                log.info("mail spool: removed partial message {} from an interrupted receipt", file.getFileName());
            }
        }
        return spool;
    }

    /** Stores one message whose SMTP client is not known (see {@link #store(InputStream, String, String)}). */
    public SpoolEntry store(InputStream message, String envelopeSender) throws IOException {
        return store(message, envelopeSender, null);
    }

    /**
     * Stores one message durably. Whatever {@code message} throws (a size limit, a broken
     * connection) is passed on and nothing is left behind.
     *
     * @param envelopeSender the SMTP {@code MAIL FROM} address; empty for the null sender {@code <>}
     * @param peer           the SMTP client's IP address, or null if not known
     */
    public SpoolEntry store(InputStream message, String envelopeSender, String peer) throws IOException {
        String name = nextName();
        Path partial = tmp.resolve(name);
        boolean stored = false;
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            if (peer != null) {
                out.write((PEER_HEADER + ": " + peer.replaceAll("[^0-9A-Fa-f:.]", "") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            out.write(returnPath(envelopeSender));
            message.transferTo(out);
            out.flush();
            channel.force(true);
            Path target = incoming.resolve(name);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(incoming);
            stored = true;
            return new SpoolEntry(target, name);
        } finally {
            if (!stored) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Messages waiting to be handled, oldest first. */
    public List<SpoolEntry> pending() throws IOException {
        List<SpoolEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming, "*" + SUFFIX)) {
            for (Path file : files) {
                entries.add(new SpoolEntry(file, file.getFileName().toString()));
            }
        }
        entries.sort(null);
        return entries;
    }

    public byte[] read(SpoolEntry entry) throws IOException {
        return Files.readAllBytes(entry.file());
    }

    /**
     * Who sent a stored message, as the key under which the worker keeps that sender's messages in
     * order: the address of the {@code From:} header (lower case), else the envelope sender. Reads
     * only the start of the header section.
     */
    public String senderKey(SpoolEntry entry) throws IOException {
        byte[] head = new byte[HEADER_PREFIX];
        int length = 0;
        try (InputStream in = Files.newInputStream(entry.file())) {
            for (int n; length < head.length && (n = in.read(head, length, head.length - length)) > 0; ) {
                length += n;
            }
        }
        return senderKey(new String(head, 0, length, StandardCharsets.ISO_8859_1));
    }

    static String senderKey(String headerText) {
        String envelope = "";
        String from = null;
        String[] lines = headerText.split("\r?\n", -1);
        for (int i = 0; i < lines.length && !lines[i].isEmpty(); i++) {
            StringBuilder field = new StringBuilder(lines[i]);
            while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                    && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                field.append(' ').append(lines[++i].strip()); // a folded header continues here
            }
            String line = field.toString();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (name.equals("from") && from == null) {
                from = address(line.substring(colon + 1));
            } else if (name.equals("return-path") && envelope.isEmpty()) {
                envelope = address(line.substring(colon + 1));
            }
        }
        return from != null && !from.isEmpty() ? "from:" + from : "envelope:" + envelope;
    }

    /** The address in {@code Name <address>} or a bare address, lower case. */
    private static String address(String value) {
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        String address = open >= 0 && close > open ? value.substring(open + 1, close) : value;
        return address.strip().toLowerCase(Locale.ROOT);
    }

    /** The SMTP client's address the spool recorded in a stored message's first line, if any. */
    public static Optional<String> peer(byte[] stored) {
        String prefix = PEER_HEADER + ": ";
        int end = 0;
        while (end < stored.length && end < 128 && stored[end] != '\r' && stored[end] != '\n') {
            end++;
        }
        String first = new String(stored, 0, end, StandardCharsets.ISO_8859_1);
        return first.startsWith(prefix) && first.length() > prefix.length()
                ? Optional.of(first.substring(prefix.length()).strip()) : Optional.empty();
    }

    /** Forgets a handled message. */
    public void remove(SpoolEntry entry) throws IOException {
        Files.deleteIfExists(entry.file());
    }

    /**
     * Moves a message that could not be handled to {@code failed/}, where the operator can look at it:
     * a copy with its {@code password:} and {@code override:} values masked, since it is kept for days.
     */
    public Path quarantine(SpoolEntry entry) throws IOException {
        Path target = failed.resolve(entry.name());
        Path partial = tmp.resolve("failed-" + entry.name());
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(MaskedMessage.mask(Files.readAllBytes(entry.file()))));
            channel.force(true);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(failed);
        Files.delete(entry.file());
        return target;
    }

    /**
     * Deletes the messages that have lain in {@code failed/} longer than {@code maxAge}; returns how
     * many. They are kept for the operator to look at, not for ever.
     */
    public int expireFailed(Duration maxAge) throws IOException {
        Instant cutoff = Instant.now().minus(maxAge);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(failed, "*" + SUFFIX)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    deleted++;
                    log.info("mail spool: deleted {} from failed/ (older than {} days)", file.getFileName(),
                            maxAge.toDays());
                }
            }
        }
        return deleted;
    }

    /** When the message with this spool name was received (its name starts with the epoch milliseconds). */
    public static Optional<Instant> receivedAt(String spoolName) {
        int dash = spoolName.indexOf('-');
        try {
            return dash > 0 ? Optional.of(Instant.ofEpochMilli(Long.parseLong(spoolName.substring(0, dash))))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Names sort in arrival order: milliseconds, then a counter for messages of the same millisecond. */
    private String nextName() {
        return String.format("%015d-%09d%s", System.currentTimeMillis(), sequence.incrementAndGet(), SUFFIX);
    }

    private static byte[] returnPath(String envelopeSender) {
        String sender = envelopeSender == null ? "" : envelopeSender.replaceAll("[\\r\\n<>]", "");
        return ("Return-Path: <" + sender + ">\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Makes a rename durable (the new directory entry), as fsync of the file alone does not. */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
