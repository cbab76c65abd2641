package net.whoisd.server.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;

/**
 * ARIN's IPv4 waiting list (NRPM 4.1.8 as revised by ARIN-2019-16): the open requests in approval
 * order and the distributions made, with the policy's rules. Immutable; operations return a new list.
 */
public record Waitlist(List<Request> requests, List<Issue> issued) {
    public static final int LARGEST = 22;
    public static final int SMALLEST = 24;
    /** Organisations holding more than a /20 in aggregate may not apply. */
    public static final long MAX_HOLDINGS = 1L << (32 - 20);
    public static final Duration BETWEEN_DISTRIBUTIONS = Duration.ofDays(90);

    /** An approved request: the organisation, the largest and smallest block it accepts, when approved. */
    public record Request(String org, int maxLength, int minLength, Instant approved) {
        String line() {
            return RegistryMarks.PREFIX + " waitlist-request " + org + " max=/" + maxLength + " min=/" + minLength
                    + " approved=" + approved;
        }
    }

    /** A distribution made from the list. */
    public record Issue(String org, IpRange block, Instant issued) {
        String line() {
            return RegistryMarks.PREFIX + " waitlist-issued-to " + org + " " + block.toPrefixString() + " on=" + issued;
        }
    }

    /** What fulfilment gives one request. */
    public record Grant(Request request, IpRange block) {
    }

    public Waitlist {
        requests = List.copyOf(requests);
        issued = List.copyOf(issued);
    }

    public static Waitlist empty() {
        return new Waitlist(List.of(), List.of());
    }

    /** Reads the list from its ledger's {@code remarks:}; lines that are not list records are ignored. */
    public static Waitlist fromRemarks(RpslObject ledger) {
        List<Request> requests = new ArrayList<>();
        List<Issue> issued = new ArrayList<>();
        for (RpslAttribute remark : ledger.findAll("remarks")) {
            String[] w = RegistryMarks.words(remark);
            if (w.length == 6 && w[1].equals("waitlist-request") && w[3].startsWith("max=/") && w[4].startsWith("min=/")
                    && w[5].startsWith("approved=")) {
                Optional<Instant> approved = RegistryMarks.instant(w[5].substring(9));
                if (approved.isPresent()) {
                    requests.add(new Request(w[2], Integer.parseInt(w[3].substring(5)), Integer.parseInt(w[4].substring(5)),
                            approved.get()));
                }
            } else if (w.length == 5 && w[1].equals("waitlist-issued-to") && w[4].startsWith("on=")) {
                Optional<IpRange> block = IpRange.parse(w[3]);
                Optional<Instant> on = RegistryMarks.instant(w[4].substring(3));
                if (block.isPresent() && on.isPresent()) {
                    issued.add(new Issue(w[2], block.get(), on.get()));
                }
            }
        }
        requests.sort(Comparator.comparing(Request::approved));
        return new Waitlist(requests, issued);
    }

    /** The remarks values that record this list, requests in approval order then distributions. */
    public List<String> remarks() {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.line()));
        issued.forEach(i -> out.add(i.line()));
        return out;
    }

    /**
     * Why a request may not join the list, or empty if it qualifies.
     *
     * @param holdings the IPv4 addresses the organisation holds in aggregate
     */
    public Optional<String> refusal(String org, int maxLength, int minLength, long holdings, Instant now) {
        String o = org.toUpperCase(Locale.ROOT);
        if (maxLength < LARGEST) {
            return Optional.of("requested maximum /" + maxLength + " is larger than /" + LARGEST
                    + ", the largest block the waiting list gives");
        }
        if (minLength > SMALLEST || maxLength > SMALLEST) {
            return Optional.of("requested block is smaller than /" + SMALLEST + ", the smallest block the waiting list gives");
        }
        if (minLength < maxLength) {
            return Optional.of("minimum /" + minLength + " is larger than the maximum /" + maxLength);
        }
        for (Request r : requests) {
            if (r.org().equals(o)) {
                return Optional.of(o + " already has a request on the waiting list (approved " + r.approved()
                        + "); one request per organisation");
            }
        }
        if (holdings > MAX_HOLDINGS) {
            return Optional.of(o + " holds " + holdings + " IPv4 addresses, more than a /20 (" + MAX_HOLDINGS
                    + "); only organisations holding a /20 or less may apply");
        }
        for (Issue i : issued) {
            if (i.org().equals(o) && i.issued().plus(BETWEEN_DISTRIBUTIONS).isAfter(now)) {
                return Optional.of(o + " received " + i.block().toPrefixString() + " from the waiting list on "
                        + i.issued() + "; a new request is possible from " + i.issued().plus(BETWEEN_DISTRIBUTIONS));
            }
        }
        return Optional.empty();
    }

    public Waitlist with(Request request) {
        List<Request> r = new ArrayList<>(requests);
        r.add(new Request(request.org().toUpperCase(Locale.ROOT), request.maxLength(), request.minLength(),
                request.approved().truncatedTo(ChronoUnit.SECONDS)));
        return new Waitlist(r, issued);
    }

    /**
     * Walks the list first-approved first and gives each request the largest block it accepts that
     * the pool has (never partially, never below its minimum); a request the pool cannot serve keeps
     * its place. Takes the granted blocks from {@code pool}.
     */
    public List<Grant> fulfil(FreePool pool) {
        List<Grant> grants = new ArrayList<>();
        for (Request r : requests) {
            for (int len = r.maxLength(); len <= r.minLength(); len++) {
                Optional<IpRange> block = pool.find(len);
                if (block.isPresent()) {
                    pool.take(block.get());
                    grants.add(new Grant(r, block.get()));
                    break;
                }
            }
        }
        return grants;
    }

    /** The list without that request (its distributions stay recorded). */
    public Waitlist without(Request request) {
        List<Request> left = new ArrayList<>(requests);
        left.remove(request);
        return new Waitlist(left, issued);
    }

    /** The list after the grants: fulfilled requests removed, distributions recorded. */
    public Waitlist after(List<Grant> grants, Instant now) {
        List<Request> left = new ArrayList<>(requests);
        List<Issue> issues = new ArrayList<>(issued);
        for (Grant g : grants) {
            left.remove(g.request());
            issues.add(new Issue(g.request().org(), g.block(), now.truncatedTo(ChronoUnit.SECONDS)));
        }
        return new Waitlist(left, issues);
    }
}
