package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoReplyDetectorTest {
    private final AutoReplyDetector detector = new AutoReplyDetector("Robot <Auto-DBM@example.net>");

    private Optional<String> reason(Map<String, String> headers, String envelope, String from) {
        return detector.reason(name -> headers.containsKey(name) ? new String[] {headers.get(name)} : null, envelope, from);
    }

    @Test
    void ordinaryMailIsAnswered() {
        assertEquals(Optional.empty(), reason(Map.of("Auto-Submitted", "no"), "ann@example.com", "ann@example.com"));
        assertEquals(Optional.empty(), reason(Map.of("Precedence", "first-class"), null, "ann@example.com"));
    }

    @Test
    void autoRepliesBouncesAndLoopsAreRecognised() {
        assertTrue(reason(Map.of("Auto-Submitted", "auto-replied"), "a@example.com", "a@example.com").isPresent());
        assertTrue(reason(Map.of("Auto-Submitted", "auto-generated; owner-email=x"), "a@x", "a@x").isPresent());
        assertTrue(reason(Map.of("Precedence", "Bulk"), "a@x", "a@x").isPresent());
        assertTrue(reason(Map.of("Precedence", "junk"), "a@x", "a@x").isPresent());
        assertTrue(reason(Map.of("Precedence", "list"), "a@x", "a@x").isPresent());
        assertTrue(reason(Map.of("X-Loop", "auto-dbm@example.net"), "a@x", "a@x").isPresent());
        assertTrue(reason(Map.of("Content-Type", "multipart/report; report-type=delivery-status"), "a@x", "a@x").isPresent());
        assertTrue(reason(Map.of(), "", "ann@example.com").isPresent());
        assertTrue(reason(Map.of(), "<>", "ann@example.com").isPresent());
        assertTrue(reason(Map.of(), "MAILER-DAEMON@mx.example.com", "x@y").isPresent());
        assertTrue(reason(Map.of(), "a@x", "Mail System <postmaster@example.com>").isPresent());
        assertTrue(reason(Map.of(), "a@x", "auto-dbm@EXAMPLE.net").isPresent());
    }
}
