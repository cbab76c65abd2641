package net.whoisd.server.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop. The JVM's own handlers start the shutdown hooks and end
 * the process with 128 + the signal's number (143 for SIGTERM) whatever the hooks do, so a service
 * manager would record every clean stop as a failure; with these handlers the server stops in its
 * own time and the process exits 0. {@code sun.misc.Signal} is in {@code jdk.unsupported}, open to
 * every module without flags on JDK 17 and later.
 */
final class StopSignals {
    private StopSignals() {
    }

    /**
     * Runs {@code onStop} (on a thread of its own, once per signal) when SIGTERM or SIGINT arrives.
     * A signal the JVM cannot take over (ignored when the process started, or {@code -Xrs}) keeps
     * its default behaviour: the shutdown hooks.
     */
    static void install(Runnable onStop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> onStop.run());
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (-Xrs, or it was ignored at start): the shutdown hook stops the server
            }
        }
    }
}
