package net.whoisd.server.mail;

import java.nio.file.Path;

/**
 * One stored message in the {@link MailSpool}.
 *
 * @param file where it lies
 * @param name its file name, which sorts in arrival order
 */
public record SpoolEntry(Path file, String name) implements Comparable<SpoolEntry> {
    @Override
    public int compareTo(SpoolEntry other) {
        return name.compareTo(other.name);
    }
}
