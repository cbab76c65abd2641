package net.whoisd.rpsl;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Streams the objects of an RPSL dump (plain or gzip, recognised by its magic bytes), one object in
 * memory at a time. Lines end with LF or CRLF; each line is decoded as UTF-8, or as Latin-1 when it is
 * not valid UTF-8 (legacy dumps mix both). {@code #} and {@code %} lines between objects are skipped.
 * Limits against hostile input are those of {@link ParagraphBuilder}; a read error ends the stream with
 * one last result that reports it (at the line being read) and {@link #readFailure()} says why, so a
 * caller can tell a dump read to its end from one that broke off. Never throws from {@link #hasNext()}
 * or {@link #next()} except {@link NoSuchElementException} past the end.
 */
public final class DumpReader implements Iterator<ParsedObject>, Closeable {
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final CountingStream counter;
    private InputStream in;
    private final ParagraphBuilder paragraph;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private int lineNo;
    private ParsedObject pending;
    private boolean finished;
    private String readFailure;
    /** Set by {@link #nextLine()}: the line may hold control characters or non-ASCII bytes. */
    private boolean lineOdd;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;

    private DumpReader(CountingStream counter, String name, boolean detect) {
        this.name = name;
        this.counter = counter;
        this.paragraph = new ParagraphBuilder(name);
        this.in = counter;
        if (detect) {
            try {
                // the reader buffers itself: only the two magic bytes need to go back
                PushbackInputStream magic = new PushbackInputStream(counter, 2);
                byte[] head = magic.readNBytes(2);
                magic.unread(head);
                this.in = (head.length == 2 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b)
                        ? new GZIPInputStream(magic, BUFFER) : magic;
            } catch (IOException e) {
                pending = readError(e);
                finished = true;
            }
        }
    }

    /** Reads from a stream (plain or gzip); {@code name} is used in messages and {@link #name()}. */
    public DumpReader(InputStream in, String name) {
        this(new CountingStream(in), name, true);
    }

    /** Opens a dump file, plain or gzip-compressed. */
    public static DumpReader open(Path file) throws IOException {
        return new DumpReader(Files.newInputStream(file), file.toString());
    }

    public String name() {
        return name;
    }

    /** Bytes consumed from the underlying stream so far (compressed bytes for a gzip file): for progress. */
    public long bytesRead() {
        return counter.count;
    }

    /**
     * Why reading stopped before the end of the input (a truncated or corrupt gzip file, an I/O
     * error), once the result reporting it has been produced; empty while the input reads cleanly.
     */
    public Optional<String> readFailure() {
        return Optional.ofNullable(readFailure);
    }

    /** The last line number read (1-based). */
    public int lineNumber() {
        return lineNo;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            pending = readParagraph();
        }
        return pending != null;
    }

    @Override
    public ParsedObject next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ParsedObject result = pending;
        pending = null;
        return result;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        in.close();
    }

    private ParsedObject readParagraph() {
        try {
            while (true) {
                int end = nextLine();
                if (end == -2) {
                    finished = true;
                    return paragraph.isEmpty() ? null : paragraph.finish();
                }
                lineNo++;
                if (end == -1) {
                    paragraph.addOverlongLine(lineNo);
                    continue;
                }
                int start = pos;
                pos = end + 1;
                int to = end;
                if (to > start && buf[to - 1] == '\r') {
                    to--;
                }
                if (to == start) {
                    if (!paragraph.isEmpty()) {
                        return paragraph.finish();
                    }
                    continue;
                }
                if (paragraph.isEmpty() && isSkippedBetweenObjects(start, to)) {
                    continue;
                }
                if (!lineOdd) {
                    if (!addSplitAttribute(start, to)) {
                        paragraph.add(new String(buf, start, to - start, StandardCharsets.ISO_8859_1), lineNo, false);
                    }
                    continue;
                }
                boolean control = hasControl(start, to);
                if (!control && addSplitAttribute(start, to)) {
                    continue;
                }
                paragraph.add(decode(start, to), lineNo, control);
            }
        } catch (IOException | RuntimeException e) {
            finished = true;
            if (!paragraph.isEmpty()) {
                paragraph.finish();
            }
            return readError(e);
        }
    }

    /** The last result: the error at the line being read when it failed (the object there is lost). */
    private ParsedObject readError(Exception e) {
        readFailure = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        int line = lineNo + 1;
        return new ParsedObject(null, line, List.of(Problem.error(null, line, "read error: " + readFailure)));
    }

    private boolean isSkippedBetweenObjects(int from, int to) {
        byte first = buf[from];
        if (first == '#' || first == '%') {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the end of the next line in the buffer (index of its LF, or of the end of input), refilling
     * as needed. Returns -2 at the end of input, -1 if the line was longer than the limit (it has
     * then been consumed and discarded). Sets {@link #lineOdd} if the line may hold a control
     * character (CR included) or a byte outside ASCII, so that plain lines need no second scan.
     */
    private int nextLine() throws IOException {
        lineOdd = false;
        int scanFrom = pos;
        while (true) {
            int i = scanFrom;
            // eight bytes at a time while they hold neither LF nor anything but printable ASCII
            while (i + 8 <= limit) {
                long x = (long) LONGS.get(buf, i);
                long odd = ((x - 0x2020202020202020L) & ~x) | (x + 0x0101010101010101L) | x;
                if ((odd & 0x8080808080808080L) != 0) {
                    break;
                }
                i += 8;
            }
            for (; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    return i;
                }
                if (b < ' ' || b == 0x7f) {
                    lineOdd = true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    // last line without a final LF: pretend it has one
                    ensureCapacity(limit + 1);
                    buf[limit] = '\n';
                    limit++;
                    return limit - 1;
                }
                return -2;
            }
            scanFrom = limit - pos;
            if (limit - pos >= ParagraphBuilder.MAX_OBJECT_CHARS) {
                discardRestOfLine();
                return -1;
            }
            fill();
            scanFrom += pos;
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            ensureCapacity(buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private void ensureCapacity(int size) {
        if (size > buf.length) {
            byte[] bigger = new byte[Math.max(size, buf.length * 2)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
    }

    private void discardRestOfLine() throws IOException {
        pos = 0;
        limit = 0;
        buf = new byte[BUFFER];
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    limit = n;
                    return;
                }
            }
        }
    }

    /**
     * Splits an attribute line at the byte level so that only its value becomes a string; false if
     * the line is not a well-formed attribute line (the lexer then reports it). For a plain ASCII
     * value it also sees whether the value is already clean (no comment, tab or run of blanks), so
     * that the lexer need not look at it again.
     */
    private boolean addSplitAttribute(int from, int to) {
        byte first = buf[from];
        if (first == ' ' || first == '\t' || first == '+') {
            return false;
        }
        int colon = indexOfColon(from, to);
        if (colon <= from) {
            return false;
        }
        String name = AttributeNames.known(buf, from, colon);
        if (name == null) {
            for (int i = from; i < colon; i++) {
                if (!AttributeNames.isNameByte(buf[i])) {
                    return false;
                }
            }
            name = AttributeNames.canonical(buf, from, colon);
        }
        int v = colon + 1;
        while (v + 8 <= to) {
            long notBlank = (long) LONGS.get(buf, v) ^ SPACES;
            if (notBlank != 0) {
                v += Long.numberOfTrailingZeros(notBlank) >>> 3;
                break;
            }
            v += 8;
        }
        while (v < to && (buf[v] == ' ' || buf[v] == '\t')) {
            v++;
        }
        if (lineOdd) {
            paragraph.addAttribute(name, decode(v, to), null, lineNo, to - from);
            return true;
        }
        String value = new String(buf, v, to - v, StandardCharsets.ISO_8859_1);
        paragraph.addAttribute(name, value, isClean(v, to) ? value : null, lineNo, to - from);
        return true;
    }

    /** The first ':' in {@code buf[from, to)}, or -1. */
    private int indexOfColon(int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(buf, i) ^ 0x3A3A3A3A3A3A3A3AL;
            long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
            i += 8;
        }
        for (; i < to; i++) {
            if (buf[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /**
     * True if the ASCII value {@code buf[from, to)} (no leading blank, no control character) is its own
     * clean value: no {@code #}, no tab, no two blanks in a row, no blank at the end.
     */
    private boolean isClean(int from, int to) {
        if (to > from && buf[to - 1] == ' ') {
            return false;
        }
        int i = from;
        long spaceBefore = 0;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(buf, i);
            long spaces = zeroBytes(x ^ SPACES);
            long hashOrTab = anyZeroByte(x ^ 0x2323232323232323L) | anyZeroByte(x ^ 0x0909090909090909L);
            if ((hashOrTab | (spaces & ((spaces << 8) | spaceBefore))) != 0) {
                return false;
            }
            spaceBefore = spaces >>> 56;
            i += 8;
        }
        byte prev = i > from ? buf[i - 1] : 0;
        for (; i < to; i++) {
            byte b = buf[i];
            if (b == '#' || b == '\t' || (b == ' ' && prev == ' ')) {
                return false;
            }
            prev = b;
        }
        return true;
    }

    /** 0x80 in exactly the bytes of {@code y} that are zero. */
    private static long zeroBytes(long y) {
        return ~(((y & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | y | 0x7F7F7F7F7F7F7F7FL);
    }

    /** Non-zero if some byte of {@code y} is zero. */
    private static long anyZeroByte(long y) {
        return (y - 0x0101010101010101L) & ~y & 0x8080808080808080L;
    }

    private boolean hasControl(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if ((b >= 0 && b < ' ' && b != '\t') || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8 if the bytes are valid UTF-8, else Latin-1 (ASCII, the common case, either way). */
    private String decode(int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(buf, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    /** Counts the bytes read from the underlying stream (for progress reporting). */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
