package net.whoisd.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import net.whoisd.server.acl.ConnectionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First in every HTTP connection's pipeline: admits it within the {@link ConnectionLimits}, else
 * answers 429 (this address has too many connections) or 503 (the listener has) and closes it
 * before any request is read.
 */
@ChannelHandler.Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    private static final AttributeKey<InetAddress> ADMITTED = AttributeKey.valueOf("whoisd.http.admitted");

    private final ConnectionLimits limits;

    ConnectionGate(ConnectionLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        ConnectionLimits.Admission admission = limits.admit(address);
        if (admission == ConnectionLimits.Admission.ADMITTED) {
            ctx.channel().attr(ADMITTED).set(address);
            ctx.fireChannelActive();
            return;
        }
        ctx.channel().config().setAutoRead(false);
        String response = admission == ConnectionLimits.Admission.OVER_ADDRESS_LIMIT
                ? refusal("429 Too Many Requests", "too many connections from " + address.getHostAddress()
                        + " (at most " + limits.perAddress() + " at once); try again later\n")
                : refusal("503 Service Unavailable", "the server has its maximum number of HTTP connections open; try again later\n");
        log.info("http client={} refused: {}", address.getHostAddress(), admission);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(response.getBytes(StandardCharsets.US_ASCII)))
                .addListener(f -> finish(ctx.channel()));
    }

    private static String refusal(String status, String body) {
        return "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: text/plain; charset=US-ASCII\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Retry-After: 10\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + body;
    }

    /** FIN before the close: a close with the client's request unread would reset the refusal away. */
    private static void finish(Channel ch) {
        if (ch instanceof DuplexChannel duplex && ch.isActive()) {
            duplex.shutdownOutput().addListener(done -> ch.close());
        } else {
            ch.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().attr(ADMITTED).get() == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetAddress admitted = ctx.channel().attr(ADMITTED).getAndSet(null);
        if (admitted != null) {
            limits.release(admitted);
            ctx.fireChannelInactive();
        }
    }
}
