package net.whoisd.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.Fixtures;
import net.whoisd.server.auth.BcryptCredential;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.update.ParserSyntaxChecks;
import net.whoisd.server.update.UpdateEngine;
import net.whoisd.server.Outbox;
import net.whoisd.server.update.UpdateSettings;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.StoredObject;

/**
 * A real server for tests: a {@link PersistentDatabase} in a temporary directory, the update
 * engine, and an {@link HttpListener} on a free port with the syncupdates endpoint. Mail goes to
 * an outbox directory.
 */
final class SyncupdatesHarness implements AutoCloseable {
    static final String REGISTRY = "TEST-NCC-HM-MNT";
    static final String OVERRIDE_USER = "dbm";
    static final String OVERRIDE_PASSWORD = "override-secret";
    /** Low bcrypt cost keeps the suite fast; production hashes use 12. */
    static final int COST = Fixtures.BCRYPT_COST;

    final Path dir;
    final Path outbox;
    final PersistentDatabase db;
    final UpdateEngine engine;
    final HttpListener listener;
    final int port;
    final HttpClient client = HttpClient.newHttpClient();

    SyncupdatesHarness(Path dir) throws Exception {
        this(dir, GuessBudget.Limits.DEFAULT, COST);
    }

    /**
     * @param guessLimits  the password guess budgets
     * @param overrideCost the bcrypt cost of the override user's hash
     */
    SyncupdatesHarness(Path dir, GuessBudget.Limits guessLimits, int overrideCost) throws Exception {
        this.dir = dir;
        this.outbox = dir.resolve("outbox");
        this.db = PersistentDatabase.open(dir.resolve("data"), "TEST");
        UpdateSettings settings = new UpdateSettings(REGISTRY,
                Map.of(OVERRIDE_USER, BcryptCredential.hash(OVERRIDE_PASSWORD, overrideCost)), true, "dbm@example.net",
                "testhost").withGuessLimits(guessLimits);
        this.engine = new UpdateEngine(db, new ParserSyntaxChecks("TEST"), settings,
                new MailSender("auto-dbm@example.net", null, outbox), Clock.systemUTC());
        this.listener = new HttpListener();
        new SyncupdatesEndpoint(engine, "TEST").registerOn(listener);
        this.port = listener.start("127.0.0.1", 0);
    }

    static String hash(String password) {
        return Fixtures.hash(password);
    }

    /** Stores objects directly (test fixtures), as an import would. */
    void seed(String... objects) {
        List<Change> changes = new ArrayList<>();
        for (String o : objects) {
            changes.add(Change.create(RpslObject.parse(o)));
        }
        db.commit(changes);
    }

    /** The standard fixtures: maintainers with passwords named after them, a contact, address space. */
    void seedStandard() {
        seed(person("Admin Person", "AP1-TEST", "OWNER-MNT"),
                mntner("OWNER-MNT", "owner-pw", "mnt-nfy:        owner-nfy@example.net\n"),
                mntner("OTHER-MNT", "other-pw", ""),
                mntner(REGISTRY, "hm-pw", ""),
                mntner("LIR-MNT", "lir-pw", ""),
                mntner("DOMAINS-MNT", "domains-pw", ""),
                mntner("ROUTES-MNT", "routes-pw", ""),
                mntner("REF-MNT", "ref-pw", ""),
                """
                organisation:   ORG-EO1-TEST
                org-name:       Example Org
                org-type:       OTHER
                address:        Street 1
                e-mail:         org@example.net
                mnt-ref:        REF-MNT
                mnt-by:         REF-MNT
                source:         TEST
                """,
                """
                inetnum:        10.0.0.0 - 10.255.255.255
                netname:        TOP-BLOCK
                country:        NL
                admin-c:        AP1-TEST
                tech-c:         AP1-TEST
                status:         ALLOCATED UNSPECIFIED
                mnt-by:         TEST-NCC-HM-MNT
                source:         TEST
                """,
                """
                inetnum:        10.1.0.0 - 10.1.255.255
                netname:        LIR-ALLOCATION
                country:        NL
                admin-c:        AP1-TEST
                tech-c:         AP1-TEST
                status:         ALLOCATED PA
                mnt-by:         TEST-NCC-HM-MNT
                mnt-lower:      LIR-MNT
                mnt-domains:    DOMAINS-MNT
                mnt-routes:     ROUTES-MNT
                source:         TEST
                """);
    }

    static String person(String name, String nicHdl, String mntBy) {
        return Fixtures.person(name, nicHdl, mntBy);
    }

    static String mntner(String name, String password, String extra) {
        return Fixtures.mntner(name, password, extra);
    }

    /** POSTs DATA urlencoded; returns the acknowledgement. */
    String post(String data) throws IOException, InterruptedException {
        HttpResponse<String> r = postForm(Map.of("DATA", data), "/syncupdates");
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * POSTs DATA from another loopback address ({@code 127.0.0.2}, ...), so the server sees another
     * client; returns the acknowledgement.
     */
    String postFrom(String localAddress, String data) throws IOException {
        byte[] body = ("DATA=" + URLEncoder.encode(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /syncupdates HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new AssertionError(response);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    HttpResponse<String> postForm(Map<String, String> fields, String path) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.length() > 0 ? "&" : "").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return client.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    RpslObject stored(ObjectType type, String key) {
        return db.get(type, key).map(StoredObject::object).orElse(null);
    }

    /** The text of every mail written to the outbox so far. */
    List<String> mails() throws IOException {
        engine.awaitNotifications();
        return Outbox.read(outbox);
    }

    @Override
    public void close() {
        listener.close();
        engine.close();
        db.close();
    }
}
