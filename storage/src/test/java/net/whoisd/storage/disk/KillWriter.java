package net.whoisd.storage.disk;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;

/**
 * The writer process of {@link KillRecoveryTest}: commits transactions in a loop until killed.
 * Transaction n creates three persons {@code Kn-1-TEST .. Kn-3-TEST}, deletes those of transaction
 * n-5 and sets the counter mntner's {@code descr} to n; it prints {@code ACK n} once commit returns.
 */
public final class KillWriter {
    private KillWriter() {
    }

    /**
     * Arguments: data directory, optionally the number of commits after which to exit normally, and
     * optionally {@code halt} to stop after them without closing the database (as a kill would).
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long limit = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE; // a bounded run warms a class-data archive
        PrintStream out = System.out;
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            long n = db.get(ObjectType.MNTNER, "COUNTER-MNT").map(o -> Long.parseLong(o.object().value("descr"))).orElse(0L);
            out.println("OPEN " + n);
            out.flush();
            for (long done = 0; done < limit; done++) {
                n++;
                db.commit(transaction(db, n));
                out.println("ACK " + n);
                out.flush();
            }
            if (args.length > 2 && args[2].equals("halt")) {
                Runtime.getRuntime().halt(0);
            }
        }
    }

    static List<Change> transaction(PersistentDatabase db, long n) {
        List<Change> changes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            changes.add(Change.create(Objects.person("Kill Test " + n, nic(n, i), "KILL-MNT")));
        }
        if (n > 5) {
            for (int i = 1; i <= 3; i++) {
                changes.add(Change.delete(Objects.person("Kill Test " + (n - 5), nic(n - 5, i), "KILL-MNT")));
            }
        }
        RpslObject counter = counter(n);
        changes.add(n == 1 ? Change.create(counter) : Change.modify(counter));
        return changes;
    }

    static RpslObject counter(long n) {
        return Objects.mntner("COUNTER-MNT", "K1-1-TEST").with("descr", Long.toString(n));
    }

    static String nic(long n, int i) {
        return "K" + n + "-" + i + "-TEST";
    }
}
