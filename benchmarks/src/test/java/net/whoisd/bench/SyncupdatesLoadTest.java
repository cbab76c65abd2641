package net.whoisd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncupdatesLoadTest {
    private static WhoisLoadGenerator.Report p99(long micros) {
        return new WhoisLoadGenerator.Report(1000, 0, 10, 100, 200, micros, micros * 2);
    }

    @Test
    void medianP99OfAnOddNumberOfRoundsIsTheMiddleOne() {
        assertEquals(0.5, SyncupdatesLoad.medianP99(List.of(p99(2000), p99(300), p99(500))));
    }

    @Test
    void medianP99OfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
        assertEquals(0.45, SyncupdatesLoad.medianP99(List.of(p99(2000), p99(300), p99(500), p99(400))), 1e-9);
    }

    /** A small run end to end (its own database, HTTP and whois listeners): every update is created. */
    @Test
    void aSmallRunCreatesEveryUpdate() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> SyncupdatesLoad.main(new String[] {"40", "4", "4"}));
        } finally {
            System.setOut(out);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("failures: 0"), report);
        // the update clients' threads end before the report: their CPU is counted as each one ends
        java.util.regex.Matcher clients = java.util.regex.Pattern.compile("update clients (\\d+) µs/update").matcher(report);
        assertTrue(clients.find(), report);
        assertTrue(Integer.parseInt(clients.group(1)) > 0, report);
    }
}
