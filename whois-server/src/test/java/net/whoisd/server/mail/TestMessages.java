package net.whoisd.server.mail;

import java.nio.charset.StandardCharsets;

/** Raw RFC 5322 messages as mail programs write them, with CRLF line ends as SMTP carries them. */
final class TestMessages {
    private TestMessages() {
    }

    static String headers(String from, String subject, String messageId) {
        return "From: " + from + "\n"
                + "To: auto-dbm@example.net\n"
                + "Subject: " + subject + "\n"
                + "Date: Sun, 22 Nov 2026 03:00:00 +0000\n"
                + (messageId == null ? "" : "Message-ID: " + messageId + "\n")
                + "MIME-Version: 1.0\n";
    }

    static byte[] plain(String from, String subject, String messageId, String body) {
        return crlf(headers(from, subject, messageId)
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: 8bit\n\n" + body);
    }

    /** The first part of a PGP/MIME message: what the signature covers (with CRLF line ends). */
    static byte[] textEntity(String body) {
        return crlf("Content-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: 7bit\n\n" + body);
    }

    /** Thunderbird's layout: the signed part is a multipart/mixed holding the text and the sender's public key. */
    static byte[] thunderbirdEntity(String body, String armoredPublicKey) {
        return crlf("Content-Type: multipart/mixed; boundary=\"------------mixed42\";\n"
                + " protected-headers=\"v1\"\n"
                + "Subject: update\n\n"
                + "--------------mixed42\n"
                + "Content-Type: text/plain; charset=UTF-8; format=flowed\n"
                + "Content-Transfer-Encoding: 7bit\n\n"
                + body + "\n"
                + "--------------mixed42\n"
                + "Content-Type: application/pgp-keys; name=\"OpenPGP_0x1234.asc\"\n"
                + "Content-Disposition: attachment; filename=\"OpenPGP_0x1234.asc\"\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n"
                + armoredPublicKey.replace("=", "=3D") + "\n"
                + "--------------mixed42--\n");
    }

    /** A multipart/signed message around an already built first part and its armoured signature. */
    static byte[] pgpMime(String from, String subject, String messageId, byte[] signedEntity, String armoredSignature) {
        String head = headers(from, subject, messageId)
                + "Content-Type: multipart/signed; micalg=pgp-sha256;\n"
                + " protocol=\"application/pgp-signature\";\n"
                + " boundary=\"=-=sig-boundary=-=\"\n\n"
                + "This is an OpenPGP/MIME signed message (RFC 4880 and 3156)\n"
                + "--=-=sig-boundary=-=\n";
        String tail = "\n--=-=sig-boundary=-=\n"
                + "Content-Type: application/pgp-signature; name=\"signature.asc\"\n"
                + "Content-Description: OpenPGP digital signature\n"
                + "Content-Disposition: attachment; filename=\"signature.asc\"\n\n"
                + armoredSignature
                + "\n--=-=sig-boundary=-=--\n";
        return concat(crlf(head), signedEntity, crlf(tail));
    }

    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
