package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;

class AbuseContactResolverTest {
    private static final String GOOD_ROLE = "role: Abuse\nnic-hdl: AB1-TEST\nabuse-mailbox: abuse@lir.example\nphone: +31 20 1\naddress: Street 1\n";
    private static final String NO_PHONE = "role: Abuse two\nnic-hdl: AB2-TEST\nabuse-mailbox: abuse@two.example\naddress: Street 2\n";
    private static final String PERSON = "person: Some One\nnic-hdl: PP1-TEST\n";
    private static final String ORG = "organisation: ORG-LA1-TEST\norg-type: LIR\nabuse-c: AB1-TEST\n";
    private static final String ALLOC = "inetnum: 10.0.0.0 - 10.0.255.255\nstatus: ALLOCATED PA\norg: ORG-LA1-TEST\n";
    private static final String ASSIGNMENT = "inetnum: 10.0.1.0 - 10.0.1.255\nstatus: ASSIGNED PA\n";
    private final MapLookup lookup = new MapLookup(GOOD_ROLE, NO_PHONE, PERSON, ORG, ALLOC, ASSIGNMENT);
    private final AbuseContactResolver resolver = new AbuseContactResolver(lookup, "HM-MNT");

    @Test
    void ownAbuseCWins() {
        var r = resolver.resolve(RpslObject.parse(ASSIGNMENT + "abuse-c: AB2-TEST\n"));
        assertEquals("abuse@two.example", r.mailbox(), "the own abuse-c applies");
        assertFalse(r.isValid(), "AB2-TEST has no phone");
        assertEquals(Optional.empty(), r.abuseMailbox(), "a query shows no mailbox for an invalid contact");
        assertTrue(r.reason().contains("has no phone"), r.reason());
    }

    @Test
    void organisationsAbuseCIsUsed() {
        var r = resolver.resolve(RpslObject.parse(ALLOC));
        assertTrue(r.isValid(), r.reason());
        assertEquals("abuse@lir.example", r.mailbox());
        assertTrue(r.foundVia().contains("ORG-LA1-TEST"));
    }

    @Test
    void closestEnclosingResourceIsUsed() {
        var r = resolver.resolve(lookup.get(net.whoisd.rpsl.ObjectType.INETNUM, "10.0.1.0 - 10.0.1.255").orElseThrow());
        assertTrue(r.isValid(), r.reason());
        assertTrue(r.foundVia().contains("10.0.0.0 - 10.0.255.255"), r.foundVia());
    }

    @Test
    void climbingStopsAtTheRegistrysObjects() {
        MapLookup withRegistryBlock = new MapLookup(GOOD_ROLE, "organisation: ORG-RIR1-TEST\norg-type: RIR\nabuse-c: AB1-TEST\n",
                "inetnum: 10.0.0.0 - 10.255.255.255\nstatus: ALLOCATED UNSPECIFIED\norg: ORG-RIR1-TEST\nmnt-by: HM-MNT\n",
                "inetnum: 10.1.0.0 - 10.1.255.255\nstatus: ALLOCATED PA\nmnt-by: HM-MNT\nmnt-lower: LIR-MNT\n",
                "inetnum: 10.1.1.0 - 10.1.1.255\nstatus: ASSIGNED PA\nmnt-by: LIR-MNT\n");
        AbuseContactResolver r = new AbuseContactResolver(withRegistryBlock, "HM-MNT");
        var assignment = r.resolve(withRegistryBlock.get(net.whoisd.rpsl.ObjectType.INETNUM, "10.1.1.0 - 10.1.1.255").orElseThrow());
        assertFalse(assignment.isValid(), "the registry's /8 does not lend its abuse desk to an LIR's space");
        assertTrue(r.resolve(withRegistryBlock.get(net.whoisd.rpsl.ObjectType.INETNUM, "10.0.0.0/8").orElseThrow()).isValid(),
                "the registry's own block leads to its desk");
    }

    @Test
    void personIsNotAnAbuseContact() {
        var r = resolver.resolve(RpslObject.parse("aut-num: AS64500\nabuse-c: PP1-TEST\n"));
        assertFalse(r.isValid());
        assertTrue(r.reason().contains("is a person, not a role"), r.reason());
    }

    @Test
    void noContactAnywhere() {
        var r = resolver.resolve(RpslObject.parse("inetnum: 192.0.2.0 - 192.0.2.255\nstatus: ASSIGNED PI\n"));
        assertFalse(r.isValid());
        assertTrue(r.abuseMailbox().isEmpty());
        assertTrue(r.reason().startsWith("no abuse-c on [inetnum] 192.0.2.0 - 192.0.2.255"), r.reason());
    }

    @Test
    void missingRoleIsReported() {
        var r = resolver.resolve(RpslObject.parse("aut-num: AS64501\nabuse-c: XX9-TEST\n"));
        assertTrue(r.reason().contains("XX9-TEST does not exist"), r.reason());
    }

    @Test
    void theQueryMailboxIsTheResolutionsMailboxForEveryCase() {
        MapLookup registry = new MapLookup(GOOD_ROLE, NO_PHONE, PERSON, ORG, "organisation: ORG-RIR1-TEST\norg-type: RIR\nabuse-c: AB1-TEST\n",
                "inetnum: 10.0.0.0 - 10.255.255.255\nstatus: ALLOCATED UNSPECIFIED\norg: ORG-RIR1-TEST\nmnt-by: HM-MNT\n",
                "inetnum: 10.1.0.0 - 10.1.255.255\nstatus: ALLOCATED PA\nmnt-by: HM-MNT\nmnt-lower: LIR-MNT\n",
                "inetnum: 10.1.1.0 - 10.1.1.255\nstatus: ASSIGNED PA\nmnt-by: LIR-MNT\n", ALLOC, ASSIGNMENT,
                "inetnum: 10.0.1.128 - 10.0.1.191\nstatus: ASSIGNED PA\nabuse-c: AB2-TEST\n",
                "inetnum: 10.0.1.130 - 10.0.1.130\nstatus: ASSIGNED PA\n");
        AbuseContactResolver r = new AbuseContactResolver(registry, "HM-MNT");
        for (String text : new String[] {ALLOC, ASSIGNMENT, ASSIGNMENT + "abuse-c: AB2-TEST\n", ASSIGNMENT + "abuse-c: PP1-TEST\n",
                ASSIGNMENT + "abuse-c: XX9-TEST\n", "inetnum: 10.0.1.130 - 10.0.1.130\nstatus: ASSIGNED PA\n",
                "inetnum: 10.0.1.128 - 10.0.1.191\nstatus: ASSIGNED PA\n", "inetnum: 10.1.1.0 - 10.1.1.255\nstatus: ASSIGNED PA\n",
                "inetnum: 10.0.0.0 - 10.255.255.255\nstatus: ALLOCATED UNSPECIFIED\nmnt-by: HM-MNT\n",
                "inetnum: 192.0.2.0 - 192.0.2.255\nstatus: ASSIGNED PI\n", "aut-num: AS64500\nabuse-c: AB1-TEST\n",
                "aut-num: AS64501\norg: ORG-LA1-TEST\n", "aut-num: AS64502\n"}) {
            RpslObject resource = RpslObject.parse(text);
            assertEquals(r.resolve(resource).abuseMailbox(), r.abuseMailbox(resource), text);
        }
        // a new version of a stored resource: its own lines count, not the stored version's
        RpslObject changed = RpslObject.parse("inetnum: 10.0.1.128 - 10.0.1.191\nstatus: ASSIGNED PA\n");
        assertEquals("abuse@lir.example", r.abuseMailbox(changed).orElseThrow(), "the stored version's abuse-c is skipped");
        RpslObject single = registry.get(net.whoisd.rpsl.ObjectType.INETNUM, "10.0.1.130 - 10.0.1.130").orElseThrow();
        assertTrue(r.resolve(single).reason().contains("AB2-TEST"), "the closest enclosing level's own abuse-c applies");
        assertEquals(Optional.empty(), r.abuseMailbox(single), "and a query shows no mailbox for it, as it is not valid");
    }

    @Test
    void policyRequiredGivesErrorWarnGivesWarningNonResourcesPass() {
        RpslObject none = RpslObject.parse("aut-num: AS64502\n");
        assertTrue(new AbuseContactPolicy(lookup, "HM-MNT", true).check(none).orElseThrow().error());
        assertFalse(new AbuseContactPolicy(lookup, "HM-MNT", false).check(none).orElseThrow().error());
        assertTrue(new AbuseContactPolicy(lookup, "HM-MNT", true).check(RpslObject.parse(PERSON)).isEmpty());
        assertTrue(new AbuseContactPolicy(lookup, "HM-MNT", true).check(RpslObject.parse(ALLOC)).isEmpty());
    }
}
