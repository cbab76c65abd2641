package net.whoisd.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import net.whoisd.server.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Update work runs at the lowest thread priority (which the launcher turns into a high nice value)
 * so that whois queries do not wait for a CPU behind it: the update writer, the notification
 * sender, the store checkpoint and every thread of the HTTP listener, seen after a real update.
 */
class UpdateThreadPriorityTest {

    @Test
    void theThreadsThatCarryAnUpdateRunAtTheLowestPriority(@TempDir Path dir) throws Exception {
        try (SyncupdatesHarness server = new SyncupdatesHarness(dir)) {
            server.seedStandard();
            String ack = server.post(Fixtures.person("New Person", "NP1-TEST", "OWNER-MNT") + "password: owner-pw\n");
            assertTrue(ack.contains("Create SUCCEEDED"), ack);
            server.mails(); // the notification to OWNER-MNT's mnt-nfy has been sent

            Map<String, Integer> priorities = new TreeMap<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                priorities.put(t.getName(), t.getPriority());
            }
            int checked = 0;
            for (Map.Entry<String, Integer> e : priorities.entrySet()) {
                String name = e.getKey();
                if (name.equals("update-writer") || name.equals("update-notifications") || name.startsWith("store-checkpoint")
                        || name.startsWith("http-accept") || name.startsWith("http-io") || name.startsWith("http-handler")) {
                    assertEquals(Thread.MIN_PRIORITY, e.getValue(), name + " in " + priorities);
                    checked++;
                }
            }
            for (String expected : new String[] {"update-writer", "update-notifications", "store-checkpoint", "http-io", "http-handler"}) {
                assertTrue(priorities.keySet().stream().anyMatch(n -> n.startsWith(expected)), expected + " in " + priorities);
            }
            assertTrue(checked >= 5, priorities.toString());
        }
    }
}
