package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.storage.disk.BulkImporter;
import net.whoisd.storage.disk.DumpExporter;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's state (closing marks, waiting list, transfer locks) survives export and import. */
class RegistryStateRoundTripTest {
    @Test
    void closingWaitlistAndLockTravelWithTheDump(@TempDir Path dir) throws Exception {
        IpRange closingSpace;
        Waitlist list;
        String lockedAllocation;
        try (RegistryFixture f = new RegistryFixture(dir)) {
            assertEquals(200, f.post("lir-closure/start", "mntner", "LIR4-MNT").status());
            closingSpace = Allocations.range(f.db.inverse("mnt-lower", "LIR4-MNT", Set.of(ObjectType.INETNUM)).get(0).object());
            assertEquals(200, f.post("waitlist/request", "org", "ORG-LIR1-TEST", "max", "/24", "min", "/24").status());
            assertEquals(200, f.post("waitlist/fulfil").status());
            assertEquals(200, f.post("waitlist/request", "org", "ORG-LIR2-TEST", "max", "/22", "min", "/24").status());
            WaitlistOperations ops = new WaitlistOperations(RegistryContext.of(f.db, f.config, f.clock));
            list = ops.current();
            assertEquals(1, list.requests().size());
            assertEquals(1, list.issued().size());
            lockedAllocation = list.issued().get(0).block().toString();
            DumpExporter.export(f.db, dir.resolve("dump"), false);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("dump"))) {
            s.filter(p -> p.toString().endsWith(".gz")).forEach(files::add);
        }
        BulkImporter.Summary summary = new BulkImporter(dir.resolve("imported"), "TEST", false, false, new BulkImporter.Listener() {
            @Override
            public void rejected(String file, int line, String reason) {
            }

            @Override
            public void progress(long objects, long bytesRead, long totalBytes, long elapsedMillis) {
            }
        }).importFiles(files);
        assertTrue(summary.loaded() > 0);
        try (PersistentDatabase imported = PersistentDatabase.open(dir.resolve("imported"), "TEST")) {
            RegistryContext ctx = new RegistryContext(imported, "TEST", "TEST-NCC-HM-MNT", "TEST-NCC-END-MNT", "x@y", java.time.Clock.systemUTC());
            assertEquals(list, new WaitlistOperations(ctx).current());
            assertEquals("LIR4-MNT", new ClosingLirs(ObjectLookup.of(imported)).closingAt(closingSpace).orElseThrow().mntner());
            assertTrue(RegistryMarks.transferLock(imported.get(ObjectType.INETNUM, lockedAllocation).orElseThrow().object()).isPresent());
        }
    }
}
