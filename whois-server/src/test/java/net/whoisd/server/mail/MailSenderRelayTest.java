package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.whoisd.server.outbox.MailSender;
import net.whoisd.server.outbox.OutgoingMail;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/** The sender keeps one relay connection for many messages and replaces it when the relay went away. */
class MailSenderRelayTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    private SMTPServer relay(int port) {
        SMTPServer server = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).hostName("relay")
                .messageHandlerFactory(context -> {
                    sessions.add(context.getSessionId());
                    return new org.subethamail.smtp.helper.SimpleMessageListenerAdapter(new SimpleMessageListener() {
                        @Override
                        public boolean accept(String from, String recipient) {
                            return true;
                        }

                        @Override
                        public void deliver(String from, String recipient, InputStream data) throws IOException {
                            received.add(new String(data.readAllBytes()));
                        }
                    }).create(context);
                }).build();
        server.start();
        return server;
    }

    @Test
    void manyMessagesShareOneConnectionAndAStaleOneIsReplaced() {
        SMTPServer first = relay(0);
        int port = first.getPortAllocated();
        try (MailSender sender = new MailSender("auto-dbm@example.net", "127.0.0.1:" + port, null)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(sender.send(OutgoingMail.of(List.of("ann@example.com"), "SUCCESS: " + i, "body " + i)));
            }
            assertEquals(5, received.size());
            assertEquals(1, sessions.size(), "one SMTP session for all five");
            first.stop();
            SMTPServer second = relay(port);
            try {
                assertTrue(sender.send(OutgoingMail.of(List.of("ann@example.com"), "SUCCESS: after restart", "body")));
            } finally {
                second.stop();
            }
        }
        assertEquals(6, received.size());
        assertTrue(received.get(5).contains("after restart"));
    }
}
