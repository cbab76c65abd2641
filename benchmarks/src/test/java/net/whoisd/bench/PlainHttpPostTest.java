package net.whoisd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The update clients' HTTP client: bodies sent and read whole, one connection kept, a closed one replaced. */
class PlainHttpPostTest {
    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger closeAfter = new AtomicInteger(Integer.MAX_VALUE);
    private URI uri;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/syncupdates", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("got " + new String(body, StandardCharsets.UTF_8) + " as "
                    + exchange.getRequestHeaders().getFirst("Content-Type")).getBytes(StandardCharsets.UTF_8);
            if (closeAfter.decrementAndGet() == -1) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/syncupdates");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsOverOneKeptAliveConnection() throws IOException {
        try (PlainHttpPost http = new PlainHttpPost(uri)) {
            for (int i = 0; i < 5; i++) {
                PlainHttpPost.Response r = http.post("text/plain", ("DATA=" + i + " é").getBytes(StandardCharsets.UTF_8));
                assertEquals(201, r.status());
                assertEquals("got DATA=" + i + " é as text/plain", r.body());
            }
        }
        assertEquals(1, clientPorts.size(), "one connection for all five");
    }

    @Test
    void aConnectionTheServerClosesIsReplaced() throws IOException {
        closeAfter.set(2); // the third answer says Connection: close
        try (PlainHttpPost http = new PlainHttpPost(uri)) {
            for (int i = 0; i < 5; i++) {
                assertEquals("got " + i + " as text/plain", http.post("text/plain", Integer.toString(i).getBytes(StandardCharsets.UTF_8)).body());
            }
        }
        assertEquals(2, clientPorts.size(), "a second connection after the close");
    }
}
