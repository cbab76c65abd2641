package net.whoisd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root serves /syncupdates, and an acknowledged update is visible to whois queries at once. */
class WhoisServerSyncupdatesTest {
    @TempDir
    Path dir;

    @Test
    void updateThroughSyncupdatesIsQueryableOnPort43() throws Exception {
        Properties p = new Properties();
        p.setProperty("whois.port", String.valueOf(freePort()));
        p.setProperty("http.port", String.valueOf(freePort()));
        p.setProperty("smtp.port", "0");
        p.setProperty("data.dir", dir.toString());
        ServerConfig config = ServerConfig.fromProperties(p);
        PersistentDatabase db = PersistentDatabase.open(dir, config.source());
        db.commit(List.of(
                Change.create(RpslObject.parse(Fixtures.person("Admin Person", "AP1-TEST", "OWNER-MNT"))),
                Change.create(RpslObject.parse(Fixtures.mntner("OWNER-MNT", "owner-pw", "")))));
        try (WhoisServer server = new WhoisServer(config, db).start()) {
            String data = "person:         Served Person\ne-mail:         s@example.net\nnic-hdl:        SP1-TEST\n"
                    + "mnt-by:         OWNER-MNT\nsource:         TEST\n\npassword: owner-pw\n";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.httpPort() + "/whois/syncupdates/TEST"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("DATA=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("Create SUCCEEDED: [person] SP1-TEST   Served Person"), r.body());
            String answer = query(server.whoisPort(), "-r SP1-TEST");
            assertTrue(answer.contains("person:         Served Person"), answer);
            assertTrue(answer.contains("last-modified:"), answer);
        }
    }

    @Test
    void theGuessBudgetComesFromTheConfiguration() throws Exception {
        Properties p = new Properties();
        p.setProperty("whois.port", String.valueOf(freePort()));
        p.setProperty("http.port", String.valueOf(freePort()));
        p.setProperty("smtp.port", "0");
        p.setProperty("data.dir", dir.toString());
        p.setProperty("auth.guesses-per-client", "2");
        ServerConfig config = ServerConfig.fromProperties(p);
        assertEquals(new GuessBudget.Limits(2, 30, Duration.ofMinutes(10)), config.guessLimits());
        PersistentDatabase db = PersistentDatabase.open(dir, config.source());
        db.commit(List.of(
                Change.create(RpslObject.parse("person: Admin Person\ne-mail: a@example.net\nnic-hdl: AP1-TEST\n"
                        + "mnt-by: OWNER-MNT\nsource: TEST\n")),
                Change.create(RpslObject.parse("mntner: OWNER-MNT\nadmin-c: AP1-TEST\nupd-to: a@example.net\nauth: BCRYPT-PW "
                        + BcryptCredential.hash("owner-pw", 4) + "\nmnt-by: OWNER-MNT\nsource: TEST\n"))));
        try (WhoisServer server = new WhoisServer(config, db).start()) {
            HttpClient client = HttpClient.newHttpClient();
            List<String> acks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String data = "person:         Guess Person\ne-mail:         g@example.net\nnic-hdl:        GP1-TEST\n"
                        + "mnt-by:         OWNER-MNT\nsource:         TEST\n\npassword: guess-" + i + "\n";
                acks.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/syncupdates"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("DATA=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().replaceAll("\\s+", " "));
            }
            assertFalse(acks.get(0).contains("Too many failed password attempts"), acks.get(0));
            assertFalse(acks.get(1).contains("Too many failed password attempts"), acks.get(1));
            assertTrue(acks.get(2).contains("Too many failed password attempts"), acks.get(2));
        }
    }

    @Test
    void guessBudgetKeysMustBePositiveNumbers() {
        for (String key : List.of("auth.guesses-per-client", "auth.guesses-per-mntner", "auth.guess-window-minutes")) {
            for (String bad : List.of("0", "-1", "many")) {
                Properties p = new Properties();
                p.setProperty(key, bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ServerConfig.fromProperties(p));
                assertTrue(e.getMessage().contains(key), e.getMessage());
            }
        }
        Properties tooLong = new Properties();
        tooLong.setProperty("auth.guess-window-minutes", String.valueOf(8 * 24 * 60));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromProperties(tooLong)).getMessage()
                .contains("auth.guess-window-minutes"));
        assertEquals(GuessBudget.Limits.DEFAULT, ServerConfig.defaults().guessLimits());
    }

    private static String query(int port, String line) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
