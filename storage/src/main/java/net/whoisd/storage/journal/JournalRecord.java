package net.whoisd.storage.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.whoisd.storage.Operation;

/**
 * One acknowledged commit: its changes carry the serials {@code firstSerial .. lastSerial()}.
 * A commit is one record, so that a torn write loses the whole commit and never half of it.
 */
public record JournalRecord(long firstSerial, long timeMillis, List<JournalChange> changes) {

    public JournalRecord {
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a journal record needs at least one change");
        }
    }

    public long lastSerial() {
        return firstSerial + changes.size() - 1;
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * changes.size());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(firstSerial);
            out.writeLong(timeMillis);
            out.writeInt(changes.size());
            for (JournalChange c : changes) {
                out.writeByte(c.operation().ordinal());
                out.writeLong(c.id());
                writeText(out, c.text());
            }
            writeTags(out);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JournalRecord decode(DataInputStream in) throws IOException {
        long first = in.readLong();
        long time = in.readLong();
        int n = in.readInt();
        if (n <= 0) {
            throw new IOException("journal record with " + n + " changes");
        }
        List<JournalChange> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Operation op = Operation.values()[in.readUnsignedByte()];
            long id = in.readLong();
            changes.add(new JournalChange(op, id, readText(in)));
        }
        readTags(in, changes);
        return new JournalRecord(first, time, changes);
    }

    /**
     * The changes' tags follow the changes, and only in a record that has any: an untagged record
     * is written exactly as before tags existed, and a record written before then reads as untagged.
     */
    private void writeTags(DataOutputStream out) throws IOException {
        int tagged = (int) changes.stream().filter(c -> c.tag() != null).count();
        if (tagged == 0) {
            return;
        }
        out.writeInt(tagged);
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).tag() != null) {
                out.writeInt(i);
                writeText(out, changes.get(i).tag());
            }
        }
    }

    private static void readTags(DataInputStream in, List<JournalChange> changes) throws IOException {
        if (in.available() == 0) {
            return;
        }
        int tagged = in.readInt();
        for (int i = 0; i < tagged; i++) {
            int index = in.readInt();
            if (index < 0 || index >= changes.size()) {
                throw new IOException("tag for change " + index + " of " + changes.size());
            }
            JournalChange c = changes.get(index);
            changes.set(index, new JournalChange(c.operation(), c.id(), c.text(), readText(in)));
        }
    }

    /** Length-prefixed UTF-8 (DataOutput.writeUTF stops at 64 KiB). */
    public static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readText(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            throw new IOException("negative text length");
        }
        byte[] b = in.readNBytes(len);
        if (b.length != len) {
            throw new IOException("text cut short");
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
