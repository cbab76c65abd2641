package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.ForwardingDatabase;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.WhoisDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure halfway through an operation's commit changes nothing: in front of the real database
 * sits a fault injector that appends one change the store must reject (a modify of an object that
 * does not exist) after all of the operation's valid changes.
 */
class AtomicityHttpTest {

    /** Delegates to the real database; its commits carry one more, failing, change at the end. */
    private static final class FailingLastChange extends ForwardingDatabase {
        FailingLastChange(WhoisDatabase real) {
            super(real);
        }

        @Override
        public CommitResult commit(List<Change> changes, Runnable precondition) {
            List<Change> poisoned = new ArrayList<>(changes);
            poisoned.add(Change.modify(RpslObject.parse("person: Nobody\nnic-hdl: NOBODY1-TEST\nsource: TEST\n")));
            return real.commit(poisoned, precondition);
        }
    }

    @Test
    void everyOperationIsAllOrNothing(@TempDir Path dir) throws Exception {
        try (RegistryFixture f = new RegistryFixture(dir, FailingLastChange::new)) {
            // the closure must be started for real first: mark LIR2's allocations directly
            List<Change> marks = new ArrayList<>();
            f.db.inverse("mnt-lower", "LIR2-MNT", Set.of(ObjectType.INETNUM, ObjectType.INET6NUM)).forEach(s -> marks.add(
                    Change.modify(LirClosure.withRemark(s.object(), RegistryMarks.closingRemark("LIR2-MNT", f.clock.instant())))));
            f.db.commit(marks);
            Map<String, String> before = f.snapshot();
            long serial = f.db.currentSerial();
            String assignment = f.db.inverse("mnt-by", "LIR2-MNT", Set.of(ObjectType.INETNUM)).get(0).object().classValue();

            List<RegistryFixture.Reply> replies = List.of(
                    f.post("lir-closure/start", "mntner", "LIR4-MNT"),
                    f.post("lir-closure/complete", "mntner", "LIR2-MNT", "keep", assignment),
                    f.post("takeover", "from", "LIR5-MNT", "to", "LIR6-MNT"),
                    f.post("waitlist/request", "org", "ORG-LIR1-TEST", "max", "/22", "min", "/24"));
            for (RegistryFixture.Reply r : replies) {
                assertEquals(500, r.status(), r.body());
                assertTrue(r.body().contains("Nothing was changed."), r.body());
            }
            assertEquals(serial, f.db.currentSerial());
            assertEquals(before, f.snapshot());
        }
    }
}
