package net.whoisd.server.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket transport of the listeners: Netty's native epoll transport where it loads (Linux;
 * fewer system calls and no selector garbage per connection), else Java NIO. The system property
 * {@code whoisd.transport=nio} forces NIO.
 *
 * @param name          "epoll" or "nio", for the log
 * @param ioHandlers    the event loops' I/O handler factory
 * @param serverChannel the server socket channel class that goes with it
 */
public record NettyTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {

    /** The best transport of this machine. */
    public static NettyTransport best() {
        if (!"nio".equals(System.getProperty("whoisd.transport")) && Epoll.isAvailable()) {
            return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return nio();
    }

    public static NettyTransport nio() {
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
