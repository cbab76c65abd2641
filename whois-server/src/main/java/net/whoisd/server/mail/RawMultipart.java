package net.whoisd.server.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multipart body into its parts byte for byte (RFC 2046 §5.1.1), which a PGP/MIME
 * signature needs: it covers the first part exactly as transmitted, and a MIME library that parses
 * and writes the part again may change it.
 */
final class RawMultipart {
    private RawMultipart() {
    }

    /**
     * The parts between the delimiter lines {@code --boundary}, up to the close delimiter
     * {@code --boundary--}. The line break before a delimiter belongs to the delimiter, not to the
     * part. Preamble and epilogue are dropped. Empty if no delimiter is found.
     */
    static List<byte[]> split(byte[] body, String boundary) {
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> parts = new ArrayList<>();
        int partStart = -1;
        int lineStart = 0;
        while (lineStart < body.length) {
            int lineEnd = indexOf(body, (byte) '\n', lineStart);
            int next = lineEnd < 0 ? body.length : lineEnd + 1;
            int contentEnd = lineEnd < 0 ? body.length : lineEnd;
            if (contentEnd > lineStart && body[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            Delimiter delimiter = delimiter(body, lineStart, contentEnd, dashBoundary);
            if (delimiter != Delimiter.NONE) {
                if (partStart >= 0) {
                    parts.add(copy(body, partStart, lineBreakBefore(body, lineStart, partStart)));
                }
                if (delimiter == Delimiter.CLOSE) {
                    return parts;
                }
                partStart = next;
            }
            lineStart = next;
        }
        if (partStart >= 0 && partStart < body.length) {
            parts.add(copy(body, partStart, body.length)); // no close delimiter: the last part runs to the end
        }
        return parts;
    }

    /** Bare LF line ends become CRLF, as RFC 3156 requires for the signed data. */
    static byte[] canonicalLineEnds(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 40);
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(data[i]);
        }
        return out.toByteArray();
    }

    private enum Delimiter { NONE, PART, CLOSE }

    private static Delimiter delimiter(byte[] body, int from, int to, byte[] dashBoundary) {
        if (to - from < dashBoundary.length) {
            return Delimiter.NONE;
        }
        for (int i = 0; i < dashBoundary.length; i++) {
            if (body[from + i] != dashBoundary[i]) {
                return Delimiter.NONE;
            }
        }
        int rest = from + dashBoundary.length;
        boolean close = to - rest >= 2 && body[rest] == '-' && body[rest + 1] == '-';
        for (int i = close ? rest + 2 : rest; i < to; i++) {
            if (body[i] != ' ' && body[i] != '\t') {
                return Delimiter.NONE; // a longer boundary that merely starts the same way
            }
        }
        return close ? Delimiter.CLOSE : Delimiter.PART;
    }

    /** End of a part: the delimiter line's start, less the CRLF (or LF) that precedes it. */
    private static int lineBreakBefore(byte[] body, int delimiterStart, int partStart) {
        int end = delimiterStart;
        if (end > partStart && body[end - 1] == '\n') {
            end--;
            if (end > partStart && body[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] copy(byte[] data, int from, int to) {
        byte[] out = new byte[Math.max(0, to - from)];
        System.arraycopy(data, from, out, 0, out.length);
        return out;
    }
}
