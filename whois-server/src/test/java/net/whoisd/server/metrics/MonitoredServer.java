package net.whoisd.server.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.WhoisServer;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.WhoisDatabase;

/**
 * The server of WhoisServerSyncupdatesTest (a person AP1-TEST and its maintainer OWNER-MNT,
 * password {@code owner-pw}), on real ports, with plain-socket clients that choose their source
 * address (any of 127.0.0.0/8 on Linux) for the ACL tests.
 */
final class MonitoredServer implements AutoCloseable {
    /** One sample line of the text format: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*\\})?) (\\S+)");

    final WhoisServer server;

    private MonitoredServer(WhoisServer server) {
        this.server = server;
    }

    static MonitoredServer start(Path dir, Properties extra) throws Exception {
        return start(dir, extra, db -> db);
    }

    /** @param wrap puts a test double around the database the server is given */
    static MonitoredServer start(Path dir, Properties extra, UnaryOperator<WhoisDatabase> wrap) throws Exception {
        Properties p = new Properties();
        p.setProperty("whois.port", String.valueOf(freePort()));
        p.setProperty("http.port", String.valueOf(freePort()));
        p.setProperty("smtp.port", String.valueOf(freePort()));
        p.setProperty("data.dir", dir.toString());
        p.putAll(extra);
        ServerConfig config = ServerConfig.fromProperties(p);
        PersistentDatabase db = PersistentDatabase.open(dir, config.source());
        db.commit(List.of(
                Change.create(RpslObject.parse("person: Admin Person\ne-mail: a@example.net\nnic-hdl: AP1-TEST\n"
                        + "mnt-by: OWNER-MNT\nsource: TEST\n")),
                Change.create(RpslObject.parse("mntner: OWNER-MNT\nadmin-c: AP1-TEST\nupd-to: a@example.net\nauth: BCRYPT-PW "
                        + BcryptCredential.hash("owner-pw", 4) + "\nmnt-by: OWNER-MNT\nsource: TEST\n"))));
        return new MonitoredServer(new WhoisServer(config, wrap.apply(db)).start());
    }

    /** One whois query from 127.0.0.1; the whole answer (read until the server closes). */
    String query(String line) throws IOException {
        return query("127.0.0.1", line);
    }

    String query(String from, String line) throws IOException {
        try (Socket s = connect(from, server.whoisPort())) {
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    /** A whois connection from {@code from}, left open. */
    Socket whoisConnection(String from) throws IOException {
        return connect(from, server.whoisPort());
    }

    /** The status line's code and the body of a GET from {@code from}. */
    Response get(String from, String path) throws IOException {
        return http(from, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    /** A syncupdates POST from 127.0.0.1. */
    Response syncupdate(String message) throws IOException {
        byte[] body = ("DATA=" + URLEncoder.encode(message, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        return http("127.0.0.1", "POST /syncupdates HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n"
                + new String(body, StandardCharsets.US_ASCII));
    }

    /** Scrapes /metrics from 127.0.0.1; fails unless every line is a comment or a well-formed sample. */
    Map<String, Double> scrape() throws IOException {
        Response r = get("127.0.0.1", "/metrics");
        assertTrue(r.status() == 200, r.toString());
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a sample line of the text format: " + line);
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    record Response(int status, String body) {
    }

    private Response http(String from, String request) throws IOException {
        try (Socket s = connect(from, server.httpPort())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String all = readAll(s.getInputStream());
            int headersEnd = all.indexOf("\r\n\r\n");
            assertTrue(all.startsWith("HTTP/1.1 ") && headersEnd > 0, all);
            return new Response(Integer.parseInt(all.substring(9, 12)), all.substring(headersEnd + 4));
        }
    }

    private static Socket connect(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
        s.setSoTimeout(20_000);
        return s;
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
