package net.whoisd.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.server.http.RegistryEndpoint;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How registry commands reach the running server: {@code --server} (default the configured HTTP
 * listener), the override credential from {@code --override} or {@code WHOIS_OVERRIDE} (sent only
 * with operations that change data; reports need none), and one
 * call to an endpoint under {@code /registry/}. A picocli mixin.
 */
public final class RegistryClient {
    public static final String OVERRIDE_ENV = "WHOIS_OVERRIDE";

    @Mixin
    CommonOptions common;

    @Option(names = "--server", paramLabel = "URL", description = "the server's HTTP address (default http://<bind.address>:<http.port>)")
    String server;

    @Option(names = "--override", paramLabel = "USER:PASSWORD",
            description = "an override.users credential (default: the environment variable " + OVERRIDE_ENV + ")")
    String override;

    /** The answer of one call. */
    public record Answer(int status, String body) {
    }

    /** Calls the endpoint; {@code fields} null means GET. Throws with a readable reason if unreachable. */
    public Answer call(String operation, Map<String, String> fields) throws IOException, InterruptedException {
        String credential = override != null ? override : System.getenv(OVERRIDE_ENV);
        boolean changes = fields != null;
        if (changes && (credential == null || credential.indexOf(':') <= 0)) {
            throw new IllegalArgumentException("give an override credential with --override USER:PASSWORD or " + OVERRIDE_ENV);
        }
        URI uri = URI.create(base() + RegistryEndpoint.PREFIX + operation);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30));
        if (changes) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8)));
        }
        if (fields == null) {
            request.GET();
        } else {
            StringJoiner form = new StringJoiner("&");
            fields.forEach((k, v) -> {
                if (v != null) {
                    form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            });
            request.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IOException("cannot reach the server at " + base() + " (is ./whoisd serve running?): " + e, e);
        }
    }

    /** Prints a successful answer to {@code out}, a refusal to {@code err}; returns the exit code. */
    public static int print(Answer answer, PrintWriter out, PrintWriter err) {
        if (answer.status() == 200) {
            out.print(answer.body());
            out.flush();
            return 0;
        }
        err.print("whoisd: " + answer.body());
        err.flush();
        return 1;
    }

    /** Form fields in the given order; {@code dry-run} only when set. */
    public static Map<String, String> fields(boolean dryRun, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        if (dryRun) {
            out.put("dry-run", "true");
        }
        return out;
    }

    private String base() throws IOException {
        if (server != null) {
            return server.replaceAll("/+$", "");
        }
        ServerConfig config = common.load();
        String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + config.httpPort();
    }
}
