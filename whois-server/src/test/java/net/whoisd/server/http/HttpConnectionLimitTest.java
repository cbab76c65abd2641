package net.whoisd.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.whoisd.server.SampleLoader;
import net.whoisd.server.WhoisServer;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP door's connection limits and request deadline over real sockets, beside a whois door
 * that must keep answering.
 */
class HttpConnectionLimitTest {
    @TempDir
    Path dataDir;

    private WhoisServer server;
    private final List<Socket> open = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(String... pairs) throws Exception {
        Properties p = new Properties();
        p.setProperty("whois.port", String.valueOf(freePort()));
        p.setProperty("http.port", String.valueOf(freePort()));
        p.setProperty("smtp.port", "0");
        p.setProperty("data.dir", dataDir.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        ServerConfig config = ServerConfig.fromProperties(p);
        SampleLoader.loadIfEmpty(dataDir, config.source());
        server = new WhoisServer(config, PersistentDatabase.open(dataDir, config.source())).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Socket connect(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(20_000);
        open.add(s);
        return s;
    }

    /** A connection that has had one keep-alive exchange, so the server has surely counted it. */
    private Socket admitted(String from) throws IOException {
        Socket s = connect(from, server.httpPort());
        String response = exchange(s, "GET /no-such-resource HTTP/1.1\r\nHost: test\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 404 "), response);
        return s;
    }

    /** Sends a request and reads one response (headers and Content-Length body). */
    private static String exchange(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return response(s.getInputStream());
    }

    private static String response(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int length = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return buf.toString(StandardCharsets.US_ASCII);
            }
            buf.write(b);
            String text = buf.toString(StandardCharsets.US_ASCII);
            if (length < 0 && text.endsWith("\r\n\r\n")) {
                int at = text.toLowerCase().indexOf("content-length:");
                length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).strip());
                byte[] body = in.readNBytes(length);
                return text + new String(body, StandardCharsets.US_ASCII);
            }
        }
    }

    private String whois(String query) throws IOException {
        try (Socket s = connect("127.0.0.1", server.whoisPort())) {
            s.getOutputStream().write((query + "\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void connectionOverTheAddressLimitGets429AndCloseWhileWhoisStillAnswers() throws Exception {
        start("http.connections-per-ip", "3", "acl.trusted", "127.0.0.2");
        List<Socket> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(admitted("127.0.0.1"));
        }
        Socket fourth = connect("127.0.0.1", server.httpPort());
        String refused = exchange(fourth, "GET /no-such-resource HTTP/1.1\r\nHost: test\r\n\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 429 Too Many Requests\r\n"), refused);
        assertTrue(refused.endsWith("too many connections from 127.0.0.1 (at most 3 at once); try again later\n"), refused);
        assertEquals(-1, fourth.getInputStream().read(), "the refused connection is closed");

        assertTrue(whois("-r LIR1-MNT").contains("mntner:         LIR1-MNT"), "whois still answers");
        for (int i = 0; i < 4; i++) {
            admitted("127.0.0.2"); // trusted: exempt from the per-address limit
        }
        admitted("127.0.0.3");

        three.get(0).close();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Socket again = connect("127.0.0.1", server.httpPort());
            String response = exchange(again, "GET /no-such-resource HTTP/1.1\r\nHost: test\r\n\r\n");
            if (response.startsWith("HTTP/1.1 404 ")) {
                break; // the closed connection's slot was given back
            }
            assertTrue(response.startsWith("HTTP/1.1 429 "), response);
            again.close();
            assertTrue(System.nanoTime() < deadline, "a closed connection frees its slot");
            Thread.sleep(20);
        }
    }

    @Test
    void connectionOverTheTotalLimitGets503() throws Exception {
        start("http.connections-per-ip", "0", "http.max-connections", "2");
        admitted("127.0.0.1");
        admitted("127.0.0.2");
        Socket third = connect("127.0.0.3", server.httpPort());
        String refused = exchange(third, "GET /no-such-resource HTTP/1.1\r\nHost: test\r\n\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), refused);
        assertEquals(-1, third.getInputStream().read(), "the refused connection is closed");
        assertTrue(whois("-r LIR1-MNT").contains("mntner:         LIR1-MNT"), "whois still answers");
    }

    @Test
    void requestFedTooSlowlyGets408AndClose() throws Exception {
        start("http.request-timeout", "1");
        Socket slow = connect("127.0.0.1", server.httpPort());
        byte[] request = "POST /synupdates HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        InputStream in = slow.getInputStream();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        // one byte every 100 ms: each well within the read timeout, the whole request never done
        try {
            for (int i = 0; in.available() == 0; i++) {
                assertTrue(System.nanoTime() < deadline, "no answer to a request fed a byte at a time");
                slow.getOutputStream().write(i < request.length ? request[i] : 'x');
                slow.getOutputStream().flush();
                Thread.sleep(100);
            }
        } catch (IOException closedWhileFeeding) {
            // the server closed the connection after its answer
        }
        String response = response(in);
        assertTrue(response.startsWith("HTTP/1.1 408 Request Timeout\r\n"), response);
        assertEquals(-1, in.read(), "closed after the 408");
    }
}
