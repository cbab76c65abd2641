package net.whoisd.server.update;

import java.util.List;
import java.util.Set;

/**
 * What one object of a message offers to authenticate maintainers.
 *
 * @param passwords  the message's {@code password:} values
 * @param pgpKeyIds  key-cert ids ({@code PGPKEY-XXXXXXXX}) whose signatures over this object verified
 * @param override   true if a valid {@code override:} was given (all authorisation is skipped)
 * @param checks     the message's password checks (each made once, within the guess budget)
 */
record Credentials(List<String> passwords, Set<String> pgpKeyIds, boolean override, CredentialChecks checks) {

    /** How the object was authenticated, for logs and notifications (never the secret itself). */
    String describe() {
        if (override) {
            return "override";
        }
        StringBuilder sb = new StringBuilder();
        if (!pgpKeyIds.isEmpty()) {
            sb.append("PGP key ").append(String.join(", ", pgpKeyIds));
        }
        if (!passwords.isEmpty()) {
            sb.append(sb.length() > 0 ? " and " : "").append("password");
        }
        return sb.length() == 0 ? "no credentials" : sb.toString();
    }
}
