package net.whoisd.server.mail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.whoisd.storage.Change;
import net.whoisd.storage.TaggedChange;
import net.whoisd.storage.WhoisDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which spooled messages the database has already applied. Each mail's changes are committed with
 * the tag {@code mail:<spool name>} in the same journal record as the changes themselves, so after
 * a crash the journal tells, for every message still in the spool, whether it was applied (and
 * what it changed) — then it is answered, not applied again.
 *
 * <p>Only the journal after a low-water serial is read: the serial of a moment when no mail was
 * in hand, kept in {@code mail-spool/answered-serial} (every mail committed before it has left the
 * spool).
 */
final class MailCommits {
    private static final Logger log = LoggerFactory.getLogger(MailCommits.class);
    private static final String TAG_PREFIX = "mail:";
    /** The low-water mark is written at most this often (each write is an fsync). */
    private static final long MARK_INTERVAL_NANOS = 60_000_000_000L;

    private final WhoisDatabase database;
    private final Path markFile;
    /** Changes of messages committed by an earlier run and still in the spool, by spool name. */
    private final Map<String, List<Change>> recovered;
    private long markedSerial;
    private long markedAt = System.nanoTime() - MARK_INTERVAL_NANOS;

    private MailCommits(WhoisDatabase database, Path markFile, Map<String, List<Change>> recovered, long markedSerial) {
        this.database = database;
        this.markFile = markFile;
        this.recovered = new ConcurrentHashMap<>(recovered);
        this.markedSerial = markedSerial;
    }

    static String tag(String spoolName) {
        return TAG_PREFIX + spoolName;
    }

    /** Finds, among the messages {@code pending} in the spool, those an earlier run applied but never answered. */
    static MailCommits open(WhoisDatabase database, Path markFile, Set<String> pending) throws IOException {
        long mark = readMark(markFile);
        Map<String, List<Change>> recovered = new HashMap<>();
        if (!pending.isEmpty()) {
            for (TaggedChange c : database.taggedChanges(mark)) {
                if (c.tag().startsWith(TAG_PREFIX)) {
                    String spoolName = c.tag().substring(TAG_PREFIX.length());
                    if (pending.contains(spoolName)) {
                        recovered.computeIfAbsent(spoolName, k -> new ArrayList<>()).add(c.change());
                    }
                }
            }
            if (!recovered.isEmpty()) {
                log.info("mail spool: {} message(s) were applied before the last stop but not answered; they are"
                        + " answered now, not applied again: {}", recovered.size(), recovered.keySet());
            }
        }
        return new MailCommits(database, markFile, recovered, mark);
    }

    /** The changes an earlier run committed for this message, if it did. */
    Optional<List<Change>> committedBefore(String spoolName) {
        return Optional.ofNullable(recovered.get(spoolName));
    }

    /** The message has been handled (answered, dropped or quarantined): its changes no longer need remembering. */
    void forget(String spoolName) {
        recovered.remove(spoolName);
    }

    /**
     * Called when no mail is in hand (so no mail commit is under way): every mail committed up to
     * the current serial has been answered, and a later start need not read the journal before it.
     */
    synchronized void noMailInHand() throws IOException {
        long serial = database.currentSerial();
        if (serial == markedSerial || !recovered.isEmpty() || System.nanoTime() - markedAt < MARK_INTERVAL_NANOS) {
            return;
        }
        Path partial = markFile.resolveSibling(markFile.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap((serial + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        Files.move(partial, markFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        markedSerial = serial;
        markedAt = System.nanoTime();
    }

    private static long readMark(Path markFile) throws IOException {
        if (!Files.exists(markFile)) {
            return 0;
        }
        String text = Files.readString(markFile, StandardCharsets.US_ASCII).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            log.warn("mail spool: {} holds '{}', not a serial; reading the whole journal", markFile, text);
            return 0;
        }
    }
}
