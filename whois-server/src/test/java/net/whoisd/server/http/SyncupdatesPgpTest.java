package net.whoisd.server.http;

import static net.whoisd.server.http.SyncupdatesHttpTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.Fixtures;
import net.whoisd.server.auth.TestPgp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inline PGP-signed (clearsigned) updates over HTTP, with a key generated for the test. */
class SyncupdatesPgpTest {
    private static TestPgp key;
    private static TestPgp otherKey;

    @TempDir
    Path dir;
    SyncupdatesHarness server;

    @BeforeAll
    static void keys() throws Exception {
        key = TestPgp.generate("Pgp User <pgp@example.net>");
        otherKey = TestPgp.generate("Intruder <evil@example.net>");
    }

    @BeforeEach
    void start() throws Exception {
        server = new SyncupdatesHarness(dir);
        server.seedStandard();
        // the key-cert is created through the update engine, so its generated attributes are tested too
        String keyCert = "key-cert:       " + key.keyCertId() + "\n" + key.certifLines()
                + "mnt-by:         OWNER-MNT\nsource:         TEST\n";
        String ack = server.post(keyCert + "password: owner-pw\n");
        assertContains(ack, "Create SUCCEEDED: [key-cert] " + key.keyCertId());
        server.seed("""
                mntner:         PGP-MNT
                admin-c:        AP1-TEST
                upd-to:         pgp@example.net
                auth:           %s
                mnt-by:         PGP-MNT
                source:         TEST
                """.formatted(key.keyCertId()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String person(String nicHdl) {
        return Fixtures.person("Signed Person", nicHdl, "PGP-MNT");
    }

    @Test
    void keyCertGetsMethodOwnerAndFingerprint() {
        RpslObject stored = server.stored(ObjectType.KEY_CERT, key.keyCertId());
        assertEquals("PGP", stored.value("method"));
        assertEquals("Pgp User <pgp@example.net>", stored.value("owner"));
        assertNotNull(stored.value("fingerpr"));
    }

    @Test
    void keyCertNameMustBeItsKeysId() throws Exception {
        String wrongName = "key-cert:       " + otherKey.keyCertId() + "\n" + key.certifLines()
                + "mnt-by:         OWNER-MNT\nsource:         TEST\n";
        String ack = server.post(wrongName + "password: owner-pw\n");
        assertContains(ack, "Create FAILED: [key-cert] " + otherKey.keyCertId());
        assertContains(ack, "The key-cert name must be the key's id: " + key.keyCertId());
    }

    @Test
    void clearSignedObjectIsAuthorisedByTheKey() throws Exception {
        String ack = server.post(key.clearSign(person("SP1-TEST")));
        assertContains(ack, "Create SUCCEEDED: [person] SP1-TEST");
        assertNotNull(server.stored(ObjectType.PERSON, "SP1-TEST"));
    }

    @Test
    void unsignedOrWronglySignedOrTamperedObjectsFail() throws Exception {
        assertContains(server.post(person("SP1-TEST")), "Create FAILED: [person] SP1-TEST");
        String other = server.post(otherKey.clearSign(person("SP2-TEST")));
        assertContains(other, "Create FAILED: [person] SP2-TEST");
        assertContains(other, "no key-cert object " + otherKey.keyCertId() + " holds the signing key");
        String tampered = key.clearSign(person("SP3-TEST")).replace("Street 1", "Street 666");
        String ack = server.post(tampered);
        assertContains(ack, "Create FAILED: [person] SP3-TEST");
        assertContains(ack, "does not match the signed text");
        String old = server.post(key.clearSign(person("SP4-TEST"), Instant.now().minus(Duration.ofHours(3))));
        assertContains(old, "Create FAILED: [person] SP4-TEST");
        assertNull(server.stored(ObjectType.PERSON, "SP3-TEST"));
    }

    @Test
    void onlyTheSignedParagraphsCarryTheSignature() throws Exception {
        String message = key.clearSign(person("SP1-TEST")) + "\n" + person("SP2-TEST");
        String ack = server.post(message);
        assertContains(ack, "Create SUCCEEDED: [person] SP1-TEST");
        assertContains(ack, "Create FAILED: [person] SP2-TEST");
    }
}
