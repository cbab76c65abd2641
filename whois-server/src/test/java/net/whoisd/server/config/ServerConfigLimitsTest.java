package net.whoisd.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The connection and query limit keys: defaults, values given, and values refused. */
class ServerConfigLimitsTest {
    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void defaults() {
        ServerConfig c = ServerConfig.defaults();
        assertEquals(10, c.httpConnectionsPerIp());
        assertEquals(1000, c.httpMaxConnections());
        assertEquals(60, c.httpRequestTimeoutSeconds());
        assertEquals(5, c.smtpConnectionsPerIp());
        assertEquals(100, c.smtpMaxConnections());
        assertEquals(16, c.whoisLargeQueries());
        assertEquals(2, c.aclLargeQueriesPerIp());
    }

    @Test
    void valuesGivenAreKeptAcrossOverrides() {
        ServerConfig c = ServerConfig.fromProperties(props("http.connections-per-ip", "4", "http.max-connections", "50",
                "http.request-timeout", "7", "smtp.connections-per-ip", "0", "smtp.max-connections", "9",
                "whois.large-queries", "3", "acl.large-queries-per-ip", "1")).withPorts(1, 2, 3, 4);
        assertEquals(4, c.httpConnectionsPerIp());
        assertEquals(50, c.httpMaxConnections());
        assertEquals(7, c.httpRequestTimeoutSeconds());
        assertEquals(0, c.smtpConnectionsPerIp());
        assertEquals(9, c.smtpMaxConnections());
        assertEquals(3, c.whoisLargeQueries());
        assertEquals(1, c.aclLargeQueriesPerIp());
    }

    @Test
    void negativeOrZeroTimeoutIsRefused() {
        for (String key : new String[] {"http.connections-per-ip", "http.max-connections", "smtp.connections-per-ip",
                "smtp.max-connections", "whois.large-queries", "acl.large-queries-per-ip"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromProperties(props(key, "-1")));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromProperties(props("http.request-timeout", "0")));
        assertTrue(e.getMessage().contains("http.request-timeout"), e.getMessage());
    }
}
