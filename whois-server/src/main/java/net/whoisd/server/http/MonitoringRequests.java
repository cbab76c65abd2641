package net.whoisd.server.http;

import net.whoisd.server.metrics.MonitoringAccess;

/** What the monitoring endpoints refuse before they answer: another path, an untrusted client, a method but GET. */
final class MonitoringRequests {
    private MonitoringRequests() {
    }

    /** The refusal of a request for {@code path} that serves {@code what}, or null if it is to be answered. */
    static HttpAnswer refusal(HttpCall call, String path, MonitoringAccess access, String what) {
        if (!call.path().equals(path)) {
            return HttpAnswer.text(404, "no such resource: " + call.path() + "\n");
        }
        if (!access.allows(call.clientAddress())) {
            return HttpAnswer.text(403, what + " only served to trusted addresses (acl.trusted)\n");
        }
        if (!call.method().equals("GET")) {
            return HttpAnswer.text(405, "Method " + call.method() + " is not allowed; use GET\n");
        }
        return null;
    }
}
