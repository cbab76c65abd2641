package net.whoisd.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import net.whoisd.server.ForwardingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics and /health on the HTTP port of a started server, read over real sockets. */
class MetricsEndpointTest {
    private static final String NEW_PERSON = "person:         Served Person\ne-mail:         s@example.net\n"
            + "nic-hdl:        SP1-TEST\nmnt-by:         OWNER-MNT\nsource:         TEST\n\n";

    @TempDir
    Path dir;

    @Test
    void queriesUpdatesAndCommitsMoveTheirCountersByExactlyWhatHappened() throws Exception {
        try (MonitoredServer s = MonitoredServer.start(dir, new Properties())) {
            Map<String, Double> before = s.scrape();

            assertTrue(s.query("-r AP1-TEST").contains("nic-hdl:        AP1-TEST"));
            assertTrue(s.query("-r NOSUCH-TEST").contains("%ERROR:101"));
            assertTrue(s.query("-r -i mnt-by OWNER-MNT").contains("mntner:         OWNER-MNT"));
            assertTrue(s.query("193.0.0.1").contains("%ERROR:101"));
            s.query("--list-versions AP1-TEST");
            s.query("help");
            assertTrue(s.query("-z AP1-TEST").contains("%ERROR:"));
            MonitoredServer.Response ok = s.syncupdate(NEW_PERSON + "password: owner-pw\n");
            assertTrue(ok.body().contains("Create SUCCEEDED: [person] SP1-TEST"), ok.body());
            MonitoredServer.Response failed = s.syncupdate(NEW_PERSON.replace("SP1", "SP2") + "password: wrong\n");
            assertTrue(failed.body().contains("Create FAILED: [person] SP2-TEST"), failed.body());

            Map<String, Double> after = s.scrape();
            assertMoved(before, after, "whoisd_queries_total{kind=\"lookup\",result=\"ok\"}", 1);
            assertMoved(before, after, "whoisd_queries_total{kind=\"lookup\",result=\"not-found\"}", 1);
            assertMoved(before, after, "whoisd_queries_total{kind=\"lookup\",result=\"error\"}", 1);
            assertMoved(before, after, "whoisd_queries_total{kind=\"inverse\",result=\"ok\"}", 1);
            assertMoved(before, after, "whoisd_queries_total{kind=\"range\",result=\"not-found\"}", 1);
            assertMoved(before, after, "whoisd_queries_total{kind=\"version\",result=\"ok\"}", 1);
            assertMoved(before, after, "whoisd_queries_total{kind=\"other\",result=\"ok\"}", 1);
            assertMoved(before, after, "whoisd_query_duration_seconds_count", 7);
            assertMoved(before, after, "whoisd_query_duration_seconds_bucket{le=\"+Inf\"}", 7);
            assertMoved(before, after, "whoisd_updates_total{door=\"syncupdates\",result=\"succeeded\"}", 1);
            assertMoved(before, after, "whoisd_updates_total{door=\"syncupdates\",result=\"failed\"}", 1);
            assertMoved(before, after, "whoisd_updates_total{door=\"mail\",result=\"succeeded\"}", 0);
            assertMoved(before, after, "whoisd_commit_duration_seconds_count", 1);
            assertMoved(before, after, "whoisd_commit_failures_total", 0);
            assertMoved(before, after, "whoisd_journal_serial", 1);
            assertEquals(0.0, after.get("whoisd_writes_refused"));
            assertEquals(0.0, after.get("whoisd_mail_spool_depth"));
            assertTrue(after.get("whoisd_open_connections{listener=\"http\"}") >= 1, "the scrape's own connection");
            assertTrue(after.containsKey("whoisd_open_connections{listener=\"whois\"}"), after.toString());
            assertTrue(after.containsKey("whoisd_open_connections{listener=\"smtp\"}"), after.toString());
        }
    }

    @Test
    void deniedAddressesAndConnectionsOverTheLimitAreCountedAsAclBlocks() throws Exception {
        Properties p = new Properties();
        p.setProperty("acl.denied", "127.0.0.2");
        p.setProperty("acl.connections-per-ip", "1");
        try (MonitoredServer s = MonitoredServer.start(dir, p)) {
            Map<String, Double> before = s.scrape();
            assertTrue(s.query("127.0.0.2", "AP1-TEST").contains("%ERROR:201"));
            try (Socket held = s.whoisConnection("127.0.0.3")) {
                assertTrue(s.query("127.0.0.3", "AP1-TEST").contains("%ERROR:306"));
            }
            Map<String, Double> after = s.scrape();
            assertMoved(before, after, "whoisd_acl_blocks_total{reason=\"denied\"}", 1);
            assertMoved(before, after, "whoisd_acl_blocks_total{reason=\"connection-limit\"}", 1);
            assertMoved(before, after, "whoisd_acl_blocks_total{reason=\"personal-data-limit\"}", 0);
            assertMoved(before, after, "whoisd_query_duration_seconds_count", 0);
        }
    }

    @Test
    void aQueryOverThePersonalDataAllowanceIsDeniedAndCountedAsAnAclBlock() throws Exception {
        Properties p = new Properties();
        p.setProperty("acl.personal-objects-per-day", "1");
        try (MonitoredServer s = MonitoredServer.start(dir, p)) {
            Map<String, Double> before = s.scrape();
            assertTrue(s.query("-r AP1-TEST").contains("nic-hdl:        AP1-TEST"));
            assertTrue(s.query("-r AP1-TEST").contains("%ERROR:201"));
            Map<String, Double> after = s.scrape();
            assertMoved(before, after, "whoisd_queries_total{kind=\"lookup\",result=\"ok\"}", 1);
            assertMoved(before, after, "whoisd_queries_total{kind=\"lookup\",result=\"denied\"}", 1);
            assertMoved(before, after, "whoisd_acl_blocks_total{reason=\"personal-data-limit\"}", 1);
        }
    }

    @Test
    void healthIsReadyWhenTheStoreIsOpenWritesAreTakenAndEveryListenerRuns() throws Exception {
        try (MonitoredServer s = MonitoredServer.start(dir, new Properties())) {
            MonitoredServer.Response r = s.get("127.0.0.1", "/health");
            assertEquals(200, r.status(), r.body());
            assertEquals("ready\n", r.body());
        }
    }

    @Test
    void healthIsUnavailableWithTheReasonWhileWritesAreRefused() throws Exception {
        try (MonitoredServer s = MonitoredServer.start(dir, new Properties(), db -> new ForwardingDatabase(db) {
            @Override
            public Optional<String> writesRefused() {
                return Optional.of("the disk is full (12 MB free, 64 MB reserved)");
            }
        })) {
            MonitoredServer.Response r = s.get("127.0.0.1", "/health");
            assertEquals(503, r.status(), r.body());
            assertEquals("writes refused: the disk is full (12 MB free, 64 MB reserved)\n", r.body());
            assertEquals(1.0, s.scrape().get("whoisd_writes_refused"));
        }
    }

    @Test
    void onlyTrustedAddressesMayReadMetricsAndHealthWhenLoopbackIsNotAllowed() throws Exception {
        Properties p = new Properties();
        p.setProperty("monitoring.loopback", "denied");
        p.setProperty("acl.trusted", "127.0.0.5/32, 10.0.0.0/8");
        try (MonitoredServer s = MonitoredServer.start(dir, p)) {
            assertEquals(403, s.get("127.0.0.1", "/metrics").status());
            assertEquals(403, s.get("127.0.0.1", "/health").status());
            assertEquals(403, s.get("127.0.0.6", "/metrics").status());
            MonitoredServer.Response trusted = s.get("127.0.0.5", "/metrics");
            assertEquals(200, trusted.status(), trusted.body());
            assertTrue(trusted.body().contains("whoisd_queries_total"), trusted.body());
            assertEquals(200, s.get("127.0.0.5", "/health").status());
        }
    }

    @Test
    void loopbackMayReadMetricsByDefaultButOtherUntrustedAddressesMayNot() throws Exception {
        try (MonitoredServer s = MonitoredServer.start(dir, new Properties())) {
            assertEquals(200, s.get("127.0.0.1", "/metrics").status());
            assertEquals(200, s.get("127.0.0.1", "/health").status());
        }
    }

    private static void assertMoved(Map<String, Double> before, Map<String, Double> after, String series, double by) {
        assertTrue(after.containsKey(series), series + " missing from " + after.keySet());
        assertEquals(by, after.get(series) - before.getOrDefault(series, 0.0), series);
    }
}
