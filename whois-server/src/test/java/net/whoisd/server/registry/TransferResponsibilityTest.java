package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.acl.PersonalDataAccount;
import net.whoisd.server.query.QueryClient;
import net.whoisd.server.query.QueryExecutor;
import net.whoisd.server.query.QueryParser;
import net.whoisd.storage.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transfer moves responsibility for the space: the receiving organisation's contacts go on the
 * allocation, so a query names the receiver's abuse mailbox; and a waiting-list request the transfer
 * satisfies leaves the list.
 */
class TransferResponsibilityTest {
    @TempDir
    Path dir;
    private RegistryFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RegistryFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private RpslObject v4Allocation(String mntner) {
        return f.db.inverse("mnt-lower", mntner, Set.of(ObjectType.INETNUM)).stream().map(StoredObject::object)
                .filter(Allocations::isAllocation).findFirst().orElseThrow();
    }

    private String query(String key) {
        PersonalDataAccount unlimited = new PersonalDataAccount() {
            @Override
            public long remaining(String address) {
                return Long.MAX_VALUE;
            }

            @Override
            public void charge(String address, int count) {
            }
        };
        return new QueryExecutor(f.db, unlimited, "test", "localhost", f.config.registryMntner())
                .execute(new QueryParser().parse("-r " + key), new QueryClient("127.0.0.1", true, false)).text();
    }

    private String abuseMailboxOf(String orgId) {
        String role = f.object(ObjectType.ORGANISATION, orgId).value("abuse-c");
        return f.object(ObjectType.ROLE, role).value("abuse-mailbox");
    }

    @Test
    void theReceiversContactsTakeOverAndQueriesNameTheReceiversAbuseMailbox() throws Exception {
        RpslObject alloc = v4Allocation("LIR3-MNT");
        RpslObject receiver = f.object(ObjectType.ORGANISATION, "ORG-LIR4-TEST");
        assertTrue(query(alloc.classValue()).contains("% Abuse contact for '" + alloc.classValue() + "' is '"
                + abuseMailboxOf("ORG-LIR3-TEST") + "'"));

        var done = f.post("transfer", "allocation", alloc.classValue(), "to", "LIR4-MNT");
        assertEquals(200, done.status(), done.body());
        RpslObject moved = f.object(ObjectType.INETNUM, alloc.classValue());
        for (String contact : AllocationTransfer.CONTACTS) {
            assertEquals(receiver.values(contact), moved.values(contact), contact);
        }
        String answer = query(alloc.classValue());
        assertTrue(answer.contains("% Abuse contact for '" + alloc.classValue() + "' is '" + abuseMailboxOf("ORG-LIR4-TEST") + "'"), answer);
        assertTrue(!abuseMailboxOf("ORG-LIR4-TEST").equals(abuseMailboxOf("ORG-LIR3-TEST")), "the test tells the two apart");
    }

    @Test
    void keepContactsLeavesThemAsTheyWere() throws Exception {
        RpslObject alloc = v4Allocation("LIR5-MNT");
        var done = f.post("transfer", "allocation", alloc.classValue(), "to", "LIR6-MNT", "keep-contacts", "true");
        assertEquals(200, done.status(), done.body());
        RpslObject moved = f.object(ObjectType.INETNUM, alloc.classValue());
        for (String contact : AllocationTransfer.CONTACTS) {
            assertEquals(alloc.values(contact), moved.values(contact), contact);
        }
        assertEquals(List.of("LIR6-MNT"), moved.values("mnt-lower"));
        assertTrue(query(alloc.classValue()).contains("is '" + abuseMailboxOf("ORG-LIR5-TEST") + "'"));
    }

    @Test
    void aWaitingListRequestSatisfiedByATransferLeavesTheList() throws Exception {
        String receiver = null;
        for (int n = 11; n <= 20 && receiver == null; n++) {
            if (Allocations.range(v4Allocation("LIR" + n + "-MNT")).size().longValue() <= 2048) {
                receiver = "LIR" + n;
            }
        }
        assertTrue(receiver != null, "the synthetic data has a small LIR");
        String org = "ORG-" + receiver + "-TEST";
        assertEquals(200, f.post("waitlist/request", "org", org, "max", "/22", "min", "/24").status());
        assertTrue(f.get("waitlist").body().startsWith("1 " + org));

        var done = f.post("transfer", "allocation", v4Allocation("LIR7-MNT").classValue(), "to", receiver + "-MNT");
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("waiting list: the request of " + org + " (max /22 min /24) is removed from the list"), done.body());
        assertTrue(done.body().contains("Modify [organisation] ORG-WLST1-TEST"), done.body());
        assertTrue(f.get("waitlist").body().startsWith("0 request(s)"), f.get("waitlist").body());
    }

    @Test
    void onlyASatisfyingAmountRemovesTheRequest() throws Exception {
        assertEquals(200, f.post("waitlist/request", "org", "ORG-LIR1-TEST", "max", "/22", "min", "/23").status());
        WaitlistOperations waitlist = new WaitlistOperations(RegistryContext.of(f.db, f.config, f.clock));
        RegistryPlan.Builder tooLittle = new RegistryPlan.Builder("transfer");
        waitlist.removeSatisfied(tooLittle, "ORG-LIR1-TEST", 511);
        assertEquals(0, tooLittle.build("").steps().size(), "a /24 does not satisfy a request for at least a /23");
        RegistryPlan.Builder enough = new RegistryPlan.Builder("transfer");
        waitlist.removeSatisfied(enough, "ORG-LIR1-TEST", 512);
        assertEquals(1, enough.build("").steps().size());
    }
}
