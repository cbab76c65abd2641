package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import net.whoisd.storage.disk.BulkImporter;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.disk.TestStorage;

/** A real server on a real port over a real data directory holding the sample database. */
final class TestServer implements AutoCloseable {
    final WhoisServer server;
    final int port;

    private TestServer(WhoisServer server) {
        this.server = server;
        this.port = server.whoisPort();
    }

    static TestServer start(Path dataDir, Properties extra, WhoisListener.Settings settings) throws Exception {
        Properties p = new Properties();
        p.setProperty("whois.port", String.valueOf(freePort()));
        p.setProperty("http.port", "0");
        p.setProperty("smtp.port", "0");
        p.setProperty("data.dir", dataDir.toString());
        p.putAll(extra);
        ServerConfig config = ServerConfig.fromProperties(p);
        SampleLoader.loadIfEmpty(dataDir, config.source(), TestStorage.OPTIONS);
        PersistentDatabase db = TestStorage.open(dataDir, config.source());
        return new TestServer(new WhoisServer(config, db, settings).start());
    }

    /** Imports the dump into a new data directory (every object must load: {@code objects} of them) and serves it. */
    static TestServer importAndStart(Path dump, Path dataDir, int objects) throws Exception {
        List<String> rejected = new ArrayList<>();
        BulkImporter.Summary s = new BulkImporter(dataDir, "TEST", false, false, new BulkImporter.Listener() {
            @Override
            public void rejected(String file, int line, String reason) {
                rejected.add(line + ": " + reason);
            }

            @Override
            public void progress(long objects, long bytesRead, long totalBytes, long elapsedMillis) {
            }
        }).importFiles(List.of(dump));
        assertEquals(List.of(), rejected);
        assertEquals(objects, s.loaded());
        return start(dataDir);
    }

    static TestServer start(Path dataDir) throws Exception {
        return start(dataDir, new Properties(), WhoisListener.Settings.defaults());
    }

    static WhoisListener.Settings settings(Duration idle, int maxConnections) {
        return new WhoisListener.Settings(1024, idle, maxConnections, 8);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Sends one line and reads until the server closes the connection. */
    String query(String line) throws IOException {
        return exchange((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    String exchange(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return readAll(s.getInputStream());
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        int n;
        while ((n = in.read(b)) > 0) {
            buf.write(b, 0, n);
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** The answer without the banner and its empty line. */
    static String body(String response) {
        String banner = QueryMessages.banner() + "\n";
        if (!response.startsWith(banner)) {
            throw new AssertionError("response does not start with the banner:\n" + response);
        }
        return response.substring(banner.length());
    }

    @Override
    public void close() {
        server.close();
    }
}
