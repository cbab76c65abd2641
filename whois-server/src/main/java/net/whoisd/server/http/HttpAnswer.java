package net.whoisd.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an endpoint answers: status, content type and body. */
public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static HttpAnswer text(int status, String body) {
        return new HttpAnswer(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
