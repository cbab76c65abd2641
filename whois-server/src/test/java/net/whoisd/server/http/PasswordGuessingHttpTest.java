package net.whoisd.server.http;

import static net.whoisd.server.http.SyncupdatesHarness.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.whoisd.server.auth.GuessBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password and override guessing over real HTTP: every client and every maintainer has a budget of
 * failed guesses, checks beyond it are refused at once (no thread waits), and nobody else's updates
 * are held up by a flood of guesses.
 */
class PasswordGuessingHttpTest {
    private static final String REFUSED = "Too many failed password attempts";
    private static final String FAILED = "not authenticated by: OWNER-MNT";

    @TempDir
    Path dir;
    SyncupdatesHarness server;

    private void start(GuessBudget.Limits limits, int overrideCost) throws Exception {
        server = new SyncupdatesHarness(dir, limits, overrideCost);
        server.seedStandard();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String guess(String nicHdl, String mntner, String password) {
        return person("Guess Person", nicHdl, mntner) + "\npassword: " + password + "\n";
    }

    private static boolean refused(String ack) {
        return ack.replaceAll("\\s+", " ").contains(REFUSED);
    }

    private static boolean plainFailure(String ack, String mntner) {
        if (!ack.contains("not authenticated by: " + mntner) || refused(ack)) {
            throw new AssertionError("expected a plain authorisation failure by " + mntner + ":\n" + ack);
        }
        return true;
    }

    @Test
    void parallelGuessesFromOneClientAreBoundedAndRefusedAtOnceWhileOthersUpdate() throws Exception {
        start(GuessBudget.Limits.DEFAULT, SyncupdatesHarness.COST);
        int guesses = 64;
        ExecutorService flood = Executors.newFixedThreadPool(48);
        List<Future<String>> acks = new ArrayList<>();
        try {
            for (int i = 0; i < guesses; i++) {
                String data = guess("GP" + (i + 1) + "-TEST", "OWNER-MNT", "guess-" + i);
                acks.add(flood.submit(() -> server.post(data)));
            }
            long started = System.nanoTime();
            String other = server.postFrom("127.0.0.2", person("Other Person", "OP1-TEST", "OWNER-MNT")
                    + "\npassword: owner-pw\n");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(other.contains("Create SUCCEEDED: [person] OP1-TEST"), other);
            assertTrue(millis < 2_000, "another client's update took " + millis + " ms beside the flood");
            int plain = 0;
            int refused = 0;
            for (Future<String> f : acks) {
                String ack = f.get(60, TimeUnit.SECONDS);
                assertFalse(ack.contains("guess-"), "a password is never echoed");
                if (refused(ack)) {
                    refused++;
                    assertTrue(ack.contains(FAILED), ack);
                    assertTrue(ack.replaceAll("\\s+", " ").contains("password checks for OWNER-MNT are refused for now."
                            + " Try again in "), ack);
                } else {
                    assertTrue(plainFailure(ack, "OWNER-MNT"), ack);
                    plain++;
                }
            }
            assertEquals(GuessBudget.Limits.DEFAULT.perClient(), plain, "failed guesses hashed for one client");
            assertEquals(guesses - plain, refused);
            long notices = server.mails().stream().filter(m -> m.contains("auth error notification")).count();
            assertEquals(plain, notices, "refused guesses mail nobody");
        } finally {
            flood.shutdownNow();
        }
        long started = System.nanoTime();
        String ack = server.post(guess("GP99-TEST", "OWNER-MNT", "owner-pw"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(refused(ack), "even the right password is refused while the budget is empty: " + ack);
        assertTrue(millis < 2_000, "a refusal is answered at once, not after a delay: " + millis + " ms");
    }

    @Test
    void neitherASuccessNorAMessageWithoutPasswordResetsTheBudget() throws Exception {
        start(new GuessBudget.Limits(3, 100, Duration.ofMinutes(10)), SyncupdatesHarness.COST);
        assertTrue(plainFailure(server.post(guess("GP1-TEST", "OTHER-MNT", "x1")), "OTHER-MNT"));
        assertTrue(plainFailure(server.post(guess("GP1-TEST", "OTHER-MNT", "x2")), "OTHER-MNT"));
        String created = person("Own Person", "OWN1-TEST", "OWNER-MNT");
        assertTrue(server.post(created + "\npassword: owner-pw\n").contains("Create SUCCEEDED: [person] OWN1-TEST"));
        String noop = server.post(created);
        assertTrue(noop.contains("No operation: [person] OWN1-TEST"), noop);
        assertTrue(plainFailure(server.post(guess("GP1-TEST", "OTHER-MNT", "x3")), "OTHER-MNT"));
        String fourth = server.post(guess("GP1-TEST", "OTHER-MNT", "x4"));
        assertTrue(refused(fourth), "the success and the password-less message reset nothing: " + fourth);
        assertTrue(refused(server.post(guess("GP2-TEST", "OWNER-MNT", "owner-pw"))),
                "an empty client budget refuses every password check");
        assertTrue(server.postFrom("127.0.0.2", guess("GP2-TEST", "OWNER-MNT", "owner-pw"))
                .contains("Create SUCCEEDED: [person] GP2-TEST"), "another client is not affected");
        assertTrue(plainFailure(server.postFrom("127.0.0.2", guess("GP3-TEST", "OTHER-MNT", "x5")), "OTHER-MNT"));
    }

    @Test
    void aMaintainersBudgetHoldsAcrossClients() throws Exception {
        start(new GuessBudget.Limits(100, 3, Duration.ofMinutes(10)), SyncupdatesHarness.COST);
        for (int i = 1; i <= 3; i++) {
            assertTrue(plainFailure(server.postFrom("127.0.0." + i, guess("GP1-TEST", "OTHER-MNT", "x" + i)), "OTHER-MNT"));
        }
        assertTrue(refused(server.postFrom("127.0.0.4", guess("GP1-TEST", "OTHER-MNT", "x4"))));
        assertTrue(refused(server.postFrom("127.0.0.5", guess("GP1-TEST", "OTHER-MNT", "other-pw"))),
                "checks against the maintainer are refused whoever asks");
        assertTrue(server.postFrom("127.0.0.4", guess("GP2-TEST", "OWNER-MNT", "owner-pw"))
                .contains("Create SUCCEEDED: [person] GP2-TEST"), "other maintainers are not affected");
    }

    @Test
    void eachDistinctPasswordIsHashedOncePerMessage() throws Exception {
        start(new GuessBudget.Limits(25, 1000, Duration.ofMinutes(10)), SyncupdatesHarness.COST);
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            message.append(person("Guess Person", "GP" + (i + 1) + "-TEST", "OWNER-MNT")).append('\n');
        }
        for (int p = 0; p < 20; p++) {
            message.append("password: wrong-").append(p).append('\n');
        }
        String ack = server.post(message.toString());
        assertContainsTimes(ack, "Create FAILED: [person]", 30);
        assertFalse(refused(ack), "20 distinct passwords cost 20 guesses, not one per object: " + ack);
        StringBuilder second = new StringBuilder(person("Guess Person", "GP99-TEST", "OWNER-MNT")).append('\n');
        for (int p = 0; p < 10; p++) {
            second.append("password: again-").append(p).append('\n');
        }
        assertTrue(refused(server.post(second.toString())), "the 5 guesses left are spent on the next message");
    }

    @Test
    void distinctOverridesAreCheckedOncePerMessageAndCountAsGuesses() throws Exception {
        start(new GuessBudget.Limits(25, 1000, Duration.ofMinutes(10)), SyncupdatesHarness.COST);
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            message.append(person("Guess Person", "GP" + (i + 1) + "-TEST", "OWNER-MNT"))
                    .append("override:       dbm,wrong-").append(i % 20).append(",testing\n\n");
        }
        String ack = server.post(message.toString());
        assertContainsTimes(ack, "Override authentication failed", 100);
        assertFalse(refused(ack), "20 distinct overrides cost 20 guesses: " + ack);
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            second.append(person("Guess Person", "GQ" + (i + 1) + "-TEST", "OWNER-MNT"))
                    .append("override:       dbm,again-").append(i).append("\n\n");
        }
        String next = server.post(second.toString());
        assertContainsTimes(next, "Override authentication failed", 5);
        assertContainsTimes(next, "Override authentication refused", 5);
        assertContainsTimes(next.replaceAll("\\s+", " "), "Too many failed override attempts (from this client or for"
                + " this override user); override checks for this override user are refused for now.", 5);
        assertFalse(next.contains("again-") || ack.contains("wrong-"), "an override password is never echoed");
        assertTrue(refused(server.post(guess("GP1-TEST", "OWNER-MNT", "owner-pw"))),
                "wrong overrides spend the client's budget for passwords too");
        String backwards = server.post(person("Guess Person", "GQ99-TEST", "OWNER-MNT")
                + "override:       backwards-secret,dbm\n");
        assertTrue(backwards.contains("Override authentication refused"), backwards);
        assertFalse(backwards.contains("backwards-secret"), "a refusal names no override user: " + backwards);
    }

    @Test
    void overrideGuessesAreCheckedOutsideTheWriter() throws Exception {
        start(new GuessBudget.Limits(1000, 1000, Duration.ofMinutes(10)), 10);
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            message.append(person("Guess Person", "GP" + (i + 1) + "-TEST", "OWNER-MNT"))
                    .append("override:       dbm,wrong-").append(i).append("\n\n");
        }
        ExecutorService flood = Executors.newSingleThreadExecutor();
        try {
            Future<String> guesses = flood.submit(() -> server.post(message.toString()));
            Thread.sleep(300); // the flood's bcrypt work is under way
            long started = System.nanoTime();
            String other = server.postFrom("127.0.0.2", person("Other Person", "OP1-TEST", "OWNER-MNT")
                    + "\npassword: owner-pw\n");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(other.contains("Create SUCCEEDED: [person] OP1-TEST"), other);
            assertFalse(guesses.isDone(), "the override guesses were still being checked");
            assertTrue(millis < 2_000, "another client's update took " + millis + " ms beside 60 override guesses");
            assertContainsTimes(guesses.get(120, TimeUnit.SECONDS), "Override authentication failed", 60);
        } finally {
            flood.shutdownNow();
        }
    }

    private static void assertContainsTimes(String text, String part, int times) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        assertEquals(times, n, "'" + part + "' in:\n" + text);
    }
}
