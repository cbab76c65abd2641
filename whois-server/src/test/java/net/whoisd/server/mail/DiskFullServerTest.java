package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import net.whoisd.server.Outbox;
import net.whoisd.server.SampleLoader;
import net.whoisd.server.WhoisServer;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.disk.TmpfsMount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with its data directory on a real file system that fills up: updates through every
 * door are refused with the reason, queries are answered, a mail accepted is answered, and once
 * space is freed updates go through again without a restart; after a restart the database holds
 * exactly what was acknowledged.
 */
@Tag("slow")
class DiskFullServerTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskRefusesUpdatesWithTheReasonWhileQueriesAndMailAreAnswered() throws Exception {
        try (TmpfsMount fs = TmpfsMount.mount(tmp.resolve("mnt"), 64)) {
            Path data = fs.dir().resolve("data");
            Path outbox = tmp.resolve("outbox"); // acknowledgements leave through another disk
            SampleLoader.loadIfEmpty(data, "TEST");
            Properties p = new Properties();
            p.setProperty("data.dir", data.toString());
            p.setProperty("whois.port", String.valueOf(freePort()));
            p.setProperty("http.port", String.valueOf(freePort()));
            p.setProperty("smtp.port", String.valueOf(freePort()));
            p.setProperty("mail.outbox", outbox.toString());
            ServerConfig config = ServerConfig.fromProperties(p);
            PersistentDatabase db = PersistentDatabase.open(data, "TEST");
            String smtpReply;
            try (WhoisServer server = new WhoisServer(config, db).start()) {
                Path filler = fs.fill("filler", 0);
                String refused = syncupdate(server, person("Full Disk", "FD1-TEST"));
                assertTrue(refused.contains("Create FAILED: [person] FD1-TEST"), refused);
                String reason = refused.replaceAll("\\s+", " "); // the acknowledgement wraps long lines
                assertTrue(reason.contains("the database cannot take changes now: the disk holding " + data + " is full"), refused);
                String answer = query(server.whoisPort(), "-r -B LIR1-MNT");
                assertTrue(answer.contains("mntner:         LIR1-MNT"), answer);

                smtpReply = mail(server.smtpPort(), "Disk full", person("Mailed Person", "MP1-TEST"));
                if (smtpReply.startsWith("250")) { // accepted: it must be answered, here with the refusal
                    String ack = awaitMail(outbox, "Mailed Person");
                    assertTrue(ack.contains("FAILED") && ack.replaceAll("\\s+", " ").contains(" is full"), ack);
                } else {
                    assertTrue(smtpReply.startsWith("4"), "a mail that cannot be spooled is deferred: " + smtpReply);
                }

                Files.delete(filler);
                String taken = syncupdate(server, person("Space Again", "SA1-TEST"));
                assertTrue(taken.contains("Create SUCCEEDED: [person] SA1-TEST"), taken);
                assertTrue(query(server.whoisPort(), "-r SA1-TEST").contains("person:         Space Again"));
                if (!smtpReply.startsWith("250")) { // the sender's retry is taken now
                    String retry = mail(server.smtpPort(), "Disk full", person("Mailed Person", "MP1-TEST"));
                    assertTrue(retry.startsWith("250"), "the retry: " + retry);
                    assertTrue(awaitMail(outbox, "Mailed Person").contains("Create SUCCEEDED: [person] MP1-TEST"));
                }
            } finally {
                db.close();
            }
            try (PersistentDatabase reopened = PersistentDatabase.open(data, "TEST")) {
                assertTrue(reopened.get(net.whoisd.rpsl.ObjectType.PERSON, "SA1-TEST").isPresent());
                assertTrue(reopened.get(net.whoisd.rpsl.ObjectType.PERSON, "FD1-TEST").isEmpty());
                assertEquals(!smtpReply.startsWith("250"), reopened.get(net.whoisd.rpsl.ObjectType.PERSON, "MP1-TEST").isPresent(),
                        "the mailed person is stored only if its mail came after the space");
            }
        }
    }

    private static String person(String name, String nicHdl) {
        return "person:         " + name + "\naddress:        Street 1\ne-mail:         x@example.net\nnic-hdl:        " + nicHdl
                + "\nmnt-by:         LIR1-MNT\nsource:         TEST\n\npassword: lir1-secret\n";
    }

    private static String syncupdate(WhoisServer server, String data) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/syncupdates"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("DATA=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String mail(int port, String subject, String body) throws Exception {
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", port)) {
            smtp.command("EHLO mx.example.com");
            smtp.command("MAIL FROM:<jane@example.net>");
            smtp.command("RCPT TO:<auto-dbm@example.net>");
            String data = smtp.command("DATA");
            if (!data.startsWith("354")) {
                return data;
            }
            return smtp.command("From: jane@example.net\r\nSubject: " + subject + "\r\nMessage-ID: <diskfull@example.net>\r\n\r\n"
                    + body.replace("\n", "\r\n") + "\r\n.");
        }
    }

    private static String awaitMail(Path outbox, String containing) throws Exception {
        long due = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < due) {
            List<String> mails = Outbox.read(outbox);
            for (String m : mails) {
                if (m.contains(containing)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail mentioning " + containing + " in " + outbox);
    }

    private static String query(int port, String q) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write((q + "\r\n").getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
