package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;

class ObjectFilterTest {
    private static final RpslObject MNTNER = RpslObject.parse("""
            mntner:         ACME-MNT
            admin-c:        JD1-TEST
            upd-to:         dbm@example.net
            mnt-nfy:        dbm@example.net
            auth:           MD5-PW $1$abc$def
            auth:           BCRYPT-PW $2b$12$abcdefghijklmnopqrstuv
            auth:           PGPKEY-ABCD1234
            auth:           SSO someone@example.net
            notify:         dbm@example.net
            mnt-by:         ACME-MNT
            source:         TEST
            """);

    @Test
    void defaultFilterRemovesEmailAttributesAndMasksHashes() {
        assertEquals("""
                mntner:         ACME-MNT
                admin-c:        JD1-TEST
                auth:           MD5-PW # Filtered
                auth:           BCRYPT-PW # Filtered
                auth:           PGPKEY-ABCD1234
                auth:           SSO # Filtered
                mnt-by:         ACME-MNT
                source:         TEST # Filtered
                """, ObjectFilter.text(ObjectFilter.filter(MNTNER, true)));
    }

    @Test
    void unfilteredStillMasksHashes() {
        String text = ObjectFilter.text(ObjectFilter.filter(MNTNER, false));
        assertEquals(true, text.contains("upd-to:         dbm@example.net\n"));
        assertEquals(true, text.contains("auth:           MD5-PW # Filtered\n"));
        assertEquals(false, text.contains("$1$abc"));
        assertEquals(true, text.endsWith("source:         TEST # Filtered\n"));
    }

    @Test
    void nothingToFilterLeavesSourceAlone() {
        RpslObject route = RpslObject.parse("route: 192.0.2.0/24\norigin: AS64496\nmnt-by: ACME-MNT\nsource: TEST\n");
        assertEquals("source:         TEST\n", ObjectFilter.text(ObjectFilter.filter(route, true)).lines().reduce((a, b) -> b).get() + "\n");
    }

    @Test
    void abuseMailboxIsNeverFiltered() {
        RpslObject role = RpslObject.parse("role: Abuse\nnic-hdl: AB1-TEST\nabuse-mailbox: abuse@example.net\ne-mail: x@example.net\nsource: TEST\n");
        String text = ObjectFilter.text(ObjectFilter.filter(role, true));
        assertEquals(true, text.contains("abuse-mailbox:  abuse@example.net\n"));
        assertEquals(false, text.contains("\ne-mail:"));
    }

    @Test
    void briefForm() {
        RpslObject obj = RpslObject.parse("mntner: ACME-MNT\ndescr: first\n+ second\nauth: SSO x@y\nmnt-by: ACME-MNT\nsource: TEST\n");
        assertEquals("""
                *mt: ACME-MNT
                *de: first
                +    second
                *at: SSO # Filtered
                *mb: ACME-MNT
                *so: TEST # Filtered
                """, ObjectFilter.brief(ObjectFilter.filter(obj, true)));
    }

    @Test
    void keysOnly() {
        RpslObject route = RpslObject.parse("route: 192.0.2.0/24\ndescr: x\norigin: AS64496\nmnt-by: ACME-MNT\nsource: TEST\n");
        assertEquals("route:          192.0.2.0/24\norigin:         AS64496\n",
                ObjectFilter.text(ObjectFilter.keysOnly(route, ObjectType.ROUTE)));
    }
}
