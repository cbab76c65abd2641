package net.whoisd.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static TestPgp key;
    private static RpslObject keyCert;

    @BeforeAll
    static void generateKey() throws Exception {
        key = TestPgp.generate("Test User <test@example.net>");
        keyCert = RpslObject.parse("key-cert:       " + key.keyCertId() + "\n" + key.certifLines()
                + "mnt-by:         TEST-MNT\nsource:         TEST\n");
    }

    private static Optional<RpslObject> lookup(String id) {
        return id.equals(key.keyCertId()) ? Optional.of(keyCert) : Optional.empty();
    }

    @Test
    void bcryptMatchesOnlyTheRightPassword() {
        String hash = BcryptCredential.hash("secret", 4);
        assertTrue(BcryptCredential.matches("secret", hash));
        assertFalse(BcryptCredential.matches("Secret", hash));
        assertFalse(BcryptCredential.matches("secret", "$2b$04$garbage"));
        assertFalse(BcryptCredential.matches("secret", "not a hash"));
    }

    @Test
    void md5CryptMatchesOpensslStyleHashes() {
        // openssl passwd -1 -salt saltsalt password
        String hash = "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/";
        assertTrue(Md5Credential.matches("password", hash));
        assertFalse(Md5Credential.matches("Password", hash));
        assertFalse(Md5Credential.matches("password", "$1$broken"));
    }

    @Test
    void passwordCheckerHonoursSchemesAndTheMd5Switch() {
        String bcrypt = "BCRYPT-PW " + BcryptCredential.hash("secret", 4);
        String md5 = "MD5-PW $1$saltsalt$qjXMvbEw8oaL.CzflDtaK/";
        PasswordChecker on = new PasswordChecker(true);
        PasswordChecker off = new PasswordChecker(false);
        assertTrue(on.satisfies(bcrypt, List.of("wrong", "secret")));
        assertTrue(on.satisfies(bcrypt, List.of("secret")), "a remembered success still matches");
        assertFalse(on.satisfies(bcrypt, List.of("wrong")));
        assertTrue(on.satisfies(md5, List.of("password")));
        assertFalse(off.satisfies(md5, List.of("password")));
        assertFalse(on.satisfies("PGPKEY-12345678", List.of("password")));
        assertFalse(on.satisfies(bcrypt, List.of()));
    }

    @Test
    void aRememberedSuccessHoldsOnlyForTheSameHashAndPasswordInAnyThread() throws Exception {
        String hash = BcryptCredential.hash("secret", 4);
        String other = BcryptCredential.hash("secret", 4); // another salt: another hash of the same password
        PasswordChecker checker = new PasswordChecker(false);
        assertTrue(checker.satisfies("BCRYPT-PW " + hash, List.of("secret")));
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            assertTrue(thread.submit(() -> checker.satisfies("BCRYPT-PW " + hash, List.of("secret"))).get());
            assertFalse(thread.submit(() -> checker.satisfies("BCRYPT-PW " + hash, List.of("secreT"))).get());
            assertFalse(thread.submit(() -> checker.satisfies("BCRYPT-PW " + hash, List.of("secret "))).get());
            assertFalse(thread.submit(() -> checker.satisfies("BCRYPT-PW " + other, List.of("wrong"))).get());
            assertTrue(thread.submit(() -> checker.satisfies("BCRYPT-PW " + other, List.of("secret"))).get());
        } finally {
            thread.shutdown();
        }
        assertFalse(checker.satisfies("BCRYPT-PW " + hash, List.of("secre")));
        assertFalse(new PasswordChecker(false).satisfies("BCRYPT-PW " + BcryptCredential.hash("x", 4), List.of("secret")));
    }

    @Test
    void overrideUsersAreCheckedAgainstTheirHash() {
        OverrideCredentials users = new OverrideCredentials(Map.of("dbm", BcryptCredential.hash("override-pw", 4)));
        assertTrue(users.authenticate("dbm", "override-pw"));
        assertFalse(users.authenticate("dbm", "nope"));
        assertFalse(users.authenticate("other", "override-pw"));
    }

    @Test
    void anUnknownOverrideUserIsHashedAtTheUsersCost() {
        assertEquals(12, OverrideCredentials.cost("$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"));
        assertEquals(4, OverrideCredentials.cost(BcryptCredential.hash("x", 4)));
        assertEquals(10, OverrideCredentials.cost("not a hash"));
        assertEquals(10, OverrideCredentials.cost("$2b$99$x"));
    }

    @Test
    void keyCertIsReadFromCertifLines() {
        PgpKeyCert cert = PgpKeyCert.fromObject(keyCert).orElseThrow();
        assertEquals(key.keyCertId(), cert.keyCertId());
        assertEquals(List.of("Test User <test@example.net>"), cert.owners());
        assertEquals(40 + 9 + 1, cert.fingerprint().length(), cert.fingerprint());
    }

    @Test
    void base64LinesStartingWithPlusAreKeptWhileContinuationMarkersGo() {
        RpslObject o = RpslObject.parse("key-cert: PGPKEY-1\ncertif:  +abc/def\n+ghi\ncertif:  -----END PGP PUBLIC KEY BLOCK-----\n"
                + "source: TEST\n");
        assertEquals("+abc/def\nghi\n-----END PGP PUBLIC KEY BLOCK-----\n", PgpKeyCert.armoredText(o));
    }

    @Test
    void clearSignedTextVerifiesAndTamperingIsCaught() throws Exception {
        String signed = key.clearSign("person: Test\n-dash line\ntrailing   \n");
        List<String> lines = List.of(signed.split("\n", -1));
        ClearSignedBlock block = ClearSignedBlock.read(lines, 0, new int[1]);
        assertEquals("person: Test\n-dash line\ntrailing   ", block.signedText());
        assertTrue(PgpSignatures.verifyClearSigned(block, CredentialsTest::lookup, Instant.now()).verified());
        ClearSignedBlock tampered = new ClearSignedBlock(block.signedText().replace("Test", "Evil"), block.armoredSignature());
        assertFalse(PgpSignatures.verifyClearSigned(tampered, CredentialsTest::lookup, Instant.now()).verified());
        assertFalse(PgpSignatures.verifyClearSigned(block, id -> Optional.empty(), Instant.now()).verified());
    }

    @Test
    void oldSignaturesAreRefused() throws Exception {
        String signed = key.clearSign("person: Test\n", Instant.now().minus(Duration.ofHours(2)));
        ClearSignedBlock block = ClearSignedBlock.read(List.of(signed.split("\n", -1)), 0, new int[1]);
        PgpSignatures.Verification v = PgpSignatures.verifyClearSigned(block, CredentialsTest::lookup, Instant.now());
        assertFalse(v.verified());
        assertTrue(v.failure().contains("more than 60 minutes ago"), v.failure());
    }

    @Test
    void detachedSignaturesNameTheKeyCert() throws Exception {
        byte[] data = "Content-Type: text/plain\r\n\r\nperson: Test\r\n".getBytes(StandardCharsets.UTF_8);
        String signature = key.detachedSignature(data);
        assertEquals(Optional.of(key.keyCertId()), PgpSignatures.verifyDetached(data, signature, CredentialsTest::lookup));
        data[data.length - 3] = 'X';
        assertEquals(Optional.empty(), PgpSignatures.verifyDetached(data, signature, CredentialsTest::lookup));
        assertEquals(Optional.empty(), PgpSignatures.verifyDetached(data, "garbage", CredentialsTest::lookup));
    }
}
