package net.whoisd.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.whoisd.server.update.Keyword;
import net.whoisd.server.update.UpdateOrigin;
import net.whoisd.server.update.UpdateRequest;
import net.whoisd.server.update.UpdateResponse;
import net.whoisd.server.update.UpdateService;

/**
 * {@code /syncupdates} and {@code /whois/syncupdates/{source}}: the form field {@code DATA} holds an
 * update message exactly as a mail body would; the answer is the plain-text acknowledgement.
 * {@code NEW=yes} makes every object a creation, {@code HELP=yes} (or no {@code DATA} at all on a
 * GET) returns the help text. Register it with
 * {@code listener.route(SyncupdatesEndpoint.PATH, e).route(SyncupdatesEndpoint.WHOIS_PATH, e)}.
 */
public final class SyncupdatesEndpoint implements HttpEndpoint {
    public static final String PATH = "/syncupdates";
    public static final String WHOIS_PATH = "/whois/syncupdates";

    private final UpdateService updates;
    private final String source;

    /**
     * @param updates the update engine
     * @param source  the database's source name; a path naming another source is refused
     */
    public SyncupdatesEndpoint(UpdateService updates, String source) {
        this.updates = updates;
        this.source = source;
    }

    /** Registers this endpoint for both paths on the listener. */
    public void registerOn(HttpListener listener) {
        listener.route(PATH, this).route(WHOIS_PATH, this);
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        if (!call.method().equals("GET") && !call.method().equals("POST")) {
            return HttpAnswer.text(405, "Method " + call.method() + " is not allowed; use POST (or GET)\n");
        }
        String pathSource = pathSource(call.path());
        if (pathSource == null) {
            return HttpAnswer.text(404, "no such resource: " + call.path() + "\n");
        }
        if (!pathSource.isEmpty() && !pathSource.equalsIgnoreCase(source)) {
            return HttpAnswer.text(400, "Invalid source specified: " + pathSource + "\n");
        }
        Map<String, List<String>> fields = call.formFields();
        String data = first(fields, "DATA");
        boolean help = flag(fields, "HELP");
        boolean isNew = flag(fields, "NEW");
        if (flag(fields, "DIFF")) {
            return HttpAnswer.text(400, "the DIFF method is not supported\n");
        }
        if (data == null || data.isBlank()) {
            if (isNew) {
                return HttpAnswer.text(400, "DATA parameter is missing\n");
            }
            if (help || call.method().equals("GET")) {
                return HttpAnswer.text(200, helpText());
            }
            return HttpAnswer.text(400, "Invalid request: give a DATA field with the update message (or HELP=yes)\n");
        }
        UpdateResponse response = updates.process(new UpdateRequest(data, UpdateOrigin.SYNCUPDATES, call.clientAddress(),
                List.of(), isNew ? Keyword.NEW : Keyword.NONE));
        return HttpAnswer.text(200, response.acknowledgement());
    }

    /** The source named after the endpoint path ("" if none), or null if the path is not this endpoint's. */
    static String pathSource(String path) {
        for (String prefix : List.of(WHOIS_PATH, PATH)) {
            if (path.equals(prefix) || path.equals(prefix + "/")) {
                return "";
            }
            if (path.startsWith(prefix + "/")) {
                String rest = path.substring(prefix.length() + 1);
                if (rest.endsWith("/")) {
                    rest = rest.substring(0, rest.length() - 1);
                }
                return rest.contains("/") ? null : rest;
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A flag is on when present, non-empty and not "no". */
    private static boolean flag(Map<String, List<String>> fields, String name) {
        String v = first(fields, name);
        return v != null && !v.isBlank() && !v.trim().toLowerCase(Locale.ROOT).equals("no");
    }

    private String helpText() {
        return """
                whoisd syncupdates

                POST an update message in the form field DATA (application/x-www-form-urlencoded
                or multipart/form-data) to /syncupdates or /whois/syncupdates/%s.
                The reply is the acknowledgement, as text/plain.

                The message is the same as a mail to the update robot:
                  - objects separated by empty lines
                  - password: <password>        (anywhere; used for every object)
                  - delete: <reason>            (inside an object: delete it)
                  - override: <user>,<password>[,<reason>]   (inside an object)
                  - dry-run:                    (anywhere: check everything, change nothing)
                  - inline PGP-signed (clearsigned) text is checked against key-cert objects

                Other fields: NEW=yes (every object must be new), HELP=yes (this text).

                Example:
                  curl -sS --data-urlencode DATA@update.txt http://localhost:8043/syncupdates
                """.formatted(source);
    }
}
