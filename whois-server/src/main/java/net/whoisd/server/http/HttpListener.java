package net.whoisd.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.whoisd.server.transport.NettyTransport;
import net.whoisd.server.acl.AddressRanges;
import net.whoisd.server.acl.ConnectionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener ({@code http.port}): routes each request to the endpoint with the longest
 * matching path prefix. Endpoints run on a separate executor group, never on the event loop.
 * Connections are limited per client address and in total ({@link ConnectionGate}), and a request
 * must arrive whole within a deadline ({@link RequestDeadline}), so that slow or many connections
 * cannot take the file descriptors the whois and mail doors need.
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);
    /** Largest request body accepted (update messages are far smaller). */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /**
     * Threads that run endpoints. Most of their time is spent waiting (an update waits for its
     * durable commit), and the update engine commits the updates waiting at the same time
     * together, so more waiting requests mean fewer disk flushes per update.
     */
    static final int HANDLER_THREADS = Math.max(32, Runtime.getRuntime().availableProcessors() * 4);

    /** Default of {@code http.request-timeout}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** How long a stop waits for the requests in progress (an update waiting for its commit) to be answered. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Map<String, HttpEndpoint> routes = new LinkedHashMap<>();
    private final ConnectionGate gate;
    private final Duration requestTimeout;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final ChannelGroup connections = new DefaultChannelGroup("http-connections", GlobalEventExecutor.INSTANCE);
    private volatile boolean closing;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private EventExecutorGroup handlers;
    private Channel channel;

    /** No connection limits (tests of the endpoints). */
    public HttpListener() {
        this(new ConnectionLimits(0, 0, AddressRanges.parse("acl.trusted", List.of())), DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * @param limits         connections per client address and in total
     * @param requestTimeout time a whole request may take to arrive, from the connect or the previous response
     */
    public HttpListener(ConnectionLimits limits, Duration requestTimeout) {
        this.gate = new ConnectionGate(limits);
        this.requestTimeout = requestTimeout;
    }

    /** Registers an endpoint for every path that starts with {@code prefix} (before {@link #start}). */
    public HttpListener route(String prefix, HttpEndpoint endpoint) {
        routes.put(prefix, endpoint);
        return this;
    }

    /** Binds and returns the bound port (useful with port 0). */
    public int start(String bindAddress, int port) throws InterruptedException {
        NettyTransport transport = NettyTransport.best();
        // the endpoints are updates and registry operations: background work beside the whois queries,
        // so every thread of this listener runs at the lowest priority (docs/updates.md, "Update work at low priority")
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http-accept", true, Thread.MIN_PRIORITY),
                transport.ioHandlers());
        workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("http-io", true, Thread.MIN_PRIORITY),
                transport.ioHandlers());
        handlers = new DefaultEventExecutorGroup(HANDLER_THREADS, new DefaultThreadFactory("http-handler", true, Thread.MIN_PRIORITY));
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        open.incrementAndGet();
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(gate)
                                .addLast(new ReadTimeoutHandler(60))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new RequestDeadline(requestTimeout))
                                .addLast(handlers, new Dispatcher());
                    }
                });
        channel = b.bind(bindAddress, port).sync().channel();
        int bound = ((InetSocketAddress) channel.localAddress()).getPort();
        log.info("http listening on {}:{} ({})", bindAddress, bound, transport.name());
        return bound;
    }

    /**
     * Stops accepting, answers the requests in progress (up to 5 s; their connections are then
     * closed), closes every connection, and only then stops the threads: a closed connection's
     * pipeline is taken down on both the handler and the I/O threads, and a task handed to one
     * already stopped fails with a RejectedExecutionException.
     */
    @Override
    public void close() {
        closing = true;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (inProgress.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (boss != null) {
            handlers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    private HttpEndpoint endpointFor(String path) {
        HttpEndpoint best = null;
        int bestLength = -1;
        for (Map.Entry<String, HttpEndpoint> e : routes.entrySet()) {
            if (path.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return best;
    }

    private static Map<String, List<String>> query(QueryStringDecoder uri) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        try {
            uri.parameters().forEach((k, v) -> query.put(k, new ArrayList<>(v)));
        } catch (IllegalArgumentException e) {
            // Netty's message quotes the whole query string, password included: never passed on
            throw new MalformedFormException("a %-escape in the query string is not two hexadecimal digits");
        }
        return query;
    }

    private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            inProgress.incrementAndGet();
            try {
                answer(ctx, request);
            } finally {
                inProgress.decrementAndGet();
            }
        }

        private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
            long started = System.nanoTime();
            String client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            HttpAnswer answer;
            if (!request.decoderResult().isSuccess()) {
                answer = HttpAnswer.text(400, "malformed HTTP request\n");
            } else {
                HttpEndpoint endpoint = endpointFor(uri.path());
                if (endpoint == null) {
                    answer = HttpAnswer.text(404, "no such resource: " + uri.path() + "\n");
                } else {
                    Map<String, String> headers = new LinkedHashMap<>();
                    request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                    try {
                        HttpCall call = new HttpCall(request.method().name(), uri.path(), query(uri), headers,
                                ByteBufUtil.getBytes(request.content()), client);
                        answer = endpoint.handle(call);
                    } catch (MalformedFormException e) {
                        answer = HttpAnswer.text(400, "The form data could not be decoded (" + e.getMessage()
                                + "): send it URL-encoded (application/x-www-form-urlencoded, e.g. curl --data-urlencode)"
                                + " or as multipart/form-data; nothing was processed\n");
                    } catch (Exception e) {
                        log.error("http {} {} failed", request.method().name(), uri.path(), e);
                        answer = HttpAnswer.text(500, "internal error; the request was not completed\n");
                    }
                }
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
            answer.headers().forEach((k, v) -> response.headers().set(k, v));
            boolean keepAlive = HttpUtil.isKeepAlive(request) && !closing;
            response.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
            log.info("http client={} {} {} status={} bytes={} micros={}", client, request.method(), uri.path(),
                    answer.status(), answer.body().length, (System.nanoTime() - started) / 1000);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("http connection closed: {}", cause.toString());
            ctx.close();
        }
    }
}
