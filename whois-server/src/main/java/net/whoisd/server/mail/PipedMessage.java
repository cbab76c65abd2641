package net.whoisd.server.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A message as an MTA pipes it to a command: possibly preceded by an mbox {@code From sender date}
 * line, possibly with a {@code Return-Path:} header (Postfix's local delivery adds both).
 *
 * @param message        the RFC 5322 message without the mbox line
 * @param envelopeSender the envelope sender found (Return-Path, else the mbox line), {@code ""} for
 *                       the null sender, or null when the message does not say
 */
public record PipedMessage(byte[] message, String envelopeSender) {

    public static PipedMessage of(byte[] raw) {
        byte[] message = raw;
        String mboxSender = null;
        if (startsWith(raw, "From ")) {
            int end = indexOf(raw, (byte) '\n');
            String line = new String(raw, 0, end < 0 ? raw.length : end, StandardCharsets.ISO_8859_1).strip();
            String[] words = line.split("\\s+");
            mboxSender = words.length > 1 ? unbracket(words[1]) : null;
            if ("MAILER-DAEMON".equalsIgnoreCase(mboxSender)) {
                mboxSender = ""; // how mbox writes the null sender
            }
            message = end < 0 ? new byte[0] : Arrays.copyOfRange(raw, end + 1, raw.length);
        }
        String returnPath = returnPath(message);
        return new PipedMessage(message, returnPath != null ? returnPath : mboxSender);
    }

    /** The first Return-Path header of the header section, unbracketed. */
    private static String returnPath(byte[] message) {
        String text = new String(message, 0, Math.min(message.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                return null; // end of the header section
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("return-path:")) {
                return unbracket(line.substring("return-path:".length()).strip());
            }
        }
        return null;
    }

    private static String unbracket(String s) {
        String t = s.strip();
        if (t.startsWith("<") && t.endsWith(">")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static boolean startsWith(byte[] data, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return data.length >= p.length && Arrays.equals(data, 0, p.length, p, 0, p.length);
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
