package net.whoisd.storage.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.journal.JournalRecord;

/**
 * A snapshot: every object key's state (id, current text, history) at one serial, in a file
 * {@code snapshots/<serial>.snap}. It is written to a temporary name, forced, and renamed, so a
 * snapshot file that exists is complete; each entry is checksummed all the same.
 */
public final class Snapshot {
    private static final int MAGIC = 0x57534E31; // "WSN1"
    private static final String SUFFIX = ".snap";

    /** What the snapshot file's header and trailer hold. */
    public record Header(long serial, long timeMillis, long nextId, String source) {
    }

    private Snapshot() {
    }

    /** The newest complete snapshot in the directory, if any. */
    public static Optional<Path> latest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.snap")).max(Path::compareTo);
        } catch (IOException e) {
            throw new StorageException("cannot list snapshots in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Streams entries into a new snapshot file; {@link #finish} makes it visible. */
    public static final class Writer implements AutoCloseable {
        private final Path dir;
        private final Path temp;
        private final Header header;
        private final DataOutputStream out;
        private final EntryBuffer buffer = new EntryBuffer();
        private final DataOutputStream entry = new DataOutputStream(buffer);
        private long count;
        private long nextId;
        private boolean finished;

        public Writer(Path dir, Header header) throws IOException {
            Files.createDirectories(dir);
            this.dir = dir;
            this.header = header;
            this.temp = dir.resolve(String.format("%020d%s.tmp", header.serial(), SUFFIX));
            OutputStream raw = Files.newOutputStream(temp);
            this.out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20));
            out.writeInt(MAGIC);
            out.writeLong(header.serial());
            out.writeLong(header.timeMillis());
            out.writeUTF(header.source());
            this.nextId = header.nextId();
        }

        /** The id the store gives its next object (written in the trailer, so it may be set last). */
        public void setNextId(long nextId) {
            this.nextId = nextId;
        }

        public void add(SnapshotEntry e) throws IOException {
            buffer.reset();
            entry.writeUTF(e.storeKey());
            entry.writeLong(e.id());
            entry.writeBoolean(e.text() != null);
            if (e.text() != null) {
                JournalRecord.writeText(entry, e.text());
            }
            entry.writeInt(e.history().length);
            entry.write(e.history());
            entry.flush();
            CRC32C crc = new CRC32C();
            buffer.update(crc);
            out.writeInt(buffer.size());
            out.writeInt((int) crc.getValue());
            buffer.writeTo(out);
            count++;
        }

        /** Writes the trailer, forces the file and renames it into place; returns its path. */
        public Path finish() throws IOException {
            out.writeInt(-1);
            out.writeLong(count);
            out.writeLong(nextId);
            out.flush();
            out.close();
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Path target = dir.resolve(String.format("%020d%s", header.serial(), SUFFIX));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                // directory sync is not supported everywhere; the file itself is forced
            }
            finished = true;
            return target;
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                out.close();
                Files.deleteIfExists(temp);
            }
        }
    }

    /** An entry's bytes, checksummed in place (without the copy {@code toByteArray} makes). */
    private static final class EntryBuffer extends ByteArrayOutputStream {
        EntryBuffer() {
            super(1024);
        }

        void update(CRC32C crc) {
            crc.update(buf, 0, count);
        }
    }

    /** Reads a snapshot: the header, then every entry in order. Throws if the file is damaged. */
    public static Header read(Path file, Consumer<SnapshotEntry> visitor) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC) {
                throw new StorageException("not a snapshot file: " + file);
            }
            long serial = in.readLong();
            long time = in.readLong();
            String source = in.readUTF();
            long count = 0;
            while (true) {
                int len = in.readInt();
                if (len == -1) {
                    long expected = in.readLong();
                    if (expected != count) {
                        throw new StorageException("snapshot " + file + " holds " + count + " entries, trailer says " + expected);
                    }
                    return new Header(serial, time, in.readLong(), source);
                }
                int crc = in.readInt();
                byte[] payload = in.readNBytes(len);
                CRC32C check = new CRC32C();
                check.update(payload);
                if (payload.length != len || (int) check.getValue() != crc) {
                    throw new StorageException("snapshot " + file + " is damaged at entry " + count);
                }
                DataInputStream e = new DataInputStream(new ByteArrayInputStream(payload));
                String key = e.readUTF();
                long id = e.readLong();
                String text = e.readBoolean() ? JournalRecord.readText(e) : null;
                byte[] history = e.readNBytes(e.readInt());
                visitor.accept(new SnapshotEntry(key, id, text, history));
                count++;
            }
        } catch (IOException e) {
            throw new StorageException("cannot read snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Snapshot files other than the newest (kept one generation; older ones may be removed). */
    public static List<Path> older(Path dir) {
        Optional<Path> newest = latest(dir);
        if (newest.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.equals(newest.get())).toList();
        } catch (IOException e) {
            throw new StorageException("cannot list snapshots in " + dir + ": " + e.getMessage(), e);
        }
    }
}
