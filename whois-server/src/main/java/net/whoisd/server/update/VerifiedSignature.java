package net.whoisd.server.update;

/** A PGP/MIME signature that the mail door verified, naming the key-cert ({@code PGPKEY-XXXXXXXX}) whose key made it. */
public record VerifiedSignature(String keyCertId) {
}
