package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading an object costs time in proportion to its continuation lines, not to their square. */
class ContinuationLinesTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** An as-set whose {@code remarks:} has {@code continuations} continuation lines, none with a '#'. */
    private static byte[] objectWithContinuations(int continuations) {
        StringBuilder sb = new StringBuilder("as-set:         AS-LONG\nremarks:        first\n");
        for (int i = 0; i < continuations; i++) {
            sb.append(i % 3 == 0 ? "+               line " : i % 3 == 1 ? "\tline  " : " line ").append(i).append('\n');
        }
        sb.append("source:         TEST\n\nas-set:         AS-NEXT\nsource:         TEST\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<ParsedObject> read(byte[] dump) throws IOException {
        List<ParsedObject> out = new ArrayList<>();
        try (DumpReader reader = new DumpReader(new ByteArrayInputStream(dump), "long.db")) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * The least CPU time of this thread, in nanoseconds, of five reads of the dump. Each read starts
     * after a full collection: otherwise whether a collection falls inside a read (the large object's
     * lines are all alive until it ends) decides its time more than the reading does.
     */
    private static long leastCpuNanos(byte[] dump) throws IOException {
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            System.gc();
            long before = THREADS.getCurrentThreadCpuTime();
            List<ParsedObject> objects = read(dump);
            least = Math.min(least, THREADS.getCurrentThreadCpuTime() - before);
            assertEquals(2, objects.size());
        }
        return least;
    }

    @Test
    void anObjectOfNearly200000ContinuationLinesReadsInSecondsWithTheRightValue() throws IOException {
        int continuations = 199_990;
        byte[] dump = objectWithContinuations(continuations);
        long before = THREADS.getCurrentThreadCpuTime();
        List<ParsedObject> objects = read(dump);
        long millis = (THREADS.getCurrentThreadCpuTime() - before) / 1_000_000;
        // about 0.1 s once compiled; each line scanning the rest of the value took about 5 s
        assertTrue(millis < 2_000, "read in " + millis + " ms of CPU");

        assertEquals(2, objects.size());
        RpslObject object = objects.get(0).object();
        assertTrue(objects.get(0).problems().isEmpty(), objects.get(0).problems().toString());
        assertEquals(3, object.attributes().size());
        RpslAttribute remarks = object.attributes().get(1);
        assertEquals("remarks", remarks.name());
        StringBuilder value = new StringBuilder("first");
        StringBuilder clean = new StringBuilder("first");
        for (int i = 0; i < continuations; i++) {
            value.append('\n').append(i % 3 == 0 ? "+               line " : i % 3 == 1 ? "\tline  " : " line ").append(i);
            clean.append(" line ").append(i);
        }
        assertEquals(value.toString(), remarks.value());
        assertEquals(clean.toString(), remarks.cleanValue());
        assertEquals(continuations + 5, objects.get(1).line());
        assertEquals("AS-NEXT", objects.get(1).object().value("as-set"));
    }

    @Test
    void fourTimesTheContinuationLinesTakeFarLessThanSixteenTimesTheTime() throws IOException {
        byte[] small = objectWithContinuations(49_000);
        byte[] large = objectWithContinuations(196_000);
        // warm-up, so that both sizes run compiled code
        for (int i = 0; i < 3; i++) {
            read(small);
            read(large);
        }
        long smallNanos = leastCpuNanos(small);
        long largeNanos = leastCpuNanos(large);
        // linear is 4x, quadratic 16x; 8x leaves room for the noise of a loaded machine
        assertTrue(largeNanos < 8 * smallNanos, "49,000 lines: " + smallNanos / 1_000_000 + " ms CPU, 196,000 lines: "
                + largeNanos / 1_000_000 + " ms CPU");
    }

    @Test
    void anObjectOverTheLineLimitIsRejectedAndTheNextOneReads() throws IOException {
        List<ParsedObject> objects = read(objectWithContinuations(ParagraphBuilder.MAX_LINES + 10));
        assertEquals(2, objects.size());
        assertNull(objects.get(0).object());
        assertTrue(objects.get(0).problems().get(0).message().contains("has more than " + ParagraphBuilder.MAX_LINES + " lines"),
                objects.get(0).problems().toString());
        assertEquals("AS-NEXT", objects.get(1).object().value("as-set"));
    }
}
