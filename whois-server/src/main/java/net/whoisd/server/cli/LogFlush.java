package net.whoisd.server.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Log lines are written by a background thread (BatchingConsoleAppender): before the JVM exits, drain and stop it. */
final class LogFlush {
    private LogFlush() {
    }

    static void beforeExit() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop(); // the appender's stop() writes what is queued
        }
    }
}
