package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.acl.PersonalDataAccount;
import net.whoisd.server.query.QueryClient;
import net.whoisd.server.query.QueryExecutor;
import net.whoisd.server.query.QueryParser;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query's abuse-contact line and the abuse report agree on what a valid contact is: fed the same
 * objects, a resource the report lists gets no mailbox in a query, and every other resource does.
 */
class AbuseContactAgreementTest {
    private static final String REGISTRY = "TEST-NCC-HM-MNT";

    @TempDir
    Path dir;

    private static String role(String nicHdl, String... attributes) {
        return "role: Contact " + nicHdl + "\n" + String.join("\n", attributes) + "\nnic-hdl: " + nicHdl
                + "\nmnt-by: LIR-MNT\nsource: TEST\n";
    }

    private static String inetnum(String range, String... attributes) {
        return "inetnum: " + range + "\nnetname: NET\ncountry: NL\n" + String.join("\n", attributes)
                + "\nstatus: ASSIGNED PA\nmnt-by: LIR-MNT\nsource: TEST\n";
    }

    @Test
    void theQueryLineAndTheReportUseOneDefinition() {
        List<String> objects = List.of(
                role("OK1-TEST", "address: Street 1", "phone: +31 20 1", "abuse-mailbox: abuse@ok.example"),
                role("NOPHONE1-TEST", "address: Street 1", "abuse-mailbox: abuse@nophone.example"),
                role("NOADDR1-TEST", "phone: +31 20 1", "abuse-mailbox: abuse@noaddr.example"),
                role("NOBOX1-TEST", "address: Street 1", "phone: +31 20 1", "e-mail: noc@nobox.example"),
                "person: Some One\naddress: Street 1\nphone: +31 20 1\nnic-hdl: PP1-TEST\nmnt-by: LIR-MNT\nsource: TEST\n",
                "organisation: ORG-OK1-TEST\norg-name: OK\norg-type: OTHER\naddress: Street 1\ne-mail: o@ok.example\n"
                        + "abuse-c: OK1-TEST\nmnt-by: LIR-MNT\nsource: TEST\n",
                inetnum("192.0.2.0 - 192.0.2.15", "abuse-c: OK1-TEST"),
                inetnum("192.0.2.16 - 192.0.2.31", "abuse-c: NOPHONE1-TEST"),
                inetnum("192.0.2.32 - 192.0.2.47", "abuse-c: NOADDR1-TEST"),
                inetnum("192.0.2.48 - 192.0.2.63", "abuse-c: NOBOX1-TEST"),
                inetnum("192.0.2.64 - 192.0.2.79", "abuse-c: PP1-TEST"),
                inetnum("192.0.2.80 - 192.0.2.95", "org: ORG-OK1-TEST"),
                inetnum("192.0.2.96 - 192.0.2.111", "admin-c: PP1-TEST"),
                "aut-num: AS64500\nas-name: OK\nabuse-c: OK1-TEST\nmnt-by: LIR-MNT\nsource: TEST\n",
                "aut-num: AS64501\nas-name: BROKEN\nabuse-c: NOPHONE1-TEST\nmnt-by: LIR-MNT\nsource: TEST\n");
        try (PersistentDatabase db = PersistentDatabase.open(dir.resolve("data"), "TEST")) {
            List<Change> load = new ArrayList<>();
            objects.forEach(o -> load.add(Change.create(RpslObject.parse(o))));
            db.commit(load);

            List<String> report = new AbuseReport(db, REGISTRY).lines();
            assertEquals("6 of 9 resources have no valid abuse contact", report.get(report.size() - 1), report.toString());

            QueryExecutor executor = new QueryExecutor(db, unlimited(), "test", "localhost", REGISTRY);
            Map<String, Boolean> queryShowsMailbox = new TreeMap<>();
            Map<String, Boolean> reportAccepts = new TreeMap<>();
            for (String key : List.of("192.0.2.0 - 192.0.2.15", "192.0.2.16 - 192.0.2.31", "192.0.2.32 - 192.0.2.47",
                    "192.0.2.48 - 192.0.2.63", "192.0.2.64 - 192.0.2.79", "192.0.2.80 - 192.0.2.95",
                    "192.0.2.96 - 192.0.2.111", "AS64500", "AS64501")) {
                String answer = executor.execute(new QueryParser().parse("-r " + key), new QueryClient("127.0.0.1", true, false)).text();
                assertTrue(answer.contains("Abuse contact for '" + key + "'") || answer.contains("No abuse contact registered for " + key), answer);
                queryShowsMailbox.put(key, answer.contains("% Abuse contact for '" + key + "' is '"));
                reportAccepts.put(key, report.stream().noneMatch(line -> line.contains("] " + key + ": ")));
            }
            assertEquals(reportAccepts, queryShowsMailbox);
            assertEquals(List.of("192.0.2.0 - 192.0.2.15", "192.0.2.80 - 192.0.2.95", "AS64500"),
                    queryShowsMailbox.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList());
        }
    }

    private static PersonalDataAccount unlimited() {
        return new PersonalDataAccount() {
            @Override
            public long remaining(String address) {
                return Long.MAX_VALUE;
            }

            @Override
            public void charge(String address, int count) {
            }
        };
    }
}
