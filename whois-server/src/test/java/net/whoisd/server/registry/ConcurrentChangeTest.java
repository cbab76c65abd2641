package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.storage.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A maintainer's update that lands while an operation is being planned is never overwritten. */
class ConcurrentChangeTest {
    @Test
    void anObjectChangedDuringPlanningRefusesTheOperation(@TempDir Path dir) throws Exception {
        try (RegistryFixture f = new RegistryFixture(dir)) {
            RegistryService service = new RegistryService(RegistryContext.of(f.db, f.config, f.clock),
                    new MailSender("robot@localhost", null, null), f.writer);
            RpslObject allocation = f.db.inverse("mnt-lower", "LIR3-MNT", Set.of(ObjectType.INETNUM)).get(0).object();
            RpslObject theirs = allocation.with("descr", "edited by someone else");
            RegistryRefusal refused = assertThrows(RegistryRefusal.class, () -> service.run(() -> {
                RegistryPlan plan = service.closure().start("LIR3-MNT");
                f.db.commit(List.of(Change.modify(theirs)));
                return plan;
            }, false, "test"));
            assertEquals(409, refused.status());
            assertTrue(refused.getMessage().contains("was changed while the operation was being planned"), refused.getMessage());
            RpslObject stored = f.object(ObjectType.INETNUM, allocation.classValue());
            assertEquals(theirs.toText(), stored.toText(), "the concurrent change is kept");
            assertTrue(RegistryMarks.closing(stored).isEmpty(), "the operation wrote nothing");
        }
    }
}
