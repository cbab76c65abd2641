package net.whoisd.storage.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A small real file system (a tmpfs mounted for the test), to fill until writes fail. Needs root;
 * without it the test is skipped, except under CI (CI=true), where that is a failure: CI runs as root.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    public static TmpfsMount mount(Path dir, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int rc = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
        if (rc != 0) {
            String why = "cannot mount a tmpfs at " + dir + " (mount exited " + rc + "; the disk-full tests need root)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        return new TmpfsMount(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Writes a file until the file system refuses another byte, leaving {@code leaveBytes} free (roughly: tmpfs counts pages). */
    public Path fill(String name, long leaveBytes) throws IOException {
        Path filler = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer chunk = ByteBuffer.allocate(4096);
            while (dir.toFile().getUsableSpace() > leaveBytes) {
                chunk.clear();
                long room = dir.toFile().getUsableSpace() - leaveBytes;
                chunk.limit((int) Math.min(chunk.capacity(), Math.max(1, room)));
                try {
                    ch.write(chunk);
                } catch (IOException full) {
                    break;
                }
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
