package net.whoisd.server.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the text fields of a {@code multipart/form-data} body (what {@code curl -F} sends). */
final class MultipartForm {
    private MultipartForm() {
    }

    static Map<String, List<String>> parse(byte[] body, String contentType) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int b = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=");
        if (b < 0) {
            return out;
        }
        String boundary = contentType.substring(b + 9).split(";")[0].trim().replace("\"", "");
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int pos = text.indexOf(delimiter);
        while (pos >= 0) {
            int partStart = pos + delimiter.length();
            if (text.startsWith("--", partStart)) {
                break;
            }
            int next = text.indexOf("\r\n" + delimiter, partStart);
            if (next < 0) {
                next = text.indexOf("\n" + delimiter, partStart);
                if (next < 0) {
                    break;
                }
            }
            String part = text.substring(partStart, next);
            int headerEnd = part.indexOf("\r\n\r\n");
            int sep = 4;
            if (headerEnd < 0) {
                headerEnd = part.indexOf("\n\n");
                sep = 2;
            }
            if (headerEnd >= 0) {
                String headers = part.substring(0, headerEnd);
                String value = part.substring(headerEnd + sep);
                String name = fieldName(headers);
                if (name != null) {
                    byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
                    out.computeIfAbsent(name, x -> new ArrayList<>()).add(new String(raw, StandardCharsets.UTF_8));
                }
            }
            pos = text.indexOf(delimiter, next + 1);
        }
        return out;
    }

    private static String fieldName(String headers) {
        for (String line : headers.split("\r?\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition")) {
                int n = line.indexOf("name=\"");
                if (n >= 0) {
                    int end = line.indexOf('"', n + 6);
                    if (end > n) {
                        return line.substring(n + 6, end);
                    }
                }
            }
        }
        return null;
    }
}
