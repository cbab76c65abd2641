package net.whoisd.server.mail;

/**
 * Test-only fault injection: with the system property {@code whoisd.test.halt-at} set to a point's
 * name, the JVM halts (as a kill -9 would stop it: no shutdown hooks, no flushes) the first time
 * that point is reached. Unset, {@link #reach} compares one constant with null.
 */
final class FaultPoint {
    /** After the update engine committed a message, before its answer is stored. */
    static final String AFTER_COMMIT = "mail.after-commit";
    /** After the answer is stored, before it is sent. */
    static final String AFTER_ANSWER_STORED = "mail.after-answer-stored";
    /** After the answer was sent, before the message is recorded as handled. */
    static final String AFTER_SEND = "mail.after-send";

    private static final String HALT_AT = System.getProperty("whoisd.test.halt-at");

    private FaultPoint() {
    }

    static void reach(String point) {
        if (HALT_AT != null && HALT_AT.equals(point)) {
            Runtime.getRuntime().halt(137);
        }
    }
}
