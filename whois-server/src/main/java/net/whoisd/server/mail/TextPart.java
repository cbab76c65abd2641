package net.whoisd.server.mail;

/**
 * Update text found in a message.
 *
 * @param text   the decoded text
 * @param signed whether it lies inside the message's PGP/MIME signed part
 */
public record TextPart(String text, boolean signed) {
}
