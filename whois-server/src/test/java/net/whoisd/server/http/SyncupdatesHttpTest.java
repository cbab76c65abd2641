package net.whoisd.server.http;

import static net.whoisd.server.Fixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.Fixtures;
import net.whoisd.server.update.ParserSyntaxChecks;
import net.whoisd.server.update.UpdateEngine;
import net.whoisd.server.update.UpdateOrigin;
import net.whoisd.server.update.UpdateRequest;
import net.whoisd.server.update.UpdateResponse;
import net.whoisd.server.update.UpdateSettings;
import net.whoisd.server.update.VerifiedSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syncupdates over real HTTP against a real database: the authorisation matrix and the message format. */
class SyncupdatesHttpTest {
    @TempDir
    Path dir;
    SyncupdatesHarness server;

    @BeforeEach
    void start() throws Exception {
        server = new SyncupdatesHarness(dir);
        server.seedStandard();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Acknowledgement lines wrap at 80 columns: compare with white space collapsed. */
    static void assertContains(String ack, String expected) {
        assertTrue(ack.replaceAll("\\s+", " ").contains(expected.replaceAll("\\s+", " ")), ack);
    }

    private static String newPerson(String nicHdl) {
        return person("New Person", nicHdl, "OWNER-MNT");
    }

    @Test
    void createWithTheRightPasswordSucceedsAndSetsGeneratedAttributes() throws Exception {
        String ack = server.post(newPerson("NP1-TEST") + "\npassword: owner-pw\n");
        assertContains(ack, "Create SUCCEEDED: [person] NP1-TEST   New Person");
        assertContains(ack, "Number of objects processed successfully:  1");
        assertContains(ack, "- From-Host: 127.0.0.1");
        assertContains(ack, "Handled sync update (TEST, ");
        assertFalse(ack.contains("owner-pw"), "the password is never echoed");
        RpslObject stored = server.stored(ObjectType.PERSON, "NP1-TEST");
        assertNotNull(stored);
        assertTrue(stored.value("created").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), stored.toText());
        assertEquals(stored.value("created"), stored.value("last-modified"));
    }

    @Test
    void undecodableFormDataIsRefusedWith400AndNeverEchoed() throws Exception {
        String body = "DATA=person%3A+Bad+Escape%0Anic-hdl%3A+BE1-TEST%0Apassword%3A+owner-pw%zz";
        HttpResponse<String> posted = server.client.send(HttpRequest.newBuilder(server.uri("/syncupdates"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, posted.statusCode(), posted.body());
        assertTrue(posted.body().contains("could not be decoded"), posted.body());
        assertFalse(posted.body().contains("owner-pw") || posted.body().contains("Bad"), posted.body());

        String queried = rawGet("/syncupdates?" + body); // java.net.URI refuses to send such a query
        assertTrue(queried.startsWith("HTTP/1.1 400"), queried);
        assertFalse(queried.contains("owner-pw"), queried);
        assertNull(server.stored(ObjectType.PERSON, "BE1-TEST"));
    }

    private String rawGet(String pathAndQuery) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port)) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void anIndentedPasswordLineIsNoCredentialAndIsNeitherEchoedNorStored() throws Exception {
        String ack = server.post(newPerson("IP1-TEST").replace("address:", "  password: indented-secret\naddress:")
                + "\npassword: owner-pw\n");
        assertContains(ack, "Create SUCCEEDED: [person] IP1-TEST");
        assertContains(ack, "A password: or override: line that is indented or continued with + was removed unused");
        assertFalse(ack.contains("indented-secret"), ack);
        assertFalse(server.stored(ObjectType.PERSON, "IP1-TEST").toText().contains("indented-secret"));

        String alone = server.post(newPerson("IP2-TEST").replace("address:", "  password: owner-pw\naddress:"));
        assertContains(alone, "Create FAILED: [person] IP2-TEST");
        assertFalse(alone.contains("owner-pw"), alone);

        String continued = server.post(newPerson("IP3-TEST").replace("address:", "+password: plus-secret\naddress:")
                + "\npassword: owner-pw\n");
        assertContains(continued, "Create SUCCEEDED: [person] IP3-TEST");
        assertFalse(continued.contains("plus-secret"), continued);
        assertFalse(server.stored(ObjectType.PERSON, "IP3-TEST").toText().contains("plus-secret"));
    }

    @Test
    void wrongPasswordFailsAndStoresNothing() throws Exception {
        String ack = server.post(newPerson("NP1-TEST") + "\npassword: wrong\n");
        assertContains(ack, "Create FAILED: [person] NP1-TEST   New Person");
        assertContains(ack, "***Error:   Authorisation for [person] NP1-TEST failed");
        assertContains(ack, "not authenticated by: OWNER-MNT");
        assertNull(server.stored(ObjectType.PERSON, "NP1-TEST"));
    }

    @Test
    void missingOrAnotherMaintainersPasswordFails() throws Exception {
        assertTrue(server.post(newPerson("NP1-TEST")).contains("Create FAILED: [person] NP1-TEST"));
        String ack = server.post(newPerson("NP1-TEST") + "password: other-pw\n");
        assertContains(ack, "Create FAILED: [person] NP1-TEST");
        assertNull(server.stored(ObjectType.PERSON, "NP1-TEST"));
    }

    @Test
    void modifyAndDeleteAreAuthorisedByTheStoredMaintainer() throws Exception {
        server.post(newPerson("NP1-TEST") + "password: owner-pw\n");
        String changed = newPerson("NP1-TEST").replace("Street 1", "Street 2");
        String refused = server.post(changed.replace("OWNER-MNT", "OTHER-MNT") + "password: other-pw\n");
        assertContains(refused, "Modify FAILED: [person] NP1-TEST");
        assertContains(refused, "not authenticated by: OWNER-MNT");
        String modified = server.post(changed + "password: owner-pw\n");
        assertContains(modified, "Modify SUCCEEDED: [person] NP1-TEST");
        RpslObject stored = server.stored(ObjectType.PERSON, "NP1-TEST");
        assertEquals("Street 2", stored.value("address"));
        String deleteWrong = server.post(changed + "delete: not mine\npassword: other-pw\n");
        assertContains(deleteWrong, "Delete FAILED: [person] NP1-TEST");
        String deleted = server.post(changed + "delete: no longer needed\npassword: owner-pw\n");
        assertContains(deleted, "Delete SUCCEEDED: [person] NP1-TEST");
        assertNull(server.stored(ObjectType.PERSON, "NP1-TEST"));
    }

    @Test
    void identicalObjectIsANoOperation() throws Exception {
        server.post(newPerson("NP1-TEST") + "password: owner-pw\n");
        long serial = server.db.currentSerial();
        String ack = server.post(newPerson("NP1-TEST") + "password: owner-pw\n");
        assertContains(ack, "No operation: [person] NP1-TEST");
        assertContains(ack, "***Warning: Submitted object identical to database object");
        assertContains(ack, "  No Operation:   1");
        assertEquals(serial, server.db.currentSerial(), "nothing was written");
    }

    @Test
    void dryRunChecksEverythingAndChangesNothing() throws Exception {
        long serial = server.db.currentSerial();
        String ack = server.post("dry-run: yes\n" + newPerson("NP1-TEST") + "password: owner-pw\n");
        assertContains(ack, "Create SUCCEEDED: [person] NP1-TEST");
        assertContains(ack, "***Info:    Dry-run performed, no changes to the database have been made");
        assertNull(server.stored(ObjectType.PERSON, "NP1-TEST"));
        assertEquals(serial, server.db.currentSerial());
        String failing = server.post("dry-run:\n" + newPerson("NP1-TEST") + "password: wrong\n");
        assertContains(failing, "Create FAILED: [person] NP1-TEST");
        assertTrue(server.mails().isEmpty(), "no notifications for a dry run");
    }

    @Test
    void assignmentNeedsTheParentsMntLower() throws Exception {
        String assignment = """
                inetnum:        10.1.2.0 - 10.1.2.255
                netname:        CUSTOMER
                country:        NL
                admin-c:        AP1-TEST
                tech-c:         AP1-TEST
                status:         ASSIGNED PA
                mnt-by:         OWNER-MNT
                source:         TEST
                """;
        String refused = server.post(assignment + "password: owner-pw\n");
        assertContains(refused, "Create FAILED: [inetnum] 10.1.2.0 - 10.1.2.255");
        assertContains(refused, "Authorisation for parent [inetnum] 10.1.0.0 - 10.1.255.255 failed");
        assertContains(refused, "using \"mnt-lower:\"");
        assertContains(refused, "not authenticated by: LIR-MNT");
        String lirOnly = server.post(assignment + "password: lir-pw\n");
        assertTrue(lirOnly.contains("Create FAILED"), "the object's own mnt-by must agree too");
        String ok = server.post(assignment + "password: owner-pw\npassword: lir-pw\n");
        assertContains(ok, "Create SUCCEEDED: [inetnum] 10.1.2.0 - 10.1.2.255");
    }

    @Test
    void reverseDomainNeedsMntDomainsAndTwoNameServers() throws Exception {
        String domain = """
                domain:         2.1.10.in-addr.arpa
                admin-c:        AP1-TEST
                tech-c:         AP1-TEST
                zone-c:         AP1-TEST
                nserver:        ns1.example.net
                nserver:        ns2.example.net
                mnt-by:         OWNER-MNT
                source:         TEST
                """;
        String refused = server.post(domain + "password: owner-pw\npassword: lir-pw\n");
        assertContains(refused, "Create FAILED: [domain] 2.1.10.in-addr.arpa");
        assertContains(refused, "using \"mnt-domains:\"");
        assertContains(refused, "not authenticated by: DOMAINS-MNT");
        String oneServer = server.post(domain.replace("nserver:        ns2.example.net\n", "")
                + "password: owner-pw\npassword: domains-pw\n");
        assertContains(oneServer, "a reverse delegation needs at least 2 name servers");
        String outside = server.post(domain.replace("2.1.10.in-addr", "2.0.192.in-addr")
                + "password: owner-pw\npassword: domains-pw\n");
        assertContains(outside, "is not inside address space registered in this database");
        String ok = server.post(domain + "password: owner-pw\npassword: domains-pw\n");
        assertContains(ok, "Create SUCCEEDED: [domain] 2.1.10.in-addr.arpa");
    }

    @Test
    void routeNeedsMntRoutesOfTheAddressSpace() throws Exception {
        server.seed("""
                aut-num:        AS64500
                as-name:        EXAMPLE
                admin-c:        AP1-TEST
                tech-c:         AP1-TEST
                mnt-by:         OWNER-MNT
                source:         TEST
                """);
        String route = """
                route:          10.1.4.0/24
                origin:         AS64500
                mnt-by:         OWNER-MNT
                source:         TEST
                """;
        String refused = server.post(route + "password: owner-pw\npassword: lir-pw\n");
        assertContains(refused, "Create FAILED: [route] 10.1.4.0/24AS64500");
        assertContains(refused, "using \"mnt-routes:\"");
        assertContains(refused, "not authenticated by: ROUTES-MNT");
        String ok = server.post(route + "password: owner-pw\npassword: routes-pw\n");
        assertContains(ok, "Create SUCCEEDED: [route] 10.1.4.0/24AS64500");
    }

    @Test
    void referencingAProtectedOrganisationNeedsItsMntRef() throws Exception {
        String withOrg = newPerson("NP1-TEST").replace("mnt-by:", "org:            ORG-EO1-TEST\nmnt-by:");
        String refused = server.post(withOrg + "password: owner-pw\n");
        assertContains(refused, "Authorisation for [organisation] ORG-EO1-TEST failed");
        assertContains(refused, "using \"mnt-ref:\"");
        String ok = server.post(withOrg + "password: owner-pw\npassword: ref-pw\n");
        assertContains(ok, "Create SUCCEEDED: [person] NP1-TEST");
        String modify = server.post(withOrg.replace("Street 1", "Street 9") + "password: owner-pw\n");
        assertTrue(modify.contains("Modify SUCCEEDED"), "an existing reference needs no new consent: " + modify);
    }

    @Test
    void overrideSkipsAuthorisation() throws Exception {
        String ack = server.post(newPerson("NP1-TEST") + "override: " + SyncupdatesHarness.OVERRIDE_USER + ","
                + SyncupdatesHarness.OVERRIDE_PASSWORD + ",ticket 42\n");
        assertContains(ack, "Create SUCCEEDED: [person] NP1-TEST");
        assertContains(ack, "***Info:    Authorisation override used");
        String wrong = server.post(newPerson("NP2-TEST") + "override: dbm,guess\n");
        assertContains(wrong, "Create FAILED: [person] NP2-TEST");
        assertContains(wrong, "Override authentication failed");
    }

    @Test
    void referencesMustExistAndReferencedObjectsCannotBeDeleted() throws Exception {
        String dangling = newPerson("NP1-TEST").replace("OWNER-MNT", "NOSUCH-MNT");
        String ack = server.post(dangling + "password: owner-pw\n");
        assertContains(ack, "***Error:   Unknown object referenced NOSUCH-MNT");
        String ownerPerson = person("Admin Person", "AP1-TEST", "OWNER-MNT");
        String referenced = server.post(ownerPerson + "delete: cleanup\npassword: owner-pw\n");
        assertContains(referenced, "Delete FAILED: [person] AP1-TEST");
        assertContains(referenced, "is referenced from other objects");
        assertNotNull(server.stored(ObjectType.PERSON, "AP1-TEST"));
        String missing = server.post(newPerson("NP9-TEST") + "delete: gone\npassword: owner-pw\n");
        assertContains(missing, "does not exist in the database");
    }

    @Test
    void rangesMayNestButNotOverlapAndStatusesMustFit() throws Exception {
        String base = """
                inetnum:        %s
                netname:        NET
                country:        NL
                admin-c:        AP1-TEST
                tech-c:         AP1-TEST
                status:         %s
                mnt-by:         OWNER-MNT
                source:         TEST
                password:       owner-pw
                password:       lir-pw
                password:       hm-pw
                """;
        assertTrue(server.post(base.formatted("10.1.8.0 - 10.1.8.255", "ASSIGNED PA")).contains("Create SUCCEEDED"));
        String overlap = server.post(base.formatted("10.1.8.128 - 10.1.9.127", "ASSIGNED PA"));
        assertContains(overlap, "overlaps with 10.1.8.0 - 10.1.8.255");
        String wrongParent = server.post(base.formatted("10.2.0.0 - 10.2.0.255", "ASSIGNED PA"));
        assertContains(wrongParent, "cannot be created with status: ASSIGNED PA under parent 10.0.0.0 - 10.255.255.255"
                + " with status: ALLOCATED UNSPECIFIED");
        String allocation = base.formatted("10.3.0.0 - 10.3.255.255", "ALLOCATED PA").replace("password:       hm-pw\n", "");
        String notRegistry = server.post(allocation);
        assertContains(notRegistry, "Status ALLOCATED PA can only be set by the registry (TEST-NCC-HM-MNT)");
        assertTrue(server.post(allocation + "password: hm-pw\n").contains("Create SUCCEEDED: [inetnum] 10.3.0.0 - 10.3.255.255"));
    }

    @Test
    void lirOrganisationsOnlyByTheRegistry() throws Exception {
        String org = """
                organisation:   AUTO-1
                org-name:       New Lir
                org-type:       LIR
                address:        Street 1
                e-mail:         lir@example.net
                mnt-ref:        OWNER-MNT
                mnt-by:         OWNER-MNT
                source:         TEST
                """;
        String refused = server.post(org + "password: owner-pw\n");
        assertContains(refused, "org-type LIR can only be created by the registry");
        String ok = server.post(org + "password: owner-pw\npassword: hm-pw\n");
        assertContains(ok, "Create SUCCEEDED: [organisation] ORG-NL1-TEST");
    }

    @Test
    void newMaintainerAndItsPersonAreCreatedTogether() throws Exception {
        String message = """
                person:         Jane Doe
                address:        Street 1
                e-mail:         jane@example.net
                nic-hdl:        AUTO-1
                mnt-by:         JANE-MNT
                source:         TEST

                mntner:         JANE-MNT
                admin-c:        AUTO-1
                upd-to:         jane@example.net
                auth:           %s
                mnt-by:         JANE-MNT
                source:         TEST

                password: jane-pw
                """.formatted(Fixtures.hash("jane-pw"));
        String ack = server.post(message);
        assertContains(ack, "Create SUCCEEDED: [person] JD1-TEST   Jane Doe");
        assertContains(ack, "Create SUCCEEDED: [mntner] JANE-MNT");
        assertEquals("JD1-TEST", server.stored(ObjectType.MNTNER, "JANE-MNT").value("admin-c"));
        assertFalse(ack.contains("$2b$"), "hashes are never echoed");
        String wrong = server.post(message.replace("AUTO-1", "AUTO-2").replace("JANE-MNT", "JOHN-MNT")
                .replace("password: jane-pw", "password: nope"));
        assertContains(wrong, "Create FAILED: [mntner] JOHN-MNT");
        assertNull(server.stored(ObjectType.MNTNER, "JOHN-MNT"), "the group is all or nothing");
        String storedPair = server.stored(ObjectType.PERSON, "JD1-TEST").toText() + "delete: done\n\n"
                + server.stored(ObjectType.MNTNER, "JANE-MNT").toText() + "delete: done\n\npassword: jane-pw\n";
        String alone = server.post(storedPair.substring(0, storedPair.indexOf("\n\n")) + "\npassword: jane-pw\n");
        assertContains(alone, "Delete FAILED: [person] JD1-TEST");
        assertContains(alone, "is referenced from other objects: [mntner] JANE-MNT");
        String together = server.post(storedPair);
        assertContains(together, "Delete SUCCEEDED: [person] JD1-TEST");
        assertContains(together, "Delete SUCCEEDED: [mntner] JANE-MNT");
        assertNull(server.stored(ObjectType.MNTNER, "JANE-MNT"));
    }

    @Test
    void generatedAttributesAndForeignSourceAndNonObjects() throws Exception {
        String given = newPerson("NP1-TEST").replace("source:", "created:        2001-01-01T00:00:00Z\nsource:");
        String ack = server.post(given + "password: owner-pw\n\nthis is not an object\n\nfoo: bar\n");
        assertContains(ack, "***Warning: Supplied attribute 'created' has been replaced with a generated value");
        assertFalse(server.stored(ObjectType.PERSON, "NP1-TEST").value("created").startsWith("2001"));
        assertContains(ack, "The following paragraph(s) do not look like objects");
        assertContains(ack, "this is not an object");
        assertContains(ack, "\"foo\" is not a known object class");
        String foreign = server.post(newPerson("NP2-TEST").replace("source:         TEST", "source:         RIPE")
                + "password: owner-pw\n");
        assertContains(foreign, "Create FAILED: [person] NP2-TEST");
        assertContains(foreign, "unrecognized source: RIPE");
        String syntax = server.post(newPerson("NP3-TEST").replace("e-mail:         np3-test@example.net\n", "")
                + "password: owner-pw\n");
        assertContains(syntax, "mandatory attribute \"e-mail\" is missing");
    }

    @Test
    void notificationsGoToMntNfyOnSuccessAndUpdToOnAuthorisationFailure() throws Exception {
        server.post(newPerson("NP1-TEST").replace("source:", "notify:         watcher@example.net\nsource:")
                + "password: owner-pw\n");
        server.post(newPerson("NP2-TEST") + "password: wrong\n");
        List<String> mails = server.mails();
        assertTrue(mails.stream().anyMatch(m -> m.contains("owner-nfy@example.net") && m.contains("OBJECT BELOW CREATED")
                && m.contains("NP1-TEST")), String.join("\n====\n", mails));
        assertTrue(mails.stream().anyMatch(m -> m.contains("watcher@example.net") && m.contains("NP1-TEST")));
        assertTrue(mails.stream().anyMatch(m -> m.contains("owner-mnt-updto@example.net") && m.contains("CREATE REQUESTED FOR")
                && m.contains("NP2-TEST")), String.join("\n====\n", mails));
        assertTrue(mails.stream().noneMatch(m -> m.contains("$2b$")), "hashes never leave the server");
    }

    @Test
    void formVariantsHelpNewAndBadRequests() throws Exception {
        String data = newPerson("NP1-TEST") + "password: owner-pw\n";
        String boundary = "----whoisdtest";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"DATA\"\r\n\r\n" + data + "\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> viaMultipart = server.client.send(HttpRequest.newBuilder(server.uri("/whois/syncupdates/test"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaMultipart.statusCode());
        assertTrue(viaMultipart.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        assertTrue(viaMultipart.body().contains("Create SUCCEEDED: [person] NP1-TEST"), viaMultipart.body());
        String query = java.net.URLEncoder.encode(newPerson("NP2-TEST") + "password: owner-pw\n", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> viaGet = server.client.send(HttpRequest.newBuilder(server.uri("/syncupdates?DATA=" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(viaGet.body().contains("Create SUCCEEDED: [person] NP2-TEST"), viaGet.body());
        HttpResponse<String> help = server.client.send(HttpRequest.newBuilder(server.uri("/syncupdates")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, help.statusCode());
        assertTrue(help.body().contains("DATA"));
        assertEquals(400, server.postForm(Map.of("DATA", data), "/whois/syncupdates/RIPE").statusCode());
        assertEquals(400, server.postForm(Map.of("NEW", "yes"), "/syncupdates").statusCode());
        assertEquals(400, server.postForm(Map.of("DIFF", "yes", "DATA", data), "/syncupdates").statusCode());
        assertEquals(400, server.postForm(Map.of("REDIRECT", "yes"), "/syncupdates").statusCode());
        HttpResponse<String> isNew = server.postForm(Map.of("DATA", data, "NEW", "yes"), "/syncupdates");
        assertTrue(isNew.body().contains("Create FAILED: [person] NP1-TEST"), isNew.body());
        assertTrue(isNew.body().contains("already exists"), isNew.body());
        HttpResponse<String> put = server.client.send(HttpRequest.newBuilder(server.uri("/syncupdates"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
    }

    @Test
    void overrideIsRefusedByMailAndMimeSignaturesCount() throws Exception {
        String data = newPerson("NP1-TEST") + "override: " + SyncupdatesHarness.OVERRIDE_USER + ","
                + SyncupdatesHarness.OVERRIDE_PASSWORD + "\n";
        UpdateResponse byMail = server.engine.process(new UpdateRequest(data, UpdateOrigin.MAIL, "jane@example.net", List.of()));
        assertEquals(1, byMail.failed());
        assertContains(byMail.acknowledgement(), "Override is not allowed in email updates");
        assertContains(byMail.acknowledgement(), ">  From:       jane@example.net");
        server.seed("""
                mntner:         SIGNED-MNT
                admin-c:        AP1-TEST
                upd-to:         signed@example.net
                auth:           PGPKEY-0A0B0C0D
                mnt-by:         SIGNED-MNT
                source:         TEST
                """);
        String signedPerson = person("Mime Person", "MP1-TEST", "SIGNED-MNT");
        assertEquals(1, server.engine.process(new UpdateRequest(signedPerson, UpdateOrigin.MAIL, "a@example.net",
                List.of())).failed());
        UpdateResponse signed = server.engine.process(new UpdateRequest(signedPerson, UpdateOrigin.MAIL, "a@example.net",
                List.of(new VerifiedSignature("PGPKEY-0A0B0C0D"))));
        assertEquals(1, signed.succeeded(), signed.acknowledgement());
    }

    @Test
    void md5PasswordsCanBeSwitchedOff() throws Exception {
        server.seed("""
                mntner:         LEGACY-MNT
                admin-c:        AP1-TEST
                upd-to:         legacy@example.net
                auth:           MD5-PW $1$saltsalt$qjXMvbEw8oaL.CzflDtaK/
                mnt-by:         LEGACY-MNT
                source:         TEST
                """);
        String legacy = person("Legacy Person", "LP1-TEST", "LEGACY-MNT") + "password: password\n";
        assertContains(server.post(legacy), "Create SUCCEEDED: [person] LP1-TEST");
        UpdateSettings off = new UpdateSettings(SyncupdatesHarness.REGISTRY, Map.of(), false, "dbm@example.net", "h");
        try (UpdateEngine engine = new UpdateEngine(server.db, new ParserSyntaxChecks("TEST"), off, null,
                java.time.Clock.systemUTC())) {
            UpdateResponse r = engine.process(new UpdateRequest(legacy.replace("LP1-TEST", "LP2-TEST"),
                    UpdateOrigin.SYNCUPDATES, "127.0.0.1", List.of()));
            assertEquals(1, r.failed(), r.acknowledgement());
        }
    }

    @Test
    void concurrentClientsShareCommitsWithoutLosingOrMixingAnything() throws Exception {
        int clients = 12;
        int perClient = 5;
        java.util.List<String> keys = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Throwable> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < perClient; i++) {
                        String wrongPassword = (client + i) % 7 == 0 ? "password: wrong\n" : "password: owner-pw\n";
                        String ack = server.post(person("Auto Person", "AUTO-1", "OWNER-MNT") + wrongPassword);
                        for (String line : ack.split("\n")) {
                            if (line.startsWith("Create SUCCEEDED: [person] ")) {
                                keys.add(line.split(" ")[3]);
                            }
                        }
                        if (wrongPassword.contains("wrong") != ack.contains("Create FAILED")) {
                            throw new AssertionError(ack);
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), "every AUTO-1 got its own handle: " + keys);
        assertTrue(keys.size() >= clients * perClient * 5 / 7, keys.toString());
        for (String key : keys) {
            assertNotNull(server.stored(ObjectType.PERSON, key), key);
        }
    }

    /**
     * The writer waits for more messages between group commits while clients are concurrent; a
     * close meanwhile must still answer every message it holds: each caller gets its answer (and
     * a success is stored) or is told the engine closed, and none waits for ever.
     */
    @Test
    void closingWhileClientsAreConcurrentAnswersEveryMessage() throws Exception {
        int clients = 16;
        java.util.List<String> created = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Throwable> unexpected = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch firstRound = new java.util.concurrent.CountDownLatch(clients);
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String key = "CC" + (client * 100 + i + 1) + "-TEST"; // a NIC handle's number never starts with 0
                    try {
                        net.whoisd.server.update.UpdateResponse r = server.engine.process(new net.whoisd.server.update.UpdateRequest(
                                newPerson(key) + "password: owner-pw\n", net.whoisd.server.update.UpdateOrigin.SYNCUPDATES,
                                "192.0.2." + client, java.util.List.of()));
                        if (r.succeeded() == 1) {
                            created.add(key);
                        }
                    } catch (IllegalStateException closed) {
                        return;
                    } catch (Throwable e) {
                        unexpected.add(e);
                        return;
                    } finally {
                        if (i == 0) {
                            firstRound.countDown();
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        firstRound.await();
        server.engine.close();
        for (Thread t : threads) {
            t.join(60_000); // a guard against a hang, not a measurement
            assertFalse(t.isAlive(), "a client still waits for its answer after the engine closed");
        }
        assertTrue(unexpected.isEmpty(), unexpected.toString());
        assertTrue(created.size() >= clients, created.toString());
        for (String key : created) {
            assertNotNull(server.stored(ObjectType.PERSON, key), key);
        }
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        byte[] huge = new byte[HttpListener.MAX_BODY_BYTES + 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        HttpResponse<String> r = server.client.send(HttpRequest.newBuilder(server.uri("/syncupdates"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertTrue(server.post(newPerson("NP1-TEST") + "password: owner-pw\n").contains("Create SUCCEEDED"),
                "the server still works");
    }
}
