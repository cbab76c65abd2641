package net.whoisd.server.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.whoisd.server.outbox.OutgoingMail;

/**
 * The acknowledgements computed for spooled messages and not yet known to be sent, one file per
 * spool entry ({@code <spool name>.answer}), each fsynced before it is sent. A restart after a
 * crash sends the stored answer instead of handling the message again.
 */
final class StoredAnswers {
    private static final String SUFFIX = ".answer";

    private final Path dir;

    private StoredAnswers(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating) the directory; forgets answers of messages no longer in the spool, and partial writes. */
    static StoredAnswers open(Path dir, Set<String> pendingSpoolNames) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(SUFFIX) || !pendingSpoolNames.contains(name.substring(0, name.length() - SUFFIX.length()))) {
                    Files.deleteIfExists(file);
                }
            }
        }
        return new StoredAnswers(dir);
    }

    void store(String spoolName, OutgoingMail answer) throws IOException {
        Path target = dir.resolve(spoolName + SUFFIX);
        Path partial = dir.resolve(spoolName + SUFFIX + ".tmp");
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(encode(answer)));
            channel.force(true);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    Optional<OutgoingMail> load(String spoolName) throws IOException {
        try {
            return Optional.of(decode(Files.readAllBytes(dir.resolve(spoolName + SUFFIX))));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
    }

    void remove(String spoolName) throws IOException {
        Files.deleteIfExists(dir.resolve(spoolName + SUFFIX));
    }

    private static byte[] encode(OutgoingMail mail) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(mail.to().size());
        for (String to : mail.to()) {
            writeText(out, to);
        }
        writeText(out, mail.subject());
        writeText(out, mail.body());
        out.writeBoolean(mail.inReplyTo() != null);
        if (mail.inReplyTo() != null) {
            writeText(out, mail.inReplyTo());
        }
        out.writeInt(mail.headers().size());
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            writeText(out, h.getKey());
            writeText(out, h.getValue());
        }
        return bytes.toByteArray();
    }

    private static OutgoingMail decode(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        List<String> to = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            to.add(readText(in));
        }
        String subject = readText(in);
        String body = readText(in);
        String inReplyTo = in.readBoolean() ? readText(in) : null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            headers.put(readText(in), readText(in));
        }
        return new OutgoingMail(to, subject, body, inReplyTo, headers);
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] b = in.readNBytes(in.readInt());
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
