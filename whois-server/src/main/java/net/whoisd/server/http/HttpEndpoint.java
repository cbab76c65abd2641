package net.whoisd.server.http;

/**
 * Handles the requests under one path prefix. Called off the Netty event loop, so it may block
 * (an update waits for its durable commit).
 */
@FunctionalInterface
public interface HttpEndpoint {
    HttpAnswer handle(HttpCall call) throws Exception;
}
