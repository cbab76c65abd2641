package net.whoisd.server.query;

/**
 * Who asks: the client's address, whether it is trusted (may act as a proxy, searches {@code e-mail}
 * inversely, no limits) and whether its query line had to be converted to Latin-1.
 */
public record QueryClient(String address, boolean trusted, boolean convertedToLatin1) {
}
