package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.auth.OverrideCredentials;
import net.whoisd.server.http.HttpListener;
import net.whoisd.server.http.RegistryEndpoint;
import net.whoisd.storage.Change;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each registry operation over real HTTP against a PersistentDatabase holding a synthetic registry
 * of many LIRs. Tests use disjoint LIRs, and every change is checked to touch only the LIR operated on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryHttpTest {
    @TempDir
    static Path dir;
    private RegistryFixture f;

    @BeforeAll
    void start() throws Exception {
        f = new RegistryFixture(dir);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private List<RpslObject> allocations(String mntner) {
        List<RpslObject> out = new ArrayList<>();
        f.db.inverse("mnt-lower", mntner, Set.of(ObjectType.INETNUM, ObjectType.INET6NUM)).forEach(s -> {
            if (Allocations.isAllocation(s.object())) {
                out.add(s.object());
            }
        });
        return out;
    }

    private RpslObject v4Allocation(String mntner) {
        return allocations(mntner).stream().filter(o -> o.type().orElseThrow() == ObjectType.INETNUM).findFirst().orElseThrow();
    }

    private List<RpslObject> inside(RpslObject allocation) {
        IpRange r = Allocations.range(allocation);
        return f.db.ranges(Allocations.type(r), r, RangeQuery.ALL_MORE).stream().map(StoredObject::object).toList();
    }

    /** Keys whose text differs between two snapshots (changed, created or deleted). */
    private static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> out = new TreeSet<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                out.add(k);
            }
        });
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(out::add);
        return out;
    }

    /** Every changed object mentions one of the words before or after the change. */
    private static void onlyTouched(Map<String, String> before, Map<String, String> after, String... words) {
        for (String key : changed(before, after)) {
            String text = before.getOrDefault(key, "") + after.getOrDefault(key, "");
            assertTrue(Stream.of(words).anyMatch(text::contains), key + " changed but belongs to none of " + List.of(words));
        }
    }

    @Test
    void changesNeedACredentialReportsDoNot() throws Exception {
        for (String report : RegistryEndpoint.REPORTS) {
            var open = f.send(HttpRequest.newBuilder(URI.create(f.url + "/registry/" + report)).GET());
            assertEquals(200, open.status(), report + ": " + open.body());
        }
        var none = f.send(HttpRequest.newBuilder(URI.create(f.url + "/registry/waitlist/fulfil"))
                .POST(HttpRequest.BodyPublishers.ofString("dry-run=true")));
        assertEquals(401, none.status());
        var wrong = f.send(HttpRequest.newBuilder(URI.create(f.url + "/registry/lir-closure/start"))
                .header("Authorization", RegistryFixture.basic(RegistryFixture.USER, "wrong"))
                .POST(HttpRequest.BodyPublishers.ofString("mntner=LIR1-MNT")));
        assertEquals(401, wrong.status());
        assertFalse(wrong.body().contains("wrong"), "the password is never echoed");
        assertTrue(RegistryMarks.closing(v4Allocation("LIR1-MNT")).isEmpty());
        assertEquals(405, f.get("lir-closure/start").status());
        assertEquals(404, f.post("no-such-thing").status());
    }

    @Test
    void wrongCredentialsAreBoundedByTheGuessBudget() throws Exception {
        // a listener of its own: the shared fixture's client must keep its budget for the other tests
        HttpListener http = new HttpListener().route(RegistryEndpoint.PREFIX,
                new RegistryEndpoint(null, new OverrideCredentials(f.config.overrideUsers())));
        String url = "http://127.0.0.1:" + http.start("127.0.0.1", 0);
        try {
            int statuses401 = 0;
            for (int i = 0; i < 15; i++) {
                var wrong = f.send(HttpRequest.newBuilder(URI.create(url + "/registry/waitlist/fulfil"))
                        .header("Authorization", RegistryFixture.basic(RegistryFixture.USER, "guess-" + i))
                        .POST(HttpRequest.BodyPublishers.ofString("dry-run=true")));
                if (wrong.status() == 401) {
                    statuses401++;
                } else {
                    assertEquals(429, wrong.status(), wrong.body());
                    assertFalse(wrong.body().contains("guess-"), "the password is never echoed");
                }
            }
            assertEquals(GuessBudget.Limits.DEFAULT.perClient(), statuses401, "pairs checked for one client");
            var right = f.send(HttpRequest.newBuilder(URI.create(url + "/registry/waitlist/fulfil"))
                    .header("Authorization", RegistryFixture.basic(RegistryFixture.USER, RegistryFixture.PASSWORD))
                    .POST(HttpRequest.BodyPublishers.ofString("dry-run=true")));
            assertEquals(429, right.status(), "even the right pair is refused while the budget is empty");
        } finally {
            http.close();
        }
    }

    @Test
    void lirClosureStartDryRunThenStartRefusesNewAssignments() throws Exception {
        Map<String, String> before = f.snapshot();
        long serial = f.db.currentSerial();
        var dry = f.post("lir-closure/start", "mntner", "LIR5-MNT", "dry-run", "true");
        assertEquals(200, dry.status(), dry.body());
        assertTrue(dry.body().startsWith("Dry run: nothing was changed. 2 change(s) would be made:"), dry.body());
        assertTrue(dry.body().contains("+ remarks: whoisd-registry: lir-closing LIR5-MNT since " + f.clock.instant()), dry.body());
        assertEquals(serial, f.db.currentSerial());
        assertEquals(before, f.snapshot());

        var real = f.post("lir-closure/start", "mntner", "LIR5-MNT");
        assertEquals(200, real.status(), real.body());
        assertTrue(real.body().trim().endsWith("LIR LIR5-MNT is closing: 2 allocation(s) marked, no further assignments"), real.body());
        assertEquals(serial + 2, f.db.currentSerial());
        onlyTouched(before, f.snapshot(), "LIR5-MNT");
        IpRange alloc = Allocations.range(v4Allocation("LIR5-MNT"));
        ClosingLirs closing = new ClosingLirs(ObjectLookup.of(f.db));
        RpslObject newAssignment = RpslObject.parse("inetnum: " + IpRange.ipv4(alloc.endLo() - 255, alloc.endLo()) + "\nstatus: ASSIGNED PA\n");
        assertTrue(closing.refusal(newAssignment).orElseThrow().contains("LIR5-MNT is closing"));
        RpslObject elsewhere = RpslObject.parse("inetnum: " + Allocations.range(v4Allocation("LIR22-MNT")).toString() + "\n");
        assertTrue(closing.refusal(elsewhere).isEmpty());

        var again = f.post("lir-closure/start", "mntner", "LIR5-MNT");
        assertEquals(409, again.status());
        assertTrue(again.body().contains("already closing since " + f.clock.instant()), again.body());
        assertEquals(404, f.post("lir-closure/start", "mntner", "NOSUCH-MNT").status());
        assertEquals(400, f.post("lir-closure/start", "mntner", "TEST-NCC-HM-MNT").status());
    }

    @Test
    void lirClosureCompleteKeepsListedAssignmentsAndReturnsTheRest() throws Exception {
        String lir = "LIR3-MNT";
        RpslObject alloc4 = v4Allocation(lir);
        List<RpslObject> assignments = inside(alloc4).stream().filter(o -> Allocations.status(o).equals("ASSIGNED PA")).toList();
        RpslObject kept = assignments.get(0);
        // the end user asked to hear about changes
        RpslObject withNotify = kept.with("notify", "enduser@customer.example");
        f.db.commit(List.of(Change.modify(withNotify)));
        assertEquals(409, f.post("lir-closure/complete", "mntner", lir, "keep", kept.classValue()).status(), "start first");
        assertEquals(200, f.post("lir-closure/start", "mntner", lir).status());

        Map<String, String> before = f.snapshot();
        long freeBefore = new WaitlistOperations(RegistryContext.of(f.db, f.config, f.clock)).freePool().addresses();
        RpslObject alloc6 = allocations(lir).stream().filter(o -> o.type().orElseThrow() == ObjectType.INET6NUM).findFirst().orElseThrow();
        RpslObject kept6 = inside(alloc6).get(0);
        String keep = "# kept by end users\n" + kept.classValue() + "\n" + kept6.classValue() + "\n";
        var dry = f.post("lir-closure/complete", "mntner", lir, "keep", keep, "dry-run", "true");
        assertEquals(200, dry.status(), dry.body());
        assertEquals(before, f.snapshot(), "dry run changes nothing");

        var done = f.post("lir-closure/complete", "mntner", lir, "keep", keep);
        assertEquals(200, done.status(), done.body());
        assertEquals(dry.body().substring(dry.body().indexOf('\n')), done.body().substring(done.body().indexOf('\n')),
                "the dry run printed exactly what was then done");
        Map<String, String> after = f.snapshot();
        onlyTouched(before, after, lir, "ORG-LIR3-TEST");

        RpslObject keptNow = f.object(ObjectType.INETNUM, kept.classValue());
        assertEquals(List.of("TEST-NCC-END-MNT"), keptNow.values("mnt-by"));
        assertEquals(kept.value("created"), keptNow.value("created"));
        assertEquals(List.of("TEST-NCC-END-MNT"), f.object(ObjectType.INET6NUM, kept6.classValue()).values("mnt-by"));
        assertTrue(done.body().contains("\n" + kept6.classValue() + " 1208925819614629174706176 "), done.body());
        assertEquals(2, f.db.history(ObjectType.INETNUM, kept.classValue()).size() - 1, "notify edit + closure");
        for (RpslObject a : assignments.subList(1, assignments.size())) {
            assertNull(f.object(ObjectType.INETNUM, a.classValue()), a.classValue() + " is obsolete and deleted");
        }
        for (RpslObject a : allocations(lir)) {
            assertNull(f.object(a.type().orElseThrow(), a.classValue()), "allocation deleted");
        }
        assertEquals("OTHER", f.object(ObjectType.ORGANISATION, "ORG-LIR3-TEST").value("org-type"));
        IpRange kr = Allocations.range(kept);
        String line = kr + " " + kr.size() + " " + kept.value("created").substring(0, 10).replace("-", "") + " " + kept.value("netname");
        assertTrue(done.body().contains("\n" + line + "\n"), done.body());
        assertTrue(done.body().contains("Warning: left in place: [route]"), done.body());
        long returned = Allocations.range(alloc4).size().longValue() - kr.size().longValue();
        assertTrue(done.body().trim().endsWith(returned + " IPv4 addresses and " + IpRange.parse("::/32").orElseThrow().size()
                .subtract(Allocations.range(kept6).size()) + " IPv6 addresses returned to the pool"), done.body());
        long freeAfter = new WaitlistOperations(RegistryContext.of(f.db, f.config, f.clock)).freePool().addresses();
        assertEquals(freeBefore + returned, freeAfter, "the returned space is in the free pool");
        List<Path> mails = Files.list(f.outbox).toList();
        assertTrue(mails.stream().anyMatch(p -> read(p).contains("enduser@customer.example") && read(p).contains("OBJECT BELOW MODIFIED")),
                "the end user's notify address was told");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aBadKeepFileChangesNothing() throws Exception {
        String lir = "LIR6-MNT";
        assertEquals(200, f.post("lir-closure/start", "mntner", lir).status());
        RpslObject assignment = inside(v4Allocation(lir)).get(0);
        Map<String, String> before = f.snapshot();
        String keep = assignment.classValue() + "\n" + Allocations.range(v4Allocation("LIR21-MNT")).toPrefixString() + "\nnonsense\n";
        var refused = f.post("lir-closure/complete", "mntner", lir, "keep", keep);
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("keep file:3: not an address range or prefix: nonsense"), refused.body());
        var refused2 = f.post("lir-closure/complete", "mntner", lir, "keep", keep.replace("nonsense\n", ""));
        assertTrue(refused2.body().contains("keep line 2:") && refused2.body().contains("is not inside an allocation of this LIR"), refused2.body());
        assertTrue(refused2.body().contains("Nothing was changed."));
        assertEquals(before, f.snapshot());
    }

    @Test
    void transferMovesOneAllocationAndTheGiversObjectsOnly() throws Exception {
        RpslObject alloc = v4Allocation("LIR7-MNT");
        Map<String, String> before = f.snapshot();
        var dry = f.post("transfer", "allocation", alloc.classValue(), "to", "LIR8-MNT", "dry-run", "true");
        assertEquals(200, dry.status(), dry.body());
        assertEquals(before, f.snapshot());
        var done = f.post("transfer", "allocation", Allocations.range(alloc).toPrefixString(), "to", "LIR8-MNT");
        assertEquals(200, done.status(), done.body());
        Map<String, String> after = f.snapshot();
        onlyTouched(before, after, "LIR7-MNT");
        RpslObject moved = f.object(ObjectType.INETNUM, alloc.classValue());
        assertEquals(List.of("LIR8-MNT"), moved.values("mnt-lower"));
        assertEquals(List.of("TEST-NCC-HM-MNT"), moved.values("mnt-by"));
        assertEquals("ORG-LIR8-TEST", moved.value("org"));
        for (RpslObject o : inside(moved)) {
            assertFalse(Maintainers.mentions(o, "LIR7-MNT"), o.classValue());
            assertTrue(o.value("org").startsWith("ORG-E"), "end users' organisations stay");
        }
        assertTrue(f.db.ranges(ObjectType.ROUTE, Allocations.range(alloc), RangeQuery.EXACT).get(0).object().values("mnt-by").contains("LIR8-MNT"));
        assertEquals(List.of("LIR7-MNT"), allocations("LIR7-MNT").stream().flatMap(a -> a.values("mnt-lower").stream()).distinct().toList(),
                "the IPv6 allocation was not part of the transfer");
        assertEquals(404, f.post("transfer", "allocation", "10.99.0.0/16", "to", "LIR8-MNT").status());
        assertEquals(409, f.post("transfer", "allocation", alloc.classValue(), "to", "LIR8-MNT").status(), "already there");
        assertEquals(400, f.post("transfer", "allocation", "not-a-range", "to", "LIR8-MNT").status());
    }

    @Test
    void takeoverMovesEveryAllocation() throws Exception {
        Map<String, String> before = f.snapshot();
        var done = f.post("takeover", "from", "LIR9-MNT", "to", "LIR10-MNT");
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("LIR9-MNT taken over by LIR10-MNT (ORG-LIR10-TEST): 2 allocation(s)"), done.body());
        onlyTouched(before, f.snapshot(), "LIR9-MNT");
        assertTrue(allocations("LIR9-MNT").isEmpty());
        assertEquals(4, allocations("LIR10-MNT").size());
        assertEquals(404, f.post("takeover", "from", "LIR9-MNT", "to", "LIR10-MNT").status(), "nothing left to take over");
    }

    @Test
    void waitingListRequestsRefusalsFulfilmentAndTransferLock() throws Exception {
        List<String> small = new ArrayList<>();
        List<String> large = new ArrayList<>();
        for (int n = 11; n <= 20; n++) {
            long size = Allocations.range(v4Allocation("LIR" + n + "-MNT")).size().longValue();
            (size <= 2048 ? small : size > 4096 ? large : new ArrayList<String>()).add("ORG-LIR" + n + "-TEST");
        }
        assertTrue(small.size() >= 2 && !large.isEmpty(), "the synthetic data has LIRs of both kinds: " + small + large);
        String first = small.get(0);
        String second = small.get(1);
        assertEquals(409, f.post("waitlist/request", "org", first, "max", "/21", "min", "/24").status());
        assertEquals(409, f.post("waitlist/request", "org", first, "max", "/22", "min", "/25").status());
        var tooBig = f.post("waitlist/request", "org", large.get(0), "max", "/22", "min", "/24");
        assertTrue(tooBig.status() == 409 && tooBig.body().contains("more than a /20"), tooBig.body());
        assertEquals(400, f.post("waitlist/request", "org", first, "max", "big", "min", "/24").status());

        assertEquals(200, f.post("waitlist/request", "org", first, "max", "/22", "min", "/24", "dry-run", "true").status());
        assertTrue(f.get("waitlist").body().startsWith("0 request(s)"), "dry run left the list empty");
        assertEquals(200, f.post("waitlist/request", "org", first, "max", "/22", "min", "/24").status());
        f.clock.advance(Duration.ofMinutes(1));
        assertEquals(200, f.post("waitlist/request", "org", second, "max", "/23", "min", "/24").status());
        var twice = f.post("waitlist/request", "org", first, "max", "/23", "min", "/24");
        assertTrue(twice.status() == 409 && twice.body().contains("already has a request"), twice.body());
        String list = f.get("waitlist").body();
        assertTrue(list.startsWith("1 " + first + " max /22 min /24 approved 2026-11-22T00:00:00Z\n2 " + second + " max /23"), list);

        Map<String, String> before = f.snapshot();
        var dry = f.post("waitlist/fulfil", "dry-run", "true");
        assertEquals(200, dry.status(), dry.body());
        assertEquals(before, f.snapshot());
        var done = f.post("waitlist/fulfil");
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("2 request(s) fulfilled, 0 still waiting"), done.body());
        assertTrue(f.get("waitlist").body().startsWith("0 request(s)"));
        List<RpslObject> issued = new ArrayList<>();
        for (String org : List.of(first, second)) {
            f.db.inverse("org", org, Set.of(ObjectType.INETNUM)).stream().map(StoredObject::object)
                    .filter(o -> RegistryMarks.transferLock(o).isPresent()).forEach(issued::add);
        }
        assertEquals(2, issued.size());
        assertEquals(22, Allocations.range(issued.get(0)).prefixLength());
        assertEquals(23, Allocations.range(issued.get(1)).prefixLength());
        for (RpslObject a : issued) {
            IpRange r = Allocations.range(a);
            assertTrue(f.db.ranges(ObjectType.INETNUM, r, RangeQuery.ALL_MORE).isEmpty(), "granted space was free");
            assertEquals("ALLOCATED UNSPECIFIED", Allocations.status(f.db.ranges(ObjectType.INETNUM, r, RangeQuery.ONE_LESS).get(0).object()));
        }
        assertNotNull(f.object(ObjectType.ORGANISATION, "ORG-WLST1-TEST").value("remarks"));

        var locked = f.post("transfer", "allocation", issued.get(0).classValue(), "to", "LIR20-MNT");
        assertEquals(409, locked.status());
        assertTrue(locked.body().contains("cannot be transferred before 2031-11-22T00:01:00Z"), locked.body());

        var soon = f.post("waitlist/request", "org", first, "max", "/24", "min", "/24");
        assertTrue(soon.status() == 409 && soon.body().contains("from the waiting list on"), soon.body());
        f.clock.advance(Duration.ofDays(91));
        assertEquals(200, f.post("waitlist/request", "org", first, "max", "/24", "min", "/24").status());
    }

    @Test
    void abuseReportListsResourcesWithoutAValidContact() throws Exception {
        RpslObject role = f.object(ObjectType.ROLE, f.object(ObjectType.ORGANISATION, "ORG-LIR13-TEST").value("abuse-c"));
        f.db.commit(List.of(Change.modify(role.without("phone"))));
        String report = f.get("abuse-report").body();
        String alloc12 = v4Allocation("LIR12-MNT").classValue();
        String alloc13 = v4Allocation("LIR13-MNT").classValue();
        assertFalse(report.contains("[inetnum] " + alloc12 + ":"), "LIR12's abuse role is complete");
        assertTrue(report.contains("[inetnum] " + alloc13 + ": abuse-c of [inetnum] " + alloc13 + ": role "), report);
        assertTrue(report.contains("has no phone"), report);
        assertTrue(report.trim().matches("(?s).*\\n\\d+ of \\d+ resources have no valid abuse contact"), report);
    }
}
