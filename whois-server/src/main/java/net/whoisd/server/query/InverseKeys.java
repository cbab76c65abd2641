package net.whoisd.server.query;

import java.util.List;
import java.util.Set;
import net.whoisd.rpsl.References;

/** The attributes {@code -i} may search (RIPE's inverse keys) and the {@code -i person} expansion. */
public final class InverseKeys {
    /** Every attribute that is an inverse key in some template (from the parser's templates). */
    public static final Set<String> SEARCHABLE = References.inverseSearchable();

    /** {@code -i person} (or {@code pn}) means every attribute that references a person or role. */
    public static final List<String> PERSON_EXPANSION =
            List.of("abuse-c", "admin-c", "tech-c", "zone-c", "author", "ping-hdl");

    private InverseKeys() {
    }

    public static boolean isSearchable(String attribute, boolean trustedClient) {
        return SEARCHABLE.contains(attribute) || (trustedClient && attribute.equals("e-mail"));
    }
}
