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
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.whoisd.server.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener ({@code http.port}): routes each request to the endpoint with the longest
 * matching path prefix. Endpoints run on a separate executor group, never on the event loop.
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

    private final Map<String, HttpEndpoint> routes = new LinkedHashMap<>();
    private final NettyTransport transport;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private EventExecutorGroup handlers;
    private Channel channel;

    public HttpListener() {
        this(NettyTransport.best());
    }

    public HttpListener(NettyTransport transport) {
        this.transport = transport;
    }

    /** Registers an endpoint for every path that starts with {@code prefix} (before {@link #start}). */
    public HttpListener route(String prefix, HttpEndpoint endpoint) {
        routes.put(prefix, endpoint);
        return this;
    }

    /** Binds and returns the bound port (useful with port 0). */
    public int start(String bindAddress, int port) throws InterruptedException {
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
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(60))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(handlers, new Dispatcher());
                    }
                });
        channel = b.bind(bindAddress, port).sync().channel();
        int bound = ((InetSocketAddress) channel.localAddress()).getPort();
        log.info("http listening on {}:{} ({})", bindAddress, bound, transport.name());
        return bound;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            handlers.shutdownGracefully(0, 5, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
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

    private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
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
                    Map<String, List<String>> query = new LinkedHashMap<>();
                    uri.parameters().forEach((k, v) -> query.put(k, new ArrayList<>(v)));
                    HttpCall call = new HttpCall(request.method().name(), uri.path(), query, headers,
                            ByteBufUtil.getBytes(request.content()), client);
                    try {
                        answer = endpoint.handle(call);
                    } catch (Exception e) {
                        log.error("http {} {} failed", call.method(), call.path(), e);
                        answer = HttpAnswer.text(500, "internal error; the request was not completed\n");
                    }
                }
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
            answer.headers().forEach((k, v) -> response.headers().set(k, v));
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
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
