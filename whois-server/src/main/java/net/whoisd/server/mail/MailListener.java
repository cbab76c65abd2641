package net.whoisd.server.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import net.whoisd.server.acl.AddressRanges;
import net.whoisd.server.acl.ConnectionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The robot's SMTP door ({@code smtp.port}): accepts a message for any recipient, stores it in the
 * {@link MailSpool} and only then answers 250, so a message the sender was told is delivered is
 * never lost. Messages above the size limit are refused with 552 (announced in the EHLO {@code SIZE}
 * extension, so a real MTA refuses them at {@code MAIL FROM} already). Connections over the
 * per-address or total limit get a {@code 421} greeting and are closed.
 */
public final class MailListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailListener.class);

    private final MailSpool spool;
    private final Runnable onStored;
    private final int maxMessageSize;
    private final ConnectionLimits limits;
    private SMTPServer server;

    /**
     * @param spool          where received messages go
     * @param onStored       called after each stored message (wakes the worker)
     * @param maxMessageSize largest message accepted, in bytes ({@code smtp.max-message-size}); 0 = no limit
     */
    public MailListener(MailSpool spool, Runnable onStored, int maxMessageSize) {
        this(spool, onStored, maxMessageSize, new ConnectionLimits(0, 0, AddressRanges.parse("acl.trusted", List.of())));
    }

    /** As above, with connections limited per client address and in total ({@code smtp.connections-per-ip}, {@code smtp.max-connections}). */
    public MailListener(MailSpool spool, Runnable onStored, int maxMessageSize, ConnectionLimits limits) {
        this.spool = spool;
        this.onStored = onStored;
        this.maxMessageSize = maxMessageSize;
        this.limits = limits;
    }

    /** Starts listening; returns the port actually bound (useful with port 0). */
    public synchronized int start(String bindAddress, int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("SMTP listener already started");
        }
        SMTPServer smtp = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(bindAddress))
                .hostName(bindAddress)
                .softwareName("whoisd mail robot")
                .maxMessageSize(maxMessageSize)
                .connectionTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .messageHandlerFactory(Session::new)
                .sessionHandler(new SmtpConnectionLimit(limits))
                // the library refuses connections over its own cap (1,000 by default) before ours
                .maxConnections(Math.max(1000, limits.total()))
                .build();
        try {
            smtp.start();
        } catch (RuntimeException e) {
            throw new IOException("SMTP listener cannot listen on " + bindAddress + ":" + port + ": " + rootMessage(e), e);
        }
        server = smtp;
        int bound = smtp.getPortAllocated();
        log.info("SMTP listener (mail robot) on {}:{}, messages up to {} bytes", bindAddress, bound,
                maxMessageSize == 0 ? "any number of" : maxMessageSize);
        return bound;
    }

    /** SMTP sessions open now (those admitted by the connection limits). */
    public int openConnections() {
        return limits.open();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** One SMTP transaction (MAIL FROM, RCPT TO..., DATA). */
    private final class Session implements MessageHandler {
        private final MessageContext context;
        private final String client;
        /** The client's IP address, recorded with the message (failed passwords are charged to it). */
        private final String peer;
        private String envelopeSender = "";
        private int recipients;

        Session(MessageContext context) {
            this.context = context;
            this.client = describe(context.getRemoteAddress());
            this.peer = context.getRemoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                    ? inet.getAddress().getHostAddress() : null;
        }

        @Override
        public void from(String from) {
            envelopeSender = from == null ? "" : from;
        }

        @Override
        public void recipient(String recipient) {
            recipients++;
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            LimitedInput input = new LimitedInput(data, maxMessageSize);
            long started = System.nanoTime();
            SpoolEntry entry;
            try {
                entry = spool.store(input, envelopeSender, peer);
            } catch (IOException e) {
                if (input.readFailed) {
                    throw e; // the connection broke: nothing to answer
                }
                long total = input.count + drain(data);
                endTransaction();
                if (input.tooLarge) {
                    log.warn("mail refused (552, {} bytes, limit {}): client={} sender=<{}>", total, maxMessageSize,
                            client, envelopeSender);
                    throw new RejectException(552, "5.3.4 Message too big: " + total + " bytes, the limit is "
                            + maxMessageSize);
                }
                log.error("mail could not be stored (451): client={} sender=<{}>", client, envelopeSender, e);
                throw new RejectException(451, "4.3.0 Message could not be stored, try again later");
            }
            log.info("mail received: client={} sender=<{}> recipients={} bytes={} spool={} in {} ms", client,
                    envelopeSender, recipients, input.count, entry.name(), (System.nanoTime() - started) / 1_000_000);
            onStored.run();
            return "Ok: queued as " + entry.name();
        }

        @Override
        public void done() {
        }

        /**
         * A refused DATA ends the mail transaction (RFC 5321 §3.3), so the client may send the next
         * message on the same connection; subethasmtp only does this itself after a 250.
         */
        private void endTransaction() {
            if (context instanceof org.subethamail.smtp.server.Session session) {
                session.resetMailTransaction();
            }
        }
    }

    /** Reads what is left of a refused message so that the SMTP session stays in step. */
    private static long drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            skipped += n;
        }
        return skipped;
    }

    private static String describe(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** Counts bytes, stops at the limit, and remembers whether a failure came from the connection. */
    private static final class LimitedInput extends FilterInputStream {
        private final long limit;
        long count;
        boolean tooLarge;
        boolean readFailed;

        LimitedInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                readFailed = true;
                throw e;
            }
            if (n > 0) {
                count += n;
                if (limit > 0 && count > limit) {
                    tooLarge = true;
                    throw new IOException("message exceeds " + limit + " bytes");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.max(1, Math.min(n, 8192))]));
        }
    }
}
