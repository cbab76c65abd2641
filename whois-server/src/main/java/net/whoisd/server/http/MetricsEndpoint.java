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
        HttpAnswer refused = MonitoringRequests.refusal(call, PATH, access, "metrics are");
        if (refused != null) {
            return refused;
        }
        return new HttpAnswer(200, metrics.contentType(), metrics.scrape(), Map.of());
    }
}
