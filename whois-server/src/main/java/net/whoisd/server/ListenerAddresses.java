package net.whoisd.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import net.whoisd.server.config.ServerConfig;

/**
 * The address and port each enabled listener binds, and what a failure to bind says: the listener
 * and the address, so that "Address already in use" tells which port of which door. {@code serve}
 * checks them before it loads the sample, which takes a while and is wasted if a port is taken.
 */
public final class ListenerAddresses {
    private ListenerAddresses() {
    }

    /** Listener name to configured port, for the listeners that are enabled (port not 0). */
    static Map<String, Integer> enabled(ServerConfig config) {
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("whois", config.whoisPort());
        all.put("http", config.httpPort());
        all.put("smtp", config.smtpPort());
        all.values().removeIf(port -> port == 0);
        return all;
    }

    /** Throws {@link IllegalStateException} naming the first listener whose address cannot be bound now. */
    public static void checkFree(ServerConfig config) {
        for (Map.Entry<String, Integer> e : enabled(config).entrySet()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);   // as the listeners bind: a port in TIME_WAIT is free
                socket.bind(new InetSocketAddress(config.bindAddress(), e.getValue()));
            } catch (IOException ex) {
                throw cannotBind(e.getKey(), config.bindAddress(), e.getValue(), ex);
            }
        }
    }

    /** {@code whois listener: cannot bind 127.0.0.1:4343: Address already in use}. */
    static IllegalStateException cannotBind(String listener, String address, int port, Exception cause) {
        return new IllegalStateException(listener + " listener: cannot bind " + address + ":" + port + ": " + reason(cause), cause);
    }

    /** The innermost message, without the "bind(..) failed: " prefixes the transports add. */
    private static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() != null ? root.getMessage() : root.toString();
        if (root instanceof BindException || m.contains("failed: ")) {
            m = m.substring(m.lastIndexOf("failed: ") < 0 ? 0 : m.lastIndexOf("failed: ") + "failed: ".length());
        }
        return m;
    }
}
