package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.whoisd.storage.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code showingCommit()} tells a network thread that a read would now wait for a commit. */
class ShowingCommitTest {
    @TempDir
    Path dir;

    @Test
    void trueOnlyWhileACommitIsShown() throws Exception {
        try (PersistentDatabase db = PersistentDatabase.open(dir, "TEST")) {
            assertFalse(db.showingCommit(), "nothing to wait for in an idle database");
            db.commit(List.of(Change.create(Objects.person("John Smith", "JS1-TEST", "TEST-MNT"))));
            assertFalse(db.showingCommit(), "a commit that has returned is shown");
            AtomicBoolean seen = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int version = 1; version <= 3000 && !seen.get(); version++) {
                    db.commit(List.of(Change.modify(Objects.with(Objects.person("John Smith", "JS1-TEST", "TEST-MNT"),
                            "remarks", "version " + version))));
                }
            });
            writer.start();
            while (writer.isAlive() && !seen.get()) {
                if (db.showingCommit()) {
                    seen.set(true);
                }
            }
            writer.join();
            assertTrue(seen.get(), "some moment of a commit's showing was observed");
            assertFalse(db.showingCommit(), "and it ends with the commit");
        }
    }
}
