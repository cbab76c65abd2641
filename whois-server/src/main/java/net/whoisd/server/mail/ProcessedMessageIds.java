package net.whoisd.server.mail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashSet;
import java.util.Set;

/**
 * The Message-IDs of mail already handled, so that a message delivered twice (an MTA retry after a
 * lost 250, a second MX, a pipe alias and an SMTP route both in use) is applied once.
 *
 * <p>Durable: one line per id appended to a file, fsynced at most {@link #SYNC_INTERVAL_NANOS} after it
 * was written and on {@link #close}; an fsync per message would cost as much as the database
 * commit itself, and what a lost id risks (after a crash of the operating system, not of the
 * server) is one message applied a second time, which for most updates is a no-op. Bounded:
 * only the newest {@code capacity} ids are kept; the file is rewritten (temp file, fsync, atomic
 * rename) when it holds twice that many lines.
 *
 * <p>Thread-safe: the mail workers handle several messages at once, and {@link #claim} makes sure
 * two copies of one message handled at the same moment are still applied once.
 */
public final class ProcessedMessageIds implements AutoCloseable {
    private final Path file;
    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();
    /** Ids being handled right now (claimed, neither recorded nor released yet). */
    private final Set<String> claimed = new HashSet<>();
    private FileChannel log;
    private int linesInFile;
    private boolean unsynced;
    private long syncedAt = System.nanoTime();
    private static final long SYNC_INTERVAL_NANOS = 1_000_000_000L;

    private ProcessedMessageIds(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
    }

    /** Opens (or creates) the record in {@code file}, keeping at most {@code capacity} ids. */
    public static ProcessedMessageIds open(Path file, int capacity) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ProcessedMessageIds record = new ProcessedMessageIds(file, capacity);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            // A torn last line from a crash is harmless: it is an id nobody will send again.
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    record.remember(line.strip());
                    record.linesInFile++;
                }
            }
        }
        record.log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (record.log.size() > 0 && !endsWithNewline(file)) {
            record.log.write(ByteBuffer.wrap(new byte[] {'\n'})); // so the next id does not extend a torn line
        }
        return record;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, in.size() - 1);
            return last.get(0) == '\n';
        }
    }

    public synchronized boolean contains(String messageId) {
        return ids.contains(clean(messageId));
    }

    public synchronized int size() {
        return ids.size();
    }

    /**
     * Takes a message in hand: false if it was handled before; if another thread holds the same
     * id, waits until that one has recorded it (then false) or released it (then this one takes it).
     * A true answer must be followed by {@link #add} or {@link #release}.
     */
    public synchronized boolean claim(String messageId) throws InterruptedException {
        String id = clean(messageId);
        while (claimed.contains(id)) {
            wait();
        }
        if (ids.contains(id)) {
            return false;
        }
        claimed.add(id);
        return true;
    }

    /** Gives up a claim without recording the message (its handling failed; a later copy may be handled). */
    public synchronized void release(String messageId) {
        if (claimed.remove(clean(messageId))) {
            notifyAll();
        }
    }

    /** Records a handled message (on disk at once, fsynced within a second), ending a claim on it. */
    public synchronized void add(String messageId) throws IOException {
        String id = clean(messageId);
        if (claimed.remove(id)) {
            notifyAll();
        }
        if (!ids.contains(id)) {
            remember(id);
            ByteBuffer line = ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                log.write(line);
            }
            unsynced = true;
            linesInFile++;
        }
        if (unsynced && System.nanoTime() - syncedAt >= SYNC_INTERVAL_NANOS) {
            sync();
        }
        if (linesInFile > 2 * capacity) {
            compact();
        }
    }

    /** Makes every id recorded so far durable. */
    public synchronized void sync() throws IOException {
        if (unsynced) {
            log.force(false);
            unsynced = false;
        }
        syncedAt = System.nanoTime();
    }

    private void remember(String id) {
        ids.remove(id);
        ids.add(id);
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        List<String> lines = new ArrayList<>(ids);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer data = ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            while (data.hasRemaining()) {
                out.write(data);
            }
            out.force(true);
        }
        log.close();
        unsynced = false;
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        linesInFile = lines.size();
    }

    /** Ids are compared without angle brackets and surrounding space; line breaks cannot be stored. */
    private static String clean(String messageId) {
        String id = messageId.strip().replaceAll("[\\r\\n]", "");
        if (id.startsWith("<") && id.endsWith(">") && id.length() > 2) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id;
    }

    @Override
    public synchronized void close() throws IOException {
        sync();
        log.close();
    }
}
