package net.whoisd.server.mail;

/**
 * A PGP/MIME signature (RFC 3156) as found in a {@code multipart/signed} part: the first body part
 * exactly as transmitted (headers and body, CRLF line ends) and the armoured detached signature.
 * Whether it is valid is decided later, against the key-certs in the database.
 */
public record PgpMimeSignature(byte[] signedBytes, String armoredSignature) {
    public PgpMimeSignature {
        signedBytes = signedBytes.clone();
    }

    @Override
    public byte[] signedBytes() {
        return signedBytes.clone();
    }
}
