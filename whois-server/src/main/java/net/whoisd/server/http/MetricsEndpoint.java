package net.whoisd.server.http;

import java.util.Map;
import net.whoisd.server.metrics.Metrics;
import net.whoisd.server.metrics.MonitoringAccess;

/** {@code GET /metrics}: every metric in the Prometheus text format, to the addresses {@link MonitoringAccess} allows. */
public final class MetricsEndpoint implements HttpEndpoint {
    public static final String PATH = "/metrics";

    private final Metrics metrics;
    private final MonitoringAccess access;

    public MetricsEndpoint(Metrics metrics, MonitoringAccess access) {
        this.metrics = metrics;
        this.access = access;
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        if (!call.path().equals(PATH)) {
            return HttpAnswer.text(404, "no such resource: " + call.path() + "\n");
        }
        if (!access.allows(call.clientAddress())) {
            return HttpAnswer.text(403, "metrics are only served to trusted addresses (acl.trusted)\n");
        }
        if (!call.method().equals("GET")) {
            return HttpAnswer.text(405, "Method " + call.method() + " is not allowed; use GET\n");
        }
        return new HttpAnswer(200, metrics.contentType(), metrics.scrape(), Map.of());
    }
}
