package net.whoisd.storage.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Space held back on the data directory's file system so that the database can always finish
 * what it started. Commits are refused while the free space beside the reserve is below
 * {@code minFreeBytes}; if a write fails all the same (another process filled the disk), the
 * reserve file is deleted, which gives the store, the index and the journal the room to roll the
 * failed commit back and replay the journal. Writes resume once the reserve can be laid again with
 * {@code minFreeBytes} to spare.
 *
 * <p>The file is written with real blocks, not left sparse: a sparse file reserves nothing.
 */
public final class DiskReserve {
    static final String FILE = "reserve.space";
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final long reserveBytes;
    private final long minFreeBytes;

    public DiskReserve(Path dataDir, long reserveBytes, long minFreeBytes) {
        this.file = dataDir.resolve(FILE);
        this.reserveBytes = reserveBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /** Bytes the file system lets this process write in the data directory. */
    public long usableBytes() {
        return file.getParent().toFile().getUsableSpace();
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Whether the free space (the reserve aside) is enough for a commit. */
    public boolean enoughFree() {
        return usableBytes() >= minFreeBytes;
    }

    /** Whether the reserve is laid (always true when no reserve is configured). */
    public boolean held() {
        try {
            return reserveBytes == 0 || Files.exists(file) && Files.size(file) >= reserveBytes;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Lays the reserve if it is missing and the file system has room for it plus the minimum free
     * space. Returns whether the reserve is held and the free space suffices afterwards.
     */
    public boolean ensure() {
        if (held()) {
            return enoughFree();
        }
        if (usableBytes() < reserveBytes + minFreeBytes) {
            return false;
        }
        Path partial = file.resolveSibling(FILE + ".new");
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer zeros = ByteBuffer.allocate(CHUNK);
            for (long written = 0; written < reserveBytes; ) {
                zeros.clear().limit((int) Math.min(CHUNK, reserveBytes - written));
                written += ch.write(zeros);
            }
            ch.force(true);
        } catch (IOException e) {
            deleteQuietly(partial);
            return false;
        }
        try {
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(partial);
            return false;
        }
        return enoughFree();
    }

    /** Gives the reserve's space back to the file system (after a write failed for want of space). */
    public void release() {
        deleteQuietly(file);
        deleteQuietly(file.resolveSibling(FILE + ".new"));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more to free
        }
    }
}
