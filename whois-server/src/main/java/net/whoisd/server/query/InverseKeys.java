package net.whoisd.server.query;

import java.util.List;
import java.util.Set;

/** The attributes {@code -i} may search (RIPE's inverse keys) and the {@code -i person} expansion. */
public final class InverseKeys {
    public static final Set<String> SEARCHABLE = Set.of(
            "abuse-c", "abuse-mailbox", "admin-c", "auth", "author", "ds-rdata", "fingerpr", "form", "ifaddr",
            "irt-nfy", "local-as", "mbrs-by-ref", "member-of", "mnt-by", "mnt-domains", "mnt-irt", "mnt-lower",
            "mnt-nfy", "mnt-ref", "mnt-routes", "notify", "nserver", "org", "origin", "ping-hdl", "ref-nfy",
            "sponsoring-org", "tech-c", "upd-to", "zone-c");

    /** {@code -i person} (or {@code pn}) means every attribute that references a person or role. */
    public static final List<String> PERSON_EXPANSION =
            List.of("abuse-c", "admin-c", "tech-c", "zone-c", "author", "ping-hdl");

    private InverseKeys() {
    }

    public static boolean isSearchable(String attribute, boolean trustedClient) {
        return SEARCHABLE.contains(attribute) || (trustedClient && attribute.equals("e-mail"));
    }
}
