package net.whoisd.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every line logged reaches standard error, whole and in each thread's order, by the time stop() returns. */
class BatchingConsoleAppenderTest {
    @Test
    void noLineIsLostOrTornAndStopWritesWhatIsQueued() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        BatchingConsoleAppender appender = new BatchingConsoleAppender();
        appender.setContext(context);
        appender.setName("test");
        appender.setEncoder(encoder);
        appender.setQueueSize(64); // smaller than what is logged: a full queue must block, not drop
        Logger logger = context.getLogger("query");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int threads = 4;
        int perThread = 5_000;
        try {
            appender.start();
            List<Thread> loggers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread logging = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        appender.doAppend(new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                                "client=192.0.2." + thread + " query=-r AS" + i + " objects=1", null, null));
                    }
                });
                logging.start();
                loggers.add(logging);
            }
            for (Thread logging : loggers) {
                logging.join();
            }
            appender.stop();
        } finally {
            System.setErr(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(threads * perThread, lines.length, () -> context.getStatusManager().getCopyOfStatusList().toString());
        int[] next = new int[threads];
        for (String line : lines) {
            assertTrue(line.matches("client=192\\.0\\.2\\.\\d query=-r AS\\d+ objects=1"), line);
            int thread = line.charAt("client=192.0.2.".length()) - '0';
            int n = Integer.parseInt(line.substring(line.indexOf("AS") + 2, line.indexOf(" objects")));
            assertEquals(next[thread]++, n, "lines of one thread in the order they were logged");
        }
    }
}
