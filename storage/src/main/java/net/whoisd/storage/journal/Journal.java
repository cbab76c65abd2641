package net.whoisd.storage.journal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.whoisd.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable truth: an append-only log of commits in segment files {@code <first serial>.log}.
 * Each record is framed as {@code magic, length, CRC32C, payload}; {@link #append} returns only after
 * the record is forced to disk. On open, a torn record at the end of the newest segment (a commit
 * that was being written when the process died, and so was never acknowledged) is cut off.
 * A damaged record anywhere else is acknowledged data lost, and opening fails loudly.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int MAGIC = 0x574A5231; // "WJR1"
    private static final int HEADER = 12;
    private static final String SUFFIX = ".log";

    private final Path dir;
    private FileChannel channel;
    private Path currentSegment;
    private long lastSerial;
    /** Where the last appended record starts in the current segment, and the serial before it: what {@link #retract} restores. */
    private long lastRecordStart = -1;
    private long serialBeforeLastRecord;
    // what monitoring reads; written under the journal's lock
    private volatile long fsyncs;
    private volatile long fsyncNanos;

    private Journal(Path dir) {
        this.dir = dir;
    }

    /** Opens (or creates) the journal in {@code dir}, repairing a torn tail. */
    public static Journal open(Path dir) {
        try {
            Files.createDirectories(dir);
            Journal journal = new Journal(dir);
            journal.recover();
            return journal;
        } catch (IOException e) {
            throw new StorageException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void recover() throws IOException {
        List<Path> segments = segments();
        lastSerial = 0;
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i);
            boolean newest = i == segments.size() - 1;
            long[] last = {Math.max(lastSerial, firstSerialOf(segment) - 1)};
            long good = scan(segment, r -> last[0] = r.lastSerial(), newest);
            lastSerial = last[0];
            if (newest && good < Files.size(segment)) {
                LOG.warn("journal {}: cutting off a torn record at byte {} (a commit that was never acknowledged)", segment.getFileName(), good);
                try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    ch.truncate(good);
                    ch.force(true);
                }
            }
        }
        if (segments.isEmpty()) {
            startSegment(1);
        } else {
            currentSegment = segments.get(segments.size() - 1);
            channel = FileChannel.open(currentSegment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
    }

    /** Records forced to disk by {@link #append} since the journal was opened. */
    public long fsyncs() {
        return fsyncs;
    }

    /** The time those forces took, in total. */
    public long fsyncNanos() {
        return fsyncNanos;
    }

    /** Serial of the last change in the journal (0 if none). */
    public synchronized long lastSerial() {
        return lastSerial;
    }

    /** Appends one commit and forces it to disk. Its first serial must follow {@link #lastSerial()}. */
    public synchronized void append(JournalRecord record) {
        if (record.firstSerial() != lastSerial + 1) {
            throw new StorageException("journal serial gap: expected " + (lastSerial + 1) + ", got " + record.firstSerial());
        }
        byte[] payload = record.encode();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
        buf.putInt(MAGIC).putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        long before = -1;
        try {
            before = channel.size();
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            long forcing = System.nanoTime();
            channel.force(false);
            fsyncNanos += System.nanoTime() - forcing;
            fsyncs++;
        } catch (IOException e) {
            truncateQuietly(before);
            throw new StorageException("journal write failed: " + e.getMessage(), e);
        }
        lastRecordStart = before;
        serialBeforeLastRecord = lastSerial;
        lastSerial = record.lastSerial();
    }

    /**
     * Takes back the record just appended, when the commit it belongs to could not be completed:
     * the record is cut off and the cut forced to disk, so the change is refused everywhere, a
     * restart included. Only the last record appended since the segment was opened can be taken back.
     */
    public synchronized void retract(JournalRecord record) {
        if (record.lastSerial() != lastSerial || lastRecordStart < 0) {
            throw new StorageException("journal: record " + record.firstSerial() + "-" + record.lastSerial()
                    + " is not the last one appended and cannot be taken back");
        }
        try {
            channel.truncate(lastRecordStart);
            channel.force(true);
        } catch (IOException e) {
            throw new StorageException("journal: could not take back record " + record.firstSerial() + ": " + e.getMessage(), e);
        }
        lastSerial = serialBeforeLastRecord;
        lastRecordStart = -1;
    }

    private void truncateQuietly(long size) {
        if (size < 0) {
            return;
        }
        try {
            channel.truncate(size);
        } catch (IOException e) {
            LOG.error("journal: could not remove a failed write", e);
        }
    }

    /** Starts a new segment (after a snapshot), so that old segments are no longer needed for recovery. */
    public synchronized void rotate() {
        try {
            if (Files.size(currentSegment) == 0) {
                return;
            }
            channel.close();
            startSegment(lastSerial + 1);
        } catch (IOException e) {
            throw new StorageException("journal rotation failed: " + e.getMessage(), e);
        }
    }

    private void startSegment(long firstSerial) throws IOException {
        lastRecordStart = -1;
        currentSegment = dir.resolve(String.format("%020d%s", firstSerial, SUFFIX));
        channel = FileChannel.open(currentSegment, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        channel.force(true);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the segment itself is synced
        }
    }

    /**
     * Visits every record holding a change after {@code afterSerial}, in order. Records wholly at or
     * before that serial are skipped.
     */
    public void replay(long afterSerial, Consumer<JournalRecord> visitor) {
        List<Path> segments;
        long upTo;
        synchronized (this) {
            segments = segments();
            upTo = lastSerial;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (i + 1 < segments.size() && firstSerialOf(segments.get(i + 1)) <= afterSerial + 1) {
                continue; // the next segment starts at or before what we need: this one is all older
            }
            try {
                scan(segments.get(i), r -> {
                    if (r.lastSerial() > afterSerial && r.lastSerial() <= upTo) {
                        visitor.accept(r);
                    }
                }, true);
            } catch (IOException e) {
                throw new StorageException("journal read failed: " + e.getMessage(), e);
            }
        }
    }

    /** The first serial the journal still holds (1 unless old segments were removed). */
    public synchronized long firstSerial() {
        List<Path> segments = segments();
        return segments.isEmpty() ? lastSerial + 1 : firstSerialOf(segments.get(0));
    }

    private static long firstSerialOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.log")).sorted().toList();
        } catch (IOException e) {
            throw new StorageException("cannot list journal " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads records until the end or the first bad one; returns the offset after the last good
     * record. A bad record is only tolerated at the end of the newest segment.
     */
    private static long scan(Path segment, Consumer<JournalRecord> visitor, boolean tolerateTornTail) throws IOException {
        long good = 0;
        long size = Files.size(segment);
        try (InputStream raw = Files.newInputStream(segment);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (good < size) {
                JournalRecord record;
                int length;
                try {
                    int magic = in.readInt();
                    length = in.readInt();
                    int crc = in.readInt();
                    if (magic != MAGIC || length <= 0 || length > size - good - HEADER) {
                        throw new IOException("bad record header");
                    }
                    byte[] payload = in.readNBytes(length);
                    if (payload.length != length) {
                        throw new EOFException();
                    }
                    CRC32C check = new CRC32C();
                    check.update(payload);
                    if ((int) check.getValue() != crc) {
                        throw new IOException("checksum mismatch");
                    }
                    record = JournalRecord.decode(new DataInputStream(new ByteArrayInputStream(payload)));
                } catch (IOException | RuntimeException e) {
                    if (tolerateTornTail) {
                        return good;
                    }
                    throw new StorageException("journal segment " + segment + " is damaged at byte " + good + ": " + e.getMessage());
                }
                visitor.accept(record);
                good += HEADER + length;
            }
        }
        return good;
    }

    /**
     * Makes the next serial {@code serial + 1} (a store loaded from a snapshot at {@code serial}
     * with an empty journal continues its numbering from there).
     */
    public synchronized void continueAfter(long serial) {
        if (serial <= lastSerial) {
            return;
        }
        try {
            channel.close();
            if (Files.size(currentSegment) == 0) {
                Files.delete(currentSegment);
            }
            startSegment(serial + 1);
            lastSerial = serial;
        } catch (IOException e) {
            throw new StorageException("journal: cannot continue after serial " + serial + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("journal close failed", e);
        }
    }
}
