package net.whoisd.server.http;

import java.nio.file.Path;

/**
 * A syncupdates server in its own JVM, for the kill -9 test: serves the data directory given as
 * argument, prints {@code PORT n} when ready, and runs until it is killed or stdin closes.
 */
public final class SyncupdatesChild {
    private SyncupdatesChild() {
    }

    public static void main(String[] args) throws Exception {
        try (SyncupdatesHarness server = new SyncupdatesHarness(Path.of(args[0]))) {
            System.out.println("PORT " + server.port);
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent
            }
        }
    }
}
