package net.whoisd.server.query;

import net.whoisd.server.metrics.QueryOutcome;

/**
 * An answer produced a part at a time, so that a large one is never held whole: the listener writes
 * a part, and asks for the next only while the connection can take it. Not thread-safe; one thread
 * at a time (the listener hands it from one pool thread to the next, never to two at once).
 */
public interface AnswerStream {

    /** The next part of the answer text; after the last part {@link #done()} is true. */
    String next();

    boolean done();

    /** Objects sent so far (for the query log). */
    int objects();

    /** Personal-data objects sent so far (already charged). */
    int personalObjects();

    /** Whether the connection must be closed after the answer, even with {@code -k}; known once done. */
    boolean close();

    /** How the query ended (for the metrics); known once done. */
    QueryOutcome outcome();

    /** The whole answer in one text (the rest of it, if parts were taken already). */
    QueryAnswer whole();

    /** An answer already complete: one part. */
    static AnswerStream of(QueryAnswer answer) {
        return new AnswerStream() {
            private boolean taken;

            @Override
            public String next() {
                taken = true;
                return answer.text();
            }

            @Override
            public boolean done() {
                return taken;
            }

            @Override
            public int objects() {
                return answer.objects();
            }

            @Override
            public int personalObjects() {
                return answer.personalObjects();
            }

            @Override
            public boolean close() {
                return answer.close();
            }

            @Override
            public QueryOutcome outcome() {
                return answer.outcome();
            }

            @Override
            public QueryAnswer whole() {
                return answer;
            }
        };
    }
}
