package net.whoisd.server;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.Change;
import net.whoisd.storage.PersistentDatabase;
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
