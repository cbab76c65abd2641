package net.whoisd.server.update;

import java.util.List;

/**
 * What processing an update message produced.
 *
 * @param acknowledgement the plain-text acknowledgement (RIPE layout)
 * @param succeeded       objects applied (no-ops included)
 * @param failed          objects that failed
 * @param results         one result per object, in message order
 */
public record UpdateResponse(String acknowledgement, int succeeded, int failed, List<ObjectResult> results) {
    public UpdateResponse {
        results = List.copyOf(results);
    }

    /** RIPE's overall verdict: SUCCESS only if at least one object succeeded and none failed. */
    public boolean success() {
        return succeeded > 0 && failed == 0;
    }
}
