package net.whoisd.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.whoisd.server.auth.OverrideCredentials;
import net.whoisd.server.registry.AbuseReport;
import net.whoisd.server.registry.BasicAuthorization;
import net.whoisd.server.registry.KeepList;
import net.whoisd.server.registry.RegistryContext;
import net.whoisd.server.registry.RegistryPlan;
import net.whoisd.server.registry.RegistryRefusal;
import net.whoisd.server.registry.RegistryService;
import net.whoisd.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry operations over HTTP, under {@value #PREFIX}. Operations that change data are POSTs
 * with form fields (and {@code dry-run=true} to only see what would change) and need an
 * {@code override.users} credential as HTTP Basic authentication. Reports are GETs and need none:
 * they show what is public anyway (the waiting list, as the RIRs publish theirs; resources without a
 * valid abuse contact, from public whois data; the reverse zones, which DNS serves). Answers are
 * plain text; the last line is the one-line summary.
 *
 * <pre>
 * POST lir-closure/start     mntner
 * POST lir-closure/complete  mntner, keep (the keep file's text)
 * POST transfer              allocation, to, [org], [keep-contacts=true]
 * POST takeover              from, to, [org], [keep-contacts=true]
 * POST waitlist/request      org, max, min
 * POST waitlist/fulfil
 * GET  waitlist              the list in approval order
 * GET  abuse-report          resources without a valid abuse contact
 * GET  reverse-zones         zone files, each headed by ";; file: ZONE.zone"
 * </pre>
 */
public final class RegistryEndpoint implements HttpEndpoint {
    public static final String PREFIX = "/registry/";
    public static final String FILE_MARK = ";; file: ";
    /** The read-only operations (GET), open to anyone. */
    public static final Set<String> REPORTS = Set.of("waitlist", "abuse-report", "reverse-zones");
    private static final Logger log = LoggerFactory.getLogger(RegistryEndpoint.class);
    private final RegistryService service;
    private final BasicAuthorization authorization;

    public RegistryEndpoint(RegistryService service, OverrideCredentials credentials) {
        this(service, new BasicAuthorization(credentials));
    }

    public RegistryEndpoint(RegistryService service, BasicAuthorization authorization) {
        this.service = service;
        this.authorization = authorization;
    }

    /** The endpoint as the server wires it: {@code httpListener.route(RegistryEndpoint.PREFIX, RegistryEndpoint.of(...))}. */
    public static RegistryEndpoint of(net.whoisd.storage.WhoisDatabase db, net.whoisd.server.config.ServerConfig config,
                                      net.whoisd.server.outbox.MailSender mail, net.whoisd.server.write.SingleWriter writer,
                                      net.whoisd.server.auth.GuessBudget guesses, net.whoisd.server.metrics.Metrics metrics) {
        return new RegistryEndpoint(new RegistryService(RegistryContext.of(db, config, java.time.Clock.systemUTC()), mail, writer,
                metrics), new BasicAuthorization(new OverrideCredentials(config.overrideUsers()), guesses));
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        String op = call.path().substring(Math.min(call.path().length(), PREFIX.length())).replaceAll("/+$", "");
        if (call.method().equals("GET") && REPORTS.contains(op)) {
            return report(op);
        }
        BasicAuthorization.Outcome checked = authorization.check(call.header("authorization"), call.clientAddress());
        if (checked.refused()) {
            return HttpAnswer.text(429, "too many failed override.users credentials from this client or for this user;"
                    + " try again in a few minutes\n");
        }
        Optional<String> operator = checked.user();
        if (operator.isEmpty()) {
            return new HttpAnswer(401, "text/plain; charset=utf-8",
                    "registry operations need an override.users credential (HTTP Basic USER:PASSWORD)\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("WWW-Authenticate", "Basic realm=\"whoisd registry\""));
        }
        Map<String, List<String>> form = call.formFields();
        boolean post = call.method().equals("POST");
        try {
            return switch (op) {
                case "lir-closure/start" -> change(post, form, operator.get(), () -> service.closure().start(field(form, "mntner")));
                case "lir-closure/complete" -> change(post, form, operator.get(), () -> service.closure().complete(
                        field(form, "mntner"), KeepList.parse(orEmpty(field(form, "keep")), "keep file")));
                case "transfer" -> change(post, form, operator.get(), () -> service.transfers().transfer(
                        field(form, "allocation"), field(form, "to"), field(form, "org"), isTrue(field(form, "keep-contacts"))));
                case "takeover" -> change(post, form, operator.get(), () -> service.transfers().takeover(
                        field(form, "from"), field(form, "to"), field(form, "org"), isTrue(field(form, "keep-contacts"))));
                case "waitlist/request" -> change(post, form, operator.get(), () -> service.waitlist().request(
                        field(form, "org"), field(form, "max"), field(form, "min")));
                case "waitlist/fulfil" -> change(post, form, operator.get(), () -> service.waitlist().fulfil());
                case "waitlist", "abuse-report", "reverse-zones" -> HttpAnswer.text(405, "this registry report is read with GET\n");
                default -> HttpAnswer.text(404, "no registry operation " + call.path() + "\n");
            };
        } catch (RegistryRefusal r) {
            log.info("registry operator={} operation={} refused: {}", operator.get(), op, r.getMessage());
            return HttpAnswer.text(r.status(), "Refused: " + r.getMessage() + "\nNothing was changed.\n");
        } catch (StorageException e) {
            log.error("registry operation {} failed in the store", op, e);
            return HttpAnswer.text(500, "Failed: the store did not accept the changes (" + e.getMessage()
                    + ")\nNothing was changed.\n");
        }
    }

    /** A report: public, read-only, no credential. */
    private HttpAnswer report(String op) {
        return switch (op) {
            case "waitlist" -> {
                List<String> lines = service.waitlist().listing();
                yield HttpAnswer.text(200, lines.stream().map(l -> l + "\n").reduce("", String::concat)
                        + lines.size() + " request(s) on the waiting list\n");
            }
            case "abuse-report" -> HttpAnswer.text(200, String.join("\n", new AbuseReport(service.context().db(), service.context().registryMntner()).lines()) + "\n");
            default -> {
                StringBuilder sb = new StringBuilder();
                Map<String, String> zones = service.reverseZones();
                zones.forEach((zone, text) -> sb.append(FILE_MARK).append(zone).append(".zone\n").append(text));
                yield HttpAnswer.text(200, sb + ";; " + zones.size() + " zone file(s)\n");
            }
        };
    }

    private HttpAnswer change(boolean post, Map<String, List<String>> form, String operator, Supplier<RegistryPlan> planner) {
        if (!post) {
            return HttpAnswer.text(405, "this registry operation changes data: use POST\n");
        }
        return HttpAnswer.text(200, service.run(planner, isTrue(field(form, "dry-run")), operator).text());
    }

    /** A flag field: present empty, {@code true} or {@code 1}. */
    private static boolean isTrue(String value) {
        return value != null && (value.isEmpty() || value.equalsIgnoreCase("true") || value.equals("1"));
    }

    /** The first value of a form field (the keep file verbatim, others trimmed), or null. */
    private static String field(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return name.equals("keep") ? values.get(0) : values.get(0).trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
