package net.whoisd.server.registry;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.sample.SyntheticDatabase;
import net.whoisd.server.MovableClock;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.auth.OverrideCredentials;
import net.whoisd.server.http.HttpListener;
import net.whoisd.server.http.RegistryEndpoint;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.write.SingleWriter;
import net.whoisd.server.write.WriterOnlyDatabase;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.disk.TestStorage;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;

/**
 * A real server for the HTTP-level tests: a PersistentDatabase loaded with a synthetic registry of
 * many LIRs ({@code LIR1-MNT} ... with {@code ORG-LIRn-TEST}), the /registry/ endpoint on an
 * HttpListener bound to port 0, mail written to an outbox directory, and a clock the test moves.
 */
final class RegistryFixture implements AutoCloseable {
    static final String USER = "hostmaster";
    static final String PASSWORD = "correct horse";
    static final int LIRS = 24;

    final PersistentDatabase db;
    final ServerConfig config;
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T00:00:00Z"));
    final Path outbox;
    final HttpListener http;
    final String url;
    final SingleWriter writer = new SingleWriter("test-writer");
    private final HttpClient client = HttpClient.newHttpClient();

    /** @param wrap lets a test put a fault injector in front of the real database */
    RegistryFixture(Path dir, Function<WhoisDatabase, WhoisDatabase> wrap) throws Exception {
        this(dir, wrap, new Properties());
    }

    /** @param settings configuration keys besides the fixture's own (override.users, mail.outbox) */
    RegistryFixture(Path dir, Function<WhoisDatabase, WhoisDatabase> wrap, Properties settings) throws Exception {
        db = TestStorage.open(dir.resolve("data"), "TEST");
        List<Change> load = new ArrayList<>();
        new SyntheticDatabase(20261122L, "TEST").write(LIRS * 30L, (type, text) -> load.add(Change.create(RpslObject.parse(text))));
        db.commit(load);
        outbox = dir.resolve("outbox");
        Properties p = new Properties();
        p.putAll(settings);
        p.setProperty("override.users", USER + ":" + BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray()));
        p.setProperty("mail.outbox", outbox.toString());
        config = ServerConfig.fromProperties(p);
        RegistryService service = new RegistryService(RegistryContext.of(new WriterOnlyDatabase(wrap.apply(db), writer), config, clock),
                new MailSender(config.mailFrom(), null, outbox), writer);
        http = new HttpListener().route(RegistryEndpoint.PREFIX, new RegistryEndpoint(service, new OverrideCredentials(config.overrideUsers())));
        url = "http://127.0.0.1:" + http.start("127.0.0.1", 0);
    }

    RegistryFixture(Path dir) throws Exception {
        this(dir, d -> d);
    }

    record Reply(int status, String body) {
    }

    Reply post(String operation, String... fields) throws IOException, InterruptedException {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.add(fields[i] + "=" + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(url + "/registry/" + operation)).header("Authorization", basic(USER, PASSWORD))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    Reply get(String operation) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + "/registry/" + operation)).header("Authorization", basic(USER, PASSWORD)).GET());
    }

    Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    RpslObject object(ObjectType type, String key) {
        return db.get(type, key).map(StoredObject::object).orElse(null);
    }

    /** Every object's text by key: to compare the whole database before and after. */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        db.forEach(s -> out.put(s.key().toString(), s.object().toText()));
        return out;
    }

    /** The part of a snapshot that mentions any of the given LIR maintainers or organisations. */
    static Map<String, String> mentioning(Map<String, String> snapshot, List<String> words) {
        Map<String, String> out = new TreeMap<>();
        snapshot.forEach((k, v) -> {
            for (String w : words) {
                if (v.contains(w)) {
                    out.put(k, v);
                }
            }
        });
        return out;
    }

    @Override
    public void close() {
        http.close();
        writer.close();
        db.close();
    }
}
