package net.whoisd.server.query;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.whoisd.server.metrics.QueryOutcome;
import net.whoisd.server.transport.NettyTransport;
import net.whoisd.server.acl.AccessControl;
import net.whoisd.server.metrics.AclBlock;
import net.whoisd.server.metrics.Metrics;
import net.whoisd.server.metrics.QueryKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port-43 listener: banner on connect, one query per connection or many with {@code -k}
 * (answered strictly in order), a line-length limit, an idle timeout, a per-address and a global
 * connection cap, and the ACL. Bounded lookups ({@link Query#isBoundedLookup()}) run on the
 * connection's event loop; every other lookup runs on a worker pool, so one slow query or client
 * never delays the others. Those answers are written a part at a time, only while the connection
 * can take more (a slow reader holds no thread, and at most the write buffer's high-water mark of
 * text), and their number in progress is capped over all clients and per client address.
 */
public final class WhoisListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WhoisListener.class);
    /** Queued lines per connection beyond which input is not read until answers drain. */
    private static final int MAX_PENDING_LINES = 16;
    /** How long the connect banner may wait for the first answer to travel with (see channelActive). */
    private static final long BANNER_HOLD_MICROS = 1_000;

    /**
     * Tunables of the listener.
     *
     * @param maxLineLength  longest query line in bytes (RIPE: 1024)
     * @param idleTimeout    time without input before the connection is closed with ERROR:305
     * @param maxConnections connections open at once over all clients
     * @param workerThreads  threads that run lookups
     * @param maxLargeQueries         answers of unbounded lookups in progress over all clients (0 = unlimited)
     * @param largeQueriesPerClient   the same per client address, trusted addresses exempt (0 = unlimited)
     */
    public record Settings(int maxLineLength, Duration idleTimeout, int maxConnections, int workerThreads,
            int maxLargeQueries, int largeQueriesPerClient) {
        public Settings(int maxLineLength, Duration idleTimeout, int maxConnections, int workerThreads) {
            this(maxLineLength, idleTimeout, maxConnections, workerThreads, 16, 2);
        }

        public static Settings defaults() {
            return new Settings(1024, Duration.ofSeconds(180), 10_000, 32);
        }

        /** These settings with the limits of large queries ({@code whois.large-queries}, {@code acl.large-queries-per-ip}). */
        public Settings withLargeQueryLimits(int max, int perClient) {
            return new Settings(maxLineLength, idleTimeout, maxConnections, workerThreads, max, perClient);
        }
    }

    /**
     * After the last write: end the output (FIN) before closing. A close with input still unread
     * (a query sent before a refusal at connect, the rest of a too-long line) makes the kernel send
     * a reset, which can cost the client the answer it has not read yet; Java NIO shut the output
     * down first on its own, the native transport does not.
     */
    private static final ChannelFutureListener FINISH = f -> finish(f.channel());

    private static void finish(Channel ch) {
        if (ch instanceof DuplexChannel duplex && ch.isActive()) {
            duplex.shutdownOutput().addListener(done -> ch.close());
        } else {
            ch.close();
        }
    }

    private final QueryParser parser = new QueryParser();
    private final QueryExecutor executor;
    private final AccessControl acl;
    private final Settings settings;
    private final Metrics metrics;
    private final LargeQueries largeQueries;
    private final AtomicInteger open = new AtomicInteger();
    private final ChannelGroup connections = new DefaultChannelGroup("whois-connections", GlobalEventExecutor.INSTANCE);
    private final String banner = QueryMessages.banner() + "\n";
    /** The banner encoded once, shared read-only by every connection (each writes a duplicate). */
    private final ByteBuf bannerBytes = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(banner.length()).writeBytes(banner.getBytes(StandardCharsets.UTF_8)).asReadOnly());
    private EventLoopGroup workers;
    private ThreadPoolExecutor queries;
    private Channel channel;

    public WhoisListener(QueryExecutor executor, AccessControl acl, Settings settings) {
        this(executor, acl, settings, new Metrics());
    }

    /** @param metrics counts every answered query, its latency and every ACL refusal */
    public WhoisListener(QueryExecutor executor, AccessControl acl, Settings settings, Metrics metrics) {
        this.executor = executor;
        this.acl = acl;
        this.settings = settings;
        this.metrics = metrics;
        this.largeQueries = new LargeQueries(settings.maxLargeQueries(), settings.largeQueriesPerClient());
    }

    /** Binds and returns the bound port (useful with port 0). */
    public int start(String bindAddress, int port) throws InterruptedException {
        NettyTransport transport = NettyTransport.best();
        // one group accepts and serves: a connection accepted by the loop that serves it is
        // registered in place, without a hand-off to another thread
        workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), transport.ioHandlers());
        AtomicInteger threadNumber = new AtomicInteger();
        queries = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1024, settings.maxConnections())), r -> {
                    Thread t = new Thread(r, "whois-query-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ServerBootstrap b = new ServerBootstrap()
                .group(workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                // TCP_NODELAY is Netty's default for accepted sockets; no keep-alive probes, the
                // idle timeout closes silent connections long before the first probe would go out
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new LineBasedFrameDecoder(settings.maxLineLength(), true, true))
                                .addLast(new Session());
                    }
                });
        channel = b.bind(bindAddress, port).sync().channel();
        int bound = ((InetSocketAddress) channel.localAddress()).getPort();
        log.info("whois listening on {}:{} ({})", bindAddress, bound, transport.name());
        return bound;
    }

    /** Stops accepting, lets queries in progress finish (up to 10 s), then closes every connection. */
    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (queries != null) {
            queries.shutdown();
            try {
                queries.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Channel ch : connections) {
            finish(ch);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Channel ch : connections) {
            ch.closeFuture().awaitUninterruptibly(Math.max(0, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** Answers of unbounded lookups in progress now (running or waiting for their reader). */
    public int largeQueriesInProgress() {
        return largeQueries.inProgress();
    }

    /** Large answers waiting for their turn to look up (see {@link LargeQueries#lookup}). */
    int largeLookupsWaiting() {
        return largeQueries.lookupsWaiting();
    }

    /** Bytes written to connections and not yet handed to the kernel, over all connections. */
    public long pendingOutboundBytes() {
        long pending = 0;
        for (Channel ch : connections) {
            var buffer = ch.unsafe().outboundBuffer();
            if (buffer != null) {
                pending += buffer.totalPendingWriteBytes();
            }
        }
        return pending;
    }

    /** One connection: its lines are answered one at a time, in order. Event-loop confined. */
    private final class Session extends ChannelInboundHandlerAdapter {
        private final ArrayDeque<String[]> pending = new ArrayDeque<>();
        private InetAddress address;
        private boolean counted;
        private boolean persistent;
        private boolean busy;
        private boolean closing;
        private ScheduledFuture<?> bannerFlush;
        /** A large answer waiting for the connection to become writable again, and since when. */
        private Pump paused;
        private long pausedSince;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            open.incrementAndGet();
            connections.add(ctx.channel());
            address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            if (open.get() > settings.maxConnections()) {
                refuse(ctx, QueryMessages.serverBusy());
                return;
            }
            if (acl.isDenied(address)) {
                metrics.aclBlocked(AclBlock.DENIED);
                refuse(ctx, QueryMessages.accessDeniedPermanently(address.getHostAddress()));
                return;
            }
            if (!acl.openConnection(address)) {
                metrics.aclBlocked(AclBlock.CONNECTION_LIMIT);
                refuse(ctx, QueryMessages.connectionsExceeded(acl.connectionsPerIp()) + "\n" + executor.servedBy() + "\n");
                return;
            }
            counted = true;
            // the banner waits a moment for the first answer so that both leave in one segment (most
            // clients send their query at once); a client that waits for the banner gets it then
            ctx.write(bannerBytes.duplicate());
            bannerFlush = ctx.executor().schedule(() -> ctx.flush(), BANNER_HOLD_MICROS, TimeUnit.MICROSECONDS);
        }

        private void bannerSent() {
            if (bannerFlush != null) {
                bannerFlush.cancel(false);
                bannerFlush = null;
            }
        }

        private void refuse(ChannelHandlerContext ctx, String message) {
            closing = true;
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(ascii(banner + message + "\n")).addListener(FINISH);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            bannerSent();
            open.decrementAndGet();
            if (counted) {
                acl.closeConnection(address);
            }
            closing = true;
            pending.clear();
            if (paused != null) {
                paused.slot.release();
                paused = null;
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                if (closing) {
                    return;
                }
                pending.add(decode(frame));
            } finally {
                frame.release();
            }
            if (pending.size() >= MAX_PENDING_LINES) {
                ctx.channel().config().setAutoRead(false);
            }
            next(ctx);
        }

        private void next(ChannelHandlerContext ctx) {
            if (busy || closing || pending.isEmpty() || !ctx.channel().isWritable()) {
                return;
            }
            String[] line = pending.poll();
            if (!ctx.channel().config().isAutoRead() && pending.size() < MAX_PENDING_LINES / 2) {
                ctx.channel().config().setAutoRead(true);
            }
            busy = true;
            Query query = parser.parse(line[0]);
            if (persistent && query.kind() == Query.Kind.PERSISTENT_ONLY) {
                closing = true;
                ctx.close();
                return;
            }
            if (query.has(QueryFlag.PERSISTENT_CONNECTION)) {
                persistent = true;
            }
            QueryClient client = new QueryClient(address.getHostAddress(), acl.isTrusted(address), line[1] != null);
            long started = System.nanoTime();
            if (runsOnEventLoop(query)) {
                answer(ctx, query, run(query, client), started);
                return;
            }
            LargeQueries.Slot slot = query.isBoundedLookup() ? largeQueries.uncounted()
                    : largeQueries.tryAcquire(address, client.trusted());
            if (slot == null) {
                String refusal = largeQueries.inProgress() >= settings.maxLargeQueries() && settings.maxLargeQueries() > 0
                        ? QueryMessages.largeQueriesBusy() : QueryMessages.largeQueriesExceeded(largeQueries.perClient());
                answer(ctx, query, closingAnswer(refusal, QueryOutcome.DENIED), started);
                return;
            }
            resume(new Pump(ctx, query, client, slot, started));
        }

        /** Hands a large answer (back) to the query pool. */
        private void resume(Pump pump) {
            try {
                queries.execute(pump);
            } catch (RejectedExecutionException e) {
                pump.slot.release();
                answer(pump.ctx, pump.query, closingAnswer(QueryMessages.internalError(), QueryOutcome.ERROR), pump.started);
            }
        }

        /** On the event loop, after a pump stopped at an unwritable connection: go on, or wait for writability. */
        private void pauseOrResume(Pump pump) {
            if (closing || !pump.ctx.channel().isActive()) {
                pump.slot.release();
            } else if (pump.ctx.channel().isWritable()) {
                resume(pump);
            } else {
                paused = pump;
                pausedSince = System.nanoTime();
            }
        }

        /**
         * Answers that need no lookup, and bounded lookups unless a commit is being shown (the
         * lookup would wait for it, and with it every connection of this event loop); the rest goes
         * to the query pool.
         */
        private boolean runsOnEventLoop(Query query) {
            return query.isRejected() || query.kind() != Query.Kind.SEARCH && query.kind() != Query.Kind.VERSIONS
                    || query.isBoundedLookup() && !executor.lookupsWouldWait();
        }

        private QueryAnswer run(Query query, QueryClient client) {
            try {
                return executor.execute(query, client);
            } catch (RuntimeException | Error e) {
                // an Error too: unanswered, it would reach Netty, which closes without a word
                log.error("query failed: {}", query.line(), e);
                return closingAnswer(QueryMessages.internalError(), QueryOutcome.ERROR);
            }
        }

        private void answer(ChannelHandlerContext ctx, Query query, QueryAnswer a, long started) {
            long nanos = System.nanoTime() - started;
            metrics.queryAnswered(query.countedAs(), a.outcome(), nanos);
            long micros = nanos / 1000;
            log.info("{} \"{}\" {} objects {} personal {}us", address.getHostAddress(), printable(query.line()),
                    a.objects(), a.personalObjects(), micros);
            busy = false;
            if (closing) {
                return;
            }
            Charset charset = Charsets.named(query.value(QueryFlag.CHARSET)).orElse(StandardCharsets.ISO_8859_1);
            boolean keep = persistent && !a.close();
            String text = keep ? a.text() + banner : a.text();
            ByteBuf out = ctx.alloc().directBuffer(text.length());
            out.writeCharSequence(text, charset);
            bannerSent();
            if (!keep) {
                closing = true;
                ctx.writeAndFlush(out).addListener(FINISH);
                return;
            }
            ctx.writeAndFlush(out);
            next(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (paused != null && ctx.channel().isWritable()) {
                Pump pump = paused;
                paused = null;
                resume(pump);
            }
            next(ctx);
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE || closing) {
                return;
            }
            if (!busy) {
                closing = true;
                bannerSent();
                ctx.writeAndFlush(ascii(QueryMessages.timeout() + "\n")).addListener(FINISH);
            } else if (paused != null && System.nanoTime() - pausedSince >= settings.idleTimeout().toNanos()) {
                // a client that neither reads its answer nor sends anything: its output cannot go out
                log.info("{} did not read its answer for {}, closing", address.getHostAddress(), settings.idleTimeout());
                closing = true;
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                if (!closing) {
                    closing = true;
                    log.info("{} input line too long, closing", address == null ? "?" : address.getHostAddress());
                    bannerSent();
                    ctx.writeAndFlush(ascii(QueryMessages.inputTooLong() + "\n")).addListener(FINISH);
                }
                return;
            }
            if (!(cause instanceof IOException)) {
                log.warn("whois connection error", cause);
            }
            closing = true;
            ctx.close();
        }
    }

    /**
     * Writes a large answer a part at a time on a query thread while the connection is writable;
     * at an unwritable connection it lets the thread go and the event loop resumes it on
     * writability. It ends with the last part handed to {@link Session#answer} on the event loop,
     * or, whatever went wrong, with ERROR:100 and the connection closed.
     */
    private final class Pump implements Runnable {
        final ChannelHandlerContext ctx;
        final Query query;
        final QueryClient client;
        final LargeQueries.Slot slot;
        final long started;
        private final Charset charset;
        private AnswerStream answer;

        Pump(ChannelHandlerContext ctx, Query query, QueryClient client, LargeQueries.Slot slot, long started) {
            this.ctx = ctx;
            this.query = query;
            this.client = client;
            this.slot = slot;
            this.started = started;
            this.charset = Charsets.named(query.value(QueryFlag.CHARSET)).orElse(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void run() {
            Channel ch = ctx.channel();
            Session session = (Session) ctx.handler();
            try {
                if (answer == null) {
                    answer = slot.counted() ? largeQueries.lookup(() -> executor.answer(query, client))
                            : executor.answer(query, client);
                }
                while (ch.isActive()) {
                    String part = answer.next();
                    if (answer.done()) {
                        slot.release();
                        QueryAnswer last = new QueryAnswer(part, answer.objects(), answer.personalObjects(), answer.close(),
                                answer.outcome());
                        ch.eventLoop().execute(() -> session.answer(ctx, query, last, started));
                        return;
                    }
                    ByteBuf out = ctx.alloc().directBuffer(part.length());
                    out.writeCharSequence(part, charset);
                    ctx.writeAndFlush(out);
                    if (!ch.isWritable()) {
                        ch.eventLoop().execute(() -> session.pauseOrResume(this));
                        return;
                    }
                }
                slot.release();
            } catch (RejectedExecutionException stopped) {
                // a query that outlasted close()'s wait: its connection's event loop is gone, and the connection with it
                slot.release();
            } catch (Throwable e) {
                // an Error too (out of memory above all): the client gets an answer and a close, never silence
                log.error("query failed: {}", query.line(), e);
                slot.release();
                ch.eventLoop().execute(() -> session.answer(ctx, query, closingAnswer(QueryMessages.internalError(), QueryOutcome.ERROR), started));
            }
        }
    }

    /** An answer of one message that closes the connection. */
    private QueryAnswer closingAnswer(String message, QueryOutcome outcome) {
        return new QueryAnswer(message + "\n" + executor.servedBy() + "\n\n", 0, 0, true, outcome);
    }

    /**
     * The query text of a frame: cut at a telnet "interrupt process" sequence, UTF-8 decoded, then
     * mapped to Latin-1. Element 1 is non-null if characters outside Latin-1 had to be replaced.
     */
    static String[] decode(ByteBuf frame) {
        int length = frame.readableBytes();
        byte[] bytes = new byte[length];
        frame.readBytes(bytes);
        for (int i = 0; i + 1 < length; i++) {
            if (bytes[i] == (byte) 0xFF && bytes[i + 1] == (byte) 0xF4) {
                length = i;
                break;
            }
        }
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                if (sb == null) {
                    sb = new StringBuilder(text.substring(0, i));
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? new String[] {text.strip(), null} : new String[] {sb.toString().strip(), "converted"};
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The query line for the log: control characters shown as {@code ?}. */
    private static String printable(String s) {
        int clean = 0;
        while (clean < s.length() && clean < 200 && s.charAt(clean) >= 0x20 && s.charAt(clean) != 0x7F) {
            clean++;
        }
        if (clean == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return sb.toString();
    }
}
