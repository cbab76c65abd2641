package net.whoisd.storage;

import java.io.IOException;

/**
 * A dump file could not be read to its end (truncated or corrupt gzip, an I/O error): the import is
 * abandoned as a whole, since what the file lacks after that point is unknown.
 */
public final class DumpReadException extends IOException {
    private final String file;
    private final int line;

    public DumpReadException(String file, int line, String reason) {
        super(file + ":" + line + ": read error: " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** The line being read when reading failed. */
    public int line() {
        return line;
    }
}
