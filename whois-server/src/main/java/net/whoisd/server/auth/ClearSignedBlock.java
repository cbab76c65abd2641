package net.whoisd.server.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * One inline PGP-signed ("clearsigned") block of a message: the text that was signed (dash-escaping
 * undone) and the armored signature that follows it.
 *
 * @param signedText         the cleartext as the user sees it, lines joined with {@code \n}
 * @param armoredSignature   the {@code -----BEGIN PGP SIGNATURE-----} block
 */
public record ClearSignedBlock(String signedText, String armoredSignature) {
    public static final String BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
    public static final String SIGNATURE_BEGIN = "-----BEGIN PGP SIGNATURE-----";
    public static final String SIGNATURE_END = "-----END PGP SIGNATURE-----";

    /**
     * The bytes the signature covers (RFC 4880 §7.1): each line without trailing blanks, lines
     * separated by CR LF, no line break after the last line.
     */
    public byte[] canonicalBytes() {
        String[] lines = signedText.split("\n", -1);
        StringBuilder sb = new StringBuilder(signedText.length() + lines.length);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append("\r\n");
            }
            sb.append(lines[i].stripTrailing());
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Splits lines starting at {@code start} (which must be the BEGIN line) into a block; returns
     * null if the block is malformed (then the caller treats it as plain text).
     *
     * @param lines the message lines
     * @param start index of the BEGIN line
     * @param endOut receives the index of the signature's END line
     */
    public static ClearSignedBlock read(List<String> lines, int start, int[] endOut) {
        int i = start + 1;
        // armor headers ("Hash: SHA256") up to an empty line
        while (i < lines.size() && !lines.get(i).isBlank()) {
            if (!lines.get(i).contains(":")) {
                return null;
            }
            i++;
        }
        if (i >= lines.size()) {
            return null;
        }
        i++;
        List<String> text = new ArrayList<>();
        while (i < lines.size() && !lines.get(i).equals(SIGNATURE_BEGIN)) {
            String line = lines.get(i);
            text.add(line.startsWith("- ") ? line.substring(2) : line);
            i++;
        }
        if (i >= lines.size()) {
            return null;
        }
        StringBuilder sig = new StringBuilder();
        while (i < lines.size()) {
            sig.append(lines.get(i)).append('\n');
            if (lines.get(i).equals(SIGNATURE_END)) {
                endOut[0] = i;
                return new ClearSignedBlock(String.join("\n", text), sig.toString());
            }
            i++;
        }
        return null;
    }
}
