package net.whoisd.server.metrics;

/** How a query ended, as the metrics count it. */
public enum QueryOutcome {
    /** Answered with objects, or an answer that needs none (help, templates, version). */
    OK,
    /** A search that found nothing ({@code %ERROR:101}). */
    NOT_FOUND,
    /** A query the server could not answer: invalid syntax or key, unknown source, internal error. */
    ERROR,
    /** Refused for the client's rights or limits: proxying ({@code -V}) untrusted, too many large queries at once. */
    DENIED,
    /** Refused, or cut short, because the client's daily personal-data allowance ran out. */
    PERSONAL_DATA_LIMIT
}
