package net.whoisd.server.http;

import java.util.List;
import java.util.function.Supplier;
import net.whoisd.server.metrics.MonitoringAccess;

/**
 * {@code GET /health}: 200 {@code ready} when nothing keeps the server from serving queries and
 * taking updates, else 503 with each reason on a line of its own. For the addresses
 * {@link MonitoringAccess} allows.
 */
public final class HealthEndpoint implements HttpEndpoint {
    public static final String PATH = "/health";

    private final Supplier<List<String>> notReady;
    private final MonitoringAccess access;

    /** @param notReady why the server is not ready now; empty when it is */
    public HealthEndpoint(Supplier<List<String>> notReady, MonitoringAccess access) {
        this.notReady = notReady;
        this.access = access;
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        if (!call.path().equals(PATH)) {
            return HttpAnswer.text(404, "no such resource: " + call.path() + "\n");
        }
        if (!access.allows(call.clientAddress())) {
            return HttpAnswer.text(403, "health is only served to trusted addresses (acl.trusted)\n");
        }
        if (!call.method().equals("GET")) {
            return HttpAnswer.text(405, "Method " + call.method() + " is not allowed; use GET\n");
        }
        List<String> reasons = notReady.get();
        if (reasons.isEmpty()) {
            return HttpAnswer.text(200, "ready\n");
        }
        return HttpAnswer.text(503, String.join("\n", reasons) + "\n");
    }
}
