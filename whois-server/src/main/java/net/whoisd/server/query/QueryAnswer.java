package net.whoisd.server.query;

import net.whoisd.server.metrics.QueryOutcome;

/**
 * The answer to one query: everything after the banner up to and including the served-by line and
 * the two empty lines that end a response.
 *
 * @param text            the answer text
 * @param objects         objects returned (for the query log)
 * @param personalObjects personal-data objects sent (already charged)
 * @param close           whether the connection must be closed after it, even with {@code -k}
 * @param outcome         how the query ended (for the metrics)
 */
public record QueryAnswer(String text, int objects, int personalObjects, boolean close, QueryOutcome outcome) {
}
