package net.whoisd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.http.HttpListener;
import net.whoisd.server.http.SyncupdatesEndpoint;
import net.whoisd.server.mail.MailDoor;
import net.whoisd.server.mail.SmtpSubmitter;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.update.ParserSyntaxChecks;
import net.whoisd.server.update.UpdateEngine;
import net.whoisd.server.update.UpdateService;
import net.whoisd.server.update.UpdateSettings;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A distinctive password goes in through each door (syncupdates URL-encoded, multipart and query
 * string, an undecodable form, mail inline and base64, a mail whose handling fails, an indented
 * password line, a wrong password, an override); afterwards no file under the data directory or
 * the outbox and no log line holds any of them.
 */
class PasswordLeakTest {
    private static final String ROBOT = "auto-dbm@example.net";
    private static final String FAIL_MARK = "remarks:        make-the-handling-fail";

    @TempDir
    Path dir;

    private final List<String> secrets = new ArrayList<>();

    private String secret(String door) {
        String s = "Zx9" + door + "Secret" + secrets.size();
        secrets.add(s);
        return s;
    }

    @Test
    void noSubmittedPasswordIsKeptAnywhere() throws Exception {
        String form = secret("form");
        String multipart = secret("multipart");
        String query = secret("query");
        String undecodable = secret("undecodable");
        String mail = secret("mail");
        String mailBase64 = secret("base64");
        String failing = secret("failing");
        String indented = secret("indented");
        String wrong = secret("wrong");
        String override = secret("override");
        List<String> accepted = List.of(form, multipart, query, undecodable, mail, mailBase64, failing, indented);

        Path data = dir.resolve("data");
        Path outbox = dir.resolve("outbox");
        ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                logLines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())));
            }
        };
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level configured = root.getLevel();
        root.setLevel(Level.DEBUG); // every line the server could write, whatever the test configuration says
        capture.start();
        root.addAppender(capture);
        try (PersistentDatabase db = PersistentDatabase.open(data, "TEST")) {
            seed(db, accepted);
            MailSender sender = new MailSender(ROBOT, null, outbox);
            Properties p = new Properties();
            p.setProperty("data.dir", data.toString());
            p.setProperty("mail.from", ROBOT);
            try (UpdateEngine engine = new UpdateEngine(db, new ParserSyntaxChecks("TEST"),
                    new UpdateSettings("TEST-NCC-HM-MNT", Map.of("dbm", BcryptCredential.hash(override, 4)), true,
                            ROBOT, "testhost"), sender, Clock.systemUTC())) {
                UpdateService failingOnMark = request -> {
                    if (request.content().contains(FAIL_MARK)) {
                        throw new IllegalStateException("the handling of this mail fails");
                    }
                    return engine.process(request);
                };
                HttpListener http = new HttpListener();
                new SyncupdatesEndpoint(engine, "TEST").registerOn(http);
                int httpPort = http.start("127.0.0.1", 0);
                try (MailDoor door = MailDoor.open(ServerConfig.fromProperties(p), failingOnMark, db, sender)) {
                    int smtpPort = door.start("127.0.0.1", 0);
                    HttpClient client = HttpClient.newHttpClient();
                    URI syncupdates = URI.create("http://127.0.0.1:" + httpPort + "/syncupdates");

                    assertEquals(200, postUrlEncoded(client, syncupdates, "DATA=" + encode(person("PF1", form))).statusCode());
                    assertEquals(200, postMultipart(client, syncupdates, person("PM1", multipart)).statusCode());
                    assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(syncupdates + "?DATA="
                            + encode(person("PQ1", query)))).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
                    assertEquals(400, postUrlEncoded(client, syncupdates,
                            "DATA=" + encode(person("PU1", undecodable)) + "%zz").statusCode());
                    assertEquals(200, postUrlEncoded(client, syncupdates, "DATA=" + encode(person("PW1", wrong))).statusCode());
                    assertEquals(200, postUrlEncoded(client, syncupdates, "DATA=" + encode(person("PO1", form)
                            .replace("source:", "override:       dbm," + override + ",testing\nsource:"))).statusCode());

                    submit(smtpPort, plainMail("<leak-1@example.com>", person("ML1", mail)));
                    submit(smtpPort, base64Mail("<leak-2@example.com>", person("MB1", mailBase64)));
                    submit(smtpPort, plainMail("<leak-3@example.com>", person("MF1", failing) + FAIL_MARK + "\n"));
                    submit(smtpPort, plainMail("<leak-4@example.com>", person("MI1", form)
                            .replace("address:", "  password: " + indented + "\naddress:")));
                    awaitAnswers(outbox, List.of("<leak-1@example.com>", "<leak-2@example.com>", "<leak-4@example.com>"));
                    awaitFile(data.resolve("mail-spool").resolve("failed"));
                    engine.awaitNotifications();
                } finally {
                    http.close();
                }
            }
        } finally {
            root.detachAppender(capture);
            root.setLevel(configured);
        }

        assertTrue(Outbox.read(outbox).size() >= 8, "answers and notifications were written");
        assertTrue(logLines.stream().anyMatch(l -> l.contains("could not be handled and was moved to")), "a mail failed");
        assertTrue(logLines.stream().anyMatch(l -> l.contains("mail update: from=tester@example.com")), "INFO lines are looked at");
        for (String secret : secrets) {
            byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
            for (Path root2 : List.of(data, outbox)) {
                try (Stream<Path> files = Files.walk(root2)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        assertFalse(contains(Files.readAllBytes(file), needle), secret + " is in " + dir.relativize(file));
                    }
                }
            }
            for (String line : logLines) {
                assertFalse(line.contains(secret), secret + " is logged: " + line);
            }
        }
    }

    /** A maintainer accepting each of the passwords, with notification addresses so that every change is mailed. */
    private static void seed(PersistentDatabase db, List<String> passwords) {
        StringBuilder mntner = new StringBuilder("mntner:         LEAK-MNT\nadmin-c:        LA1-TEST\n"
                + "upd-to:         updto@example.net\nmnt-nfy:        nfy@example.net\n");
        for (String password : passwords) {
            mntner.append("auth:           BCRYPT-PW ").append(BcryptCredential.hash(password, 4)).append('\n');
        }
        mntner.append("mnt-by:         LEAK-MNT\nsource:         TEST\n");
        db.commit(List.of(Change.create(RpslObject.parse(mntner.toString())),
                Change.create(RpslObject.parse("person:         Leak Admin\naddress:        Street 1\n"
                        + "e-mail:         admin@example.net\nnic-hdl:        LA1-TEST\nmnt-by:         LEAK-MNT\n"
                        + "source:         TEST\n"))));
    }

    private static String person(String nicHdl, String password) {
        return "person:         Leak " + nicHdl + "\naddress:        Street 1\ne-mail:         "
                + nicHdl.toLowerCase() + "@example.net\nnic-hdl:        " + nicHdl + "-TEST\nmnt-by:         LEAK-MNT\n"
                + "notify:         notify@example.net\nsource:         TEST\n\npassword: " + password + "\n";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> postUrlEncoded(HttpClient client, URI uri, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postMultipart(HttpClient client, URI uri, String data) throws Exception {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"DATA\"\r\n\r\n" + data + "\r\n--xyz--\r\n";
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String headers(String messageId) {
        return "From: Leak Tester <tester@example.com>\r\nTo: " + ROBOT + "\r\nSubject: leak test\r\nMessage-ID: "
                + messageId + "\r\nMIME-Version: 1.0\r\n";
    }

    private static byte[] plainMail(String messageId, String body) {
        return (headers(messageId) + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body.replace("\n", "\r\n"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64Mail(String messageId, String body) {
        return (headers(messageId) + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void submit(int port, byte[] mail) throws IOException {
        assertTrue(new SmtpSubmitter("127.0.0.1", port, Duration.ofSeconds(30))
                .submit(mail, "tester@example.com", ROBOT).accepted());
    }

    private static void awaitAnswers(Path outbox, List<String> messageIds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!messageIds.stream().allMatch(id -> answered(outbox, id))) {
            assertTrue(System.nanoTime() < deadline, "answers to " + messageIds);
            Thread.sleep(20);
        }
    }

    private static boolean answered(Path outbox, String messageId) {
        try {
            return Outbox.read(outbox).stream().anyMatch(m -> m.contains("In-Reply-To: " + messageId));
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitFile(Path directory) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    if (files.findAny().isPresent()) {
                        return;
                    }
                }
            }
            assertTrue(System.nanoTime() < deadline, "a file in " + directory);
            Thread.sleep(20);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
