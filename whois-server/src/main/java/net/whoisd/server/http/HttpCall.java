package net.whoisd.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as endpoints see it: fully read, independent of Netty.
 *
 * @param method        upper-case method
 * @param path          decoded path without the query string
 * @param query         query-string parameters (each may repeat)
 * @param headers       header names lower-cased
 * @param body          the raw body
 * @param clientAddress the client's IP address
 */
public record HttpCall(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                       byte[] body, String clientAddress) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as text (UTF-8 unless the content type names another charset). */
    public String bodyText() {
        return new String(body, charset());
    }

    /**
     * Form fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body,
     * plus the query-string parameters.
     */
    public Map<String, List<String>> formFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        query.forEach((k, v) -> fields.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        String type = header("content-type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            MultipartForm.parse(body, type).forEach((k, v) -> fields.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        } else if (body.length > 0) {
            parseUrlEncoded(new String(body, StandardCharsets.ISO_8859_1), charset())
                    .forEach((k, v) -> fields.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        return fields;
    }

    /**
     * The fields of a URL-encoded text.
     *
     * @throws MalformedFormException if a {@code %} is not followed by two hexadecimal digits (the text
     *                                is not what the client meant to send, and is never used as it is)
     */
    public static Map<String, List<String>> parseUrlEncoded(String text, java.nio.charset.Charset charset) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.computeIfAbsent(URLDecoder.decode(k, charset), x -> new ArrayList<>()).add(URLDecoder.decode(v, charset));
            } catch (IllegalArgumentException e) {
                // URLDecoder's message quotes the bad escape: part of a password, perhaps
                throw new MalformedFormException("a %-escape is not two hexadecimal digits");
            }
        }
        return out;
    }

    private java.nio.charset.Charset charset() {
        String type = header("content-type");
        if (type != null) {
            int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                String name = type.substring(at + 8).replace("\"", "").split(";")[0].trim();
                try {
                    return java.nio.charset.Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
