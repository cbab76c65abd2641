package net.whoisd.server.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AccessControlTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static AccessControl acl(int connections, long personal, Clock clock) {
        return new AccessControl(AddressRanges.parse("acl.trusted", List.of("10.0.0.0/8", "2001:db8:ffff::/48")),
                AddressRanges.parse("acl.denied", List.of("192.0.2.0 - 192.0.2.127", "10.1.1.1", "2001:db8:bad::/48")),
                connections, personal, clock);
    }

    @Test
    void deniedAndTrustedRanges() throws Exception {
        AccessControl acl = acl(3, 10, Clock.systemUTC());
        assertTrue(acl.isDenied(ip("192.0.2.5")));
        assertFalse(acl.isDenied(ip("192.0.2.200")));
        assertTrue(acl.isDenied(ip("2001:db8:bad::1")));
        assertFalse(acl.isDenied(ip("10.1.1.1")), "trusted wins over denied");
        assertTrue(acl.isTrusted(ip("10.200.0.1")));
        assertTrue(acl.isTrusted(ip("::ffff:10.0.0.1")), "IPv4-mapped addresses count as IPv4");
    }

    @Test
    void connectionsPerAddress() throws Exception {
        AccessControl acl = acl(3, 10, Clock.systemUTC());
        InetAddress a = ip("198.51.100.1");
        assertTrue(acl.openConnection(a));
        assertTrue(acl.openConnection(a));
        assertTrue(acl.openConnection(a));
        assertFalse(acl.openConnection(a));
        assertEquals(3, acl.openConnections(a));
        acl.closeConnection(a);
        assertTrue(acl.openConnection(a));
        assertTrue(acl.openConnection(ip("198.51.100.2")), "other addresses are counted separately");
        InetAddress trusted = ip("10.0.0.9");
        for (int i = 0; i < 10; i++) {
            assertTrue(acl.openConnection(trusted));
        }
    }

    @Test
    void zeroMeansUnlimitedConnections() throws Exception {
        AccessControl acl = acl(0, 10, Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            assertTrue(acl.openConnection(ip("198.51.100.1")));
        }
    }

    @Test
    void personalDataAllowanceResetsAtMidnightUtc() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T23:00:00Z"));
        Clock clock = new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        AccessControl acl = acl(3, 10, clock);
        assertEquals(10, acl.remaining("198.51.100.1"));
        acl.charge("198.51.100.1", 7);
        assertEquals(3, acl.remaining("198.51.100.1"));
        acl.charge("198.51.100.1", 5);
        assertEquals(0, acl.remaining("198.51.100.1"));
        assertEquals(10, acl.remaining("198.51.100.2"));
        assertEquals(Long.MAX_VALUE, acl.remaining("10.0.0.1"), "trusted addresses are not limited");
        now.set(Instant.parse("2026-01-02T00:00:01Z"));
        assertEquals(10, acl.remaining("198.51.100.1"));
    }

    @Test
    void ipv6ClientsAreAccountedPerSlash64() {
        AccessControl acl = acl(3, 10, Clock.systemUTC());
        acl.charge("2001:db8:1:2::1", 4);
        acl.charge("2001:db8:1:2::ffff", 4);
        assertEquals(2, acl.remaining("2001:db8:1:2:aaaa::1"));
        assertEquals(10, acl.remaining("2001:db8:1:3::1"));
    }

    @Test
    void badConfigurationEntryIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AddressRanges.parse("acl.denied", List.of("not-an-ip")));
        assertTrue(e.getMessage().contains("acl.denied"));
        assertTrue(e.getMessage().contains("not-an-ip"));
    }
}
