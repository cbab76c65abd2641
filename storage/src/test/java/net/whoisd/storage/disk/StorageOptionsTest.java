package net.whoisd.storage.disk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.whoisd.storage.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuning is per database: two databases open side by side, each keeps to its own options. */
class StorageOptionsTest {
    @TempDir
    Path dir;

    @Test
    void eachDatabaseSnapshotsAfterItsOwnNumberOfChanges() throws Exception {
        StorageOptions defaults = StorageOptions.defaults();
        StorageOptions eager = new StorageOptions(Duration.ofMillis(20), defaults.checkpointChanges(), defaults.reserveBytes(),
                defaults.minFreeBytes(), defaults.openTimeout(), 100, 100, 100, 3, Duration.ZERO, 8, defaults.refresh());
        StorageOptions patient = new StorageOptions(Duration.ofMillis(20), defaults.checkpointChanges(), defaults.reserveBytes(),
                defaults.minFreeBytes(), defaults.openTimeout(), 100, 100, 100, 1_000, Duration.ZERO, 8, defaults.refresh());
        Path eagerDir = dir.resolve("eager");
        Path patientDir = dir.resolve("patient");
        try (PersistentDatabase a = PersistentDatabase.open(eagerDir, "TEST", eager);
             PersistentDatabase b = PersistentDatabase.open(patientDir, "TEST", patient)) {
            for (int i = 0; i < 3; i++) {
                for (PersistentDatabase db : List.of(a, b)) {
                    db.commit(List.of(Change.create(Objects.person("Person " + i, "P" + i + "-TEST", "M-MNT"))));
                }
            }
            Path snapshot = eagerDir.resolve("snapshots").resolve(String.format("%020d.snap", 3));
            for (int i = 0; i < 600 && !Files.exists(snapshot); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(snapshot), "3 changes make a snapshot due with snapshotChanges 3");
            Thread.sleep(200); // ten more checkpoint rounds of the other database
            assertFalse(Files.exists(patientDir.resolve("snapshots").resolve(String.format("%020d.snap", 3))),
                    "the other database keeps its own count");
        }
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        StorageOptions d = StorageOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> new StorageOptions(d.checkpointInterval(), d.checkpointChanges(),
                d.reserveBytes(), d.minFreeBytes(), d.openTimeout(), 0, d.cacheKeys(), d.cacheSearches(), d.snapshotChanges(),
                d.snapshotInterval(), d.indexBulkRamMb(), d.refresh()));
        assertThrows(IllegalArgumentException.class, () -> d.withSnapshotInterval(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withDiskRoom(-1, 0));
    }
}
