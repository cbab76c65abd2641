package net.whoisd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.sample.SampleData;
import net.whoisd.server.cli.WhoisdMain;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.disk.TestStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's policies reach every update through the server as configured: a closing LIR makes
 * no assignments, resources must lead to an abuse contact, block-sized reverse delegations list the
 * registry's secondary. Driven over real HTTP against the sample database.
 */
class RegistryPoliciesInUpdatesTest {
    private static final String SECONDARY = "ns.test-ncc.example";

    @TempDir
    Path dir;
    private Path config;
    private WhoisServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        config = dir.resolve("whoisd.properties");
        Files.writeString(config, "http.port = " + port + "\nwhois.port = 0\nsmtp.port = 0\nnrtm.port = 0\n"
                + "override.users = hostmaster:" + BCrypt.withDefaults().hashToString(4, "pw".toCharArray()) + "\n"
                + "registry.reverse-secondary = " + SECONDARY + "\n"
                + "mail.outbox = " + dir.resolve("outbox") + "\n");
        PersistentDatabase db = TestStorage.open(dir.resolve("data"), "TEST");
        List<Change> load = new ArrayList<>();
        for (ParsedObject p : RpslLexer.parseAll(SampleData.text())) {
            load.add(Change.create(p.object()));
        }
        db.commit(load);
        server = new WhoisServer(ServerConfig.load(config), db).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String post(String message) throws Exception {
        String body = "DATA=" + URLEncoder.encode(message, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/syncupdates"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body().replaceAll("\\s+", " ");
    }

    private static String assignment(String range) {
        return "inetnum: " + range + "\nnetname: DE-EXAMPLENET-CUSTOMER\ncountry: DE\nadmin-c: LH1-TEST\n"
                + "tech-c: ENN1-TEST\nstatus: ASSIGNED PA\nmnt-by: LIR1-MNT\nsource: TEST\npassword: lir1-secret\n";
    }

    @Test
    void resourcesWithoutAnAbuseContactAreRefusedByDefault() throws Exception {
        String ok = post(assignment("193.0.8.0 - 193.0.8.255"));
        assertTrue(ok.contains("Create SUCCEEDED: [inetnum] 193.0.8.0 - 193.0.8.255"), ok);

        String role = post("role: Example Networks Desk\naddress: Friedrichstrasse 123\ne-mail: desk@lir1.example\n"
                + "abuse-mailbox: desk@lir1.example\nadmin-c: LH1-TEST\ntech-c: ENN1-TEST\nnic-hdl: END1-TEST\n"
                + "mnt-by: LIR1-MNT\nsource: TEST\npassword: lir1-secret\n");
        assertTrue(role.contains("Create SUCCEEDED: [role] END1-TEST"), role);

        String refused = post(assignment("193.0.9.0 - 193.0.9.255").replace("status:", "abuse-c: END1-TEST\nstatus:"));
        assertTrue(refused.contains("Create FAILED: [inetnum] 193.0.9.0 - 193.0.9.255"), refused);
        assertTrue(refused.contains("No valid abuse contact"), refused);
        assertTrue(refused.contains("role END1-TEST has no phone"), refused);
    }

    private static final String ABUSE_ROLE = "role: Example Networks Abuse\naddress: Friedrichstrasse 123\naddress: 10117 Berlin\n"
            + "phone: +31 20 535 4402\ne-mail: abuse@lir1.example\nabuse-mailbox: abuse@lir1.example\norg: ORG-EN1-TEST\n"
            + "admin-c: LH1-TEST\ntech-c: ENN1-TEST\nnic-hdl: ENA1-TEST\nmnt-by: LIR1-MNT\nsource: TEST\npassword: lir1-secret\n";

    @Test
    void aRoleResourcesRelyOnKeepsWhatMakesItAnAbuseContact() throws Exception {
        String withoutMailbox = post(ABUSE_ROLE.replace("abuse-mailbox: abuse@lir1.example\n", ""));
        assertTrue(withoutMailbox.contains("Modify FAILED: [role] ENA1-TEST"), withoutMailbox);
        assertTrue(withoutMailbox.contains("This change would leave"), withoutMailbox);
        assertTrue(withoutMailbox.contains("resource(s) without a valid abuse contact"), withoutMailbox);
        assertTrue(withoutMailbox.contains("[inetnum] 193.0.0.0 - 193.0.15.255"), withoutMailbox);

        String withoutPhone = post(ABUSE_ROLE.replace("phone: +31 20 535 4402\n", ""));
        assertTrue(withoutPhone.contains("Modify FAILED: [role] ENA1-TEST"), withoutPhone);

        String otherMailbox = post(ABUSE_ROLE.replace("abuse-mailbox: abuse@lir1.example", "abuse-mailbox: abuse-desk@lir1.example"));
        assertTrue(otherMailbox.contains("Modify SUCCEEDED: [role] ENA1-TEST"), otherMailbox);

        String deleted = post(ABUSE_ROLE.replace("abuse-mailbox: abuse@lir1.example", "abuse-mailbox: abuse-desk@lir1.example")
                .replace("password:", "delete: no longer needed\npassword:"));
        assertTrue(deleted.contains("Delete FAILED: [role] ENA1-TEST"), deleted);
        assertTrue(deleted.contains("This change would leave"), deleted);
        assertTrue(deleted.contains("[inetnum] 193.0.0.0 - 193.0.15.255"), deleted);
    }

    @Test
    void anOrganisationResourcesRelyOnKeepsItsAbuseC() throws Exception {
        String org = "organisation: ORG-TNCC1-TEST\norg-name: TEST Network Coordination Centre\norg-type: RIR\n"
                + "address: Stationsplein 11\naddress: 1012 AB Amsterdam\naddress: Netherlands\ncountry: NL\n"
                + "phone: +31 20 555 0100\ne-mail: info@test-ncc.example\nadmin-c: AR1-TEST\ntech-c: TNH1-TEST\n"
                + "abuse-c: TNA1-TEST\nmnt-ref: TEST-NCC-HM-MNT\nmnt-by: TEST-NCC-HM-MNT\nsource: TEST\npassword: hm-secret\n";
        String withoutAbuseC = post(org.replace("abuse-c: TNA1-TEST\n", ""));
        assertTrue(withoutAbuseC.contains("Modify FAILED: [organisation] ORG-TNCC1-TEST"), withoutAbuseC);
        assertTrue(withoutAbuseC.contains("This change would leave 2 resource(s) without a valid abuse contact"), withoutAbuseC);
        assertTrue(withoutAbuseC.contains("[inetnum] 193.0.0.0 - 193.15.255.255"), withoutAbuseC);
        assertTrue(withoutAbuseC.contains("[inet6num] 2001:600::/23"), withoutAbuseC);

        String otherValidRole = post(org.replace("abuse-c: TNA1-TEST", "abuse-c: ENA1-TEST"));
        assertTrue(otherValidRole.contains("Modify SUCCEEDED: [organisation] ORG-TNCC1-TEST"), otherValidRole);
    }

    @Test
    void aClosingLirMakesNoFurtherAssignments() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = WhoisdMain.run("lir-closure", "start", "--mntner", "LIR1-MNT", "--config", config.toString(),
                    "--override", "hostmaster:pw");
        } finally {
            System.setOut(out);
        }
        assertEquals(0, exit, captured.toString(StandardCharsets.UTF_8));

        String refused = post(assignment("193.0.8.0 - 193.0.8.255"));
        assertTrue(refused.contains("Create FAILED: [inetnum] 193.0.8.0 - 193.0.8.255"), refused);
        assertTrue(refused.contains("The LIR LIR1-MNT is closing"), refused);

        String otherLir = post("inetnum: 193.2.8.0 - 193.2.8.255\nnetname: SE-NORDIC-CUSTOMER\ncountry: SE\n"
                + "admin-c: EL1-TEST\ntech-c: EL1-TEST\nstatus: ASSIGNED PA\nmnt-by: LIR2-MNT\nsource: TEST\n"
                + "password: lir2-secret\n");
        assertTrue(otherLir.contains("Create SUCCEEDED: [inetnum] 193.2.8.0 - 193.2.8.255"), otherLir);
    }

    @Test
    void blockReverseDelegationsMustListTheRegistrySecondary() throws Exception {
        String zone = "domain: 8.193.in-addr.arpa\nadmin-c: AR1-TEST\ntech-c: AR1-TEST\nzone-c: AR1-TEST\n"
                + "nserver: ns1.test-ncc.example\nnserver: ns2.test-ncc.example\nmnt-by: TEST-NCC-HM-MNT\nsource: TEST\n"
                + "password: hm-secret\n";
        String refused = post(zone);
        assertTrue(refused.contains("Create FAILED: [domain] 8.193.in-addr.arpa"), refused);
        assertTrue(refused.contains("must also list the registry's secondary " + SECONDARY), refused);

        String ok = post(zone.replace("nserver: ns2.test-ncc.example\n", "nserver: ns2.test-ncc.example\nnserver: " + SECONDARY + "\n"));
        assertTrue(ok.contains("Create SUCCEEDED: [domain] 8.193.in-addr.arpa"), ok);
    }

    @Test
    void theRegistrySecondaryDoesNotCountAsOneOfTheTwoNameServers() throws Exception {
        String zone = "domain: 8.193.in-addr.arpa\nadmin-c: AR1-TEST\ntech-c: AR1-TEST\nzone-c: AR1-TEST\n"
                + "nserver: " + SECONDARY + "\nnserver: ns1.test-ncc.example\nmnt-by: TEST-NCC-HM-MNT\nsource: TEST\n"
                + "password: hm-secret\n";
        String refused = post(zone);
        assertTrue(refused.contains("Create FAILED: [domain] 8.193.in-addr.arpa"), refused);
        assertTrue(refused.contains("needs at least 2 name servers besides the registry's secondary " + SECONDARY
                + "; 8.193.in-addr.arpa lists 1 besides it"), refused);

        String ok = post(zone.replace("nserver: ns1.test-ncc.example\n", "nserver: ns1.test-ncc.example\nnserver: ns2.test-ncc.example\n"));
        assertTrue(ok.contains("Create SUCCEEDED: [domain] 8.193.in-addr.arpa"), ok);
    }
}
