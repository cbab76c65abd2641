package net.whoisd.server.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import net.whoisd.server.auth.GuessBudget;
import net.whoisd.server.auth.OverrideCredentials;

/**
 * Reads an {@code Authorization: Basic} header and checks the pair as an {@code override.users}
 * credential, within the guess budget: a wrong pair costs the client and the user one guess, and
 * when either budget is empty the pair is refused without being checked.
 */
public final class BasicAuthorization {
    private final OverrideCredentials credentials;
    private final GuessBudget guesses;

    /** Who the header names, or that it was refused unchecked. */
    public record Outcome(Optional<String> user, boolean refused) {
    }

    /** With a guess budget of its own (default limits). */
    public BasicAuthorization(OverrideCredentials credentials) {
        this(credentials, new GuessBudget(GuessBudget.Limits.DEFAULT, Clock.systemUTC()));
    }

    /** @param guesses the server's guess budget, shared with the other doors */
    public BasicAuthorization(OverrideCredentials credentials, GuessBudget guesses) {
        this.credentials = credentials;
        this.guesses = guesses;
    }

    /** The override user's name if the header carries a valid pair (for a client not known). */
    public Optional<String> user(String authorization) {
        return check(authorization, "unknown").user();
    }

    /** Checks the header of a request from {@code client} (its IP address). */
    public Outcome check(String authorization, String client) {
        Outcome none = new Outcome(Optional.empty(), false);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return none;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return none;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return none;
        }
        String user = decoded.substring(0, colon);
        String clientKey = GuessBudget.clientKey(client);
        String account = GuessBudget.overrideAccount(user);
        if (!guesses.tryCharge(clientKey, account)) {
            return new Outcome(Optional.empty(), true);
        }
        if (!credentials.authenticate(user, decoded.substring(colon + 1))) {
            return none;
        }
        guesses.refund(clientKey, account);
        return new Outcome(Optional.of(user), false);
    }
}
