package net.whoisd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
