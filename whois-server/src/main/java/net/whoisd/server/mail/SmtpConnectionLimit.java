package net.whoisd.server.mail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.whoisd.server.acl.ConnectionLimits;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Refuses an SMTP session over the per-address or total {@link ConnectionLimits} with a {@code 421}
 * greeting (RFC 5321 §3.8: the server closes the connection after it).
 */
final class SmtpConnectionLimit implements SessionHandler {
    private final ConnectionLimits limits;
    /** The library ends refused sessions too: only those admitted here are released. */
    private final Set<Session> admitted = ConcurrentHashMap.newKeySet();

    SmtpConnectionLimit(ConnectionLimits limits) {
        this.limits = limits;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress address = address(session);
        return switch (limits.admit(address)) {
            case ADMITTED -> {
                admitted.add(session);
                yield SessionAcceptance.success();
            }
            case OVER_ADDRESS_LIMIT -> SessionAcceptance.failure(421, "4.7.0 Too many connections from "
                    + address.getHostAddress() + " (at most " + limits.perAddress() + " at once), try again later");
            case OVER_TOTAL_LIMIT -> SessionAcceptance.failure(421, "4.3.2 Too many connections, try again later");
        };
    }

    @Override
    public void onSessionEnd(Session session) {
        if (admitted.remove(session)) {
            limits.release(address(session));
        }
    }

    private static InetAddress address(Session session) {
        return ((InetSocketAddress) session.getRemoteAddress()).getAddress();
    }
}
