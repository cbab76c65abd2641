package net.whoisd.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A blocking HTTP/1.1 client for one thread: POSTs over one kept-alive connection, reconnecting
 * when the server closes it. The load generators' update clients stand in for clients on other
 * machines; on the server's own two cores, {@code java.net.http.HttpClient} took about 0.3 ms of
 * CPU per request (its selector and executor threads) beside a server that spends 0.6 ms on the
 * update, and this takes a small fraction of that. Handles what the server sends: a status line,
 * headers and a body of {@code Content-Length} bytes.
 */
final class PlainHttpPost implements AutoCloseable {
    /** A response: status code and body (UTF-8). */
    record Response(int status, String body) {
    }

    private final URI uri;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    PlainHttpPost(URI uri) {
        this.uri = uri;
    }

    /** POSTs a form body; retried once on a fresh connection if the kept-alive one turns out closed. */
    Response post(String contentType, byte[] body) throws IOException {
        boolean fresh = socket == null;
        try {
            return exchange(contentType, body);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange(contentType, body);
        }
    }

    private Response exchange(String contentType, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before the response");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int length = -1;
        boolean close = parts[0].equals("HTTP/1.0");
        for (String header; (header = line()) != null && !header.isEmpty(); ) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        byte[] content = in.readNBytes(length);
        if (content.length < length) {
            throw new IOException("connection closed in the response body");
        }
        if (close) {
            close();
        }
        return new Response(Integer.parseInt(parts[1]), new String(content, StandardCharsets.UTF_8));
    }

    /** A header line without its CRLF, or null at the end of the stream. */
    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection that is gone anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
