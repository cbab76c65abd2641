package net.whoisd.storage.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.whoisd.storage.Operation;
import net.whoisd.storage.journal.JournalRecord;

/** Binary form of an object's version list (the history map's values and snapshot entries). */
public final class Versions {
    private Versions() {
    }

    public static byte[] encode(List<Version> versions) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 16 * versions.size());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(versions.size());
            for (Version v : versions) {
                out.writeByte(v.operation().ordinal());
                out.writeLong(v.serial());
                out.writeLong(v.timeMillis());
                out.writeBoolean(v.text() != null);
                if (v.text() != null) {
                    JournalRecord.writeText(out, v.text());
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Version> decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int n = in.readInt();
            List<Version> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Operation op = Operation.values()[in.readUnsignedByte()];
                long serial = in.readLong();
                long time = in.readLong();
                String text = in.readBoolean() ? JournalRecord.readText(in) : null;
                out.add(new Version(op, serial, time, text));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
