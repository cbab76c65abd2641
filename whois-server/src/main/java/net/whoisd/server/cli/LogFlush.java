package net.whoisd.server.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Log lines go through an asynchronous appender: before the JVM exits, drain and stop it. */
final class LogFlush {
    private LogFlush() {
    }

    static void beforeExit() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop(); // AsyncAppender.stop() waits for its queue to drain
        }
    }
}
