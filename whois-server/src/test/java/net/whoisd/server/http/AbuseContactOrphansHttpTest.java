package net.whoisd.server.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An enclosing object's abuse-c that resources inside inherit cannot be taken away unnoticed: under
 * the harness's {@code policy.abuse-contact=warn} the change passes with a warning naming them.
 */
class AbuseContactOrphansHttpTest {
    private static final String ALLOCATION = """
            inetnum:        10.2.0.0 - 10.2.255.255
            netname:        LIR-ALLOCATION-2
            country:        NL
            admin-c:        AP1-TEST
            tech-c:         AP1-TEST
            abuse-c:        AB1-TEST
            status:         ALLOCATED PA
            mnt-by:         TEST-NCC-HM-MNT
            mnt-lower:      LIR-MNT
            source:         TEST
            """;

    @TempDir
    Path dir;
    private SyncupdatesHarness server;

    @BeforeEach
    void start() throws Exception {
        server = new SyncupdatesHarness(dir);
        server.seedStandard();
        server.seed("""
                role:           Abuse Desk
                address:        Street 1
                phone:          +31 20 1
                e-mail:         abuse@lir.example
                abuse-mailbox:  abuse@lir.example
                nic-hdl:        AB1-TEST
                mnt-by:         OWNER-MNT
                source:         TEST
                """, ALLOCATION, """
                inetnum:        10.2.1.0 - 10.2.1.255
                netname:        CUSTOMER
                country:        NL
                admin-c:        AP1-TEST
                tech-c:         AP1-TEST
                status:         ASSIGNED PA
                mnt-by:         LIR-MNT
                source:         TEST
                """);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void removingAnInheritedAbuseCWarnsWithTheResourcesItOrphans() throws Exception {
        String renamed = server.post(ALLOCATION.replace("LIR-ALLOCATION-2", "LIR-ALLOCATION-TWO") + "password: hm-pw\n");
        assertTrue(renamed.contains("Modify SUCCEEDED: [inetnum] 10.2.0.0 - 10.2.255.255"), renamed);
        assertFalse(renamed.contains("without a valid abuse contact"), renamed);

        String removed = server.post(ALLOCATION.replace("abuse-c:        AB1-TEST\n", "") + "password: hm-pw\n");
        assertTrue(removed.contains("Modify SUCCEEDED: [inetnum] 10.2.0.0 - 10.2.255.255"), removed);
        SyncupdatesHttpTest.assertContains(removed, "***Warning: This change would leave 1 resource(s) without a valid abuse contact"
                + " (a role with abuse-mailbox, phone and address): [inetnum] 10.2.1.0 - 10.2.1.255");
    }
}
