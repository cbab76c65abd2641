package net.whoisd.sample;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.whoisd.rpsl.ObjectType;

/**
 * Writes a synthetic dump: {@code --objects N --seed S (--out FILE[.gz] | --split-dir DIR)
 * [--source NAME] [--shuffle]}. A split dump is one {@code <SOURCE>.db.<class>.gz} per class, as
 * RIPE publishes them. {@code --shuffle} mixes the order within a sliding window of 65,536 objects
 * (constant memory), so an importer meets references to objects it has not seen yet.
 */
public final class GenerateDump {

    private static final int SHUFFLE_WINDOW = 1 << 16;

    private GenerateDump() {
    }

    record Options(long objects, long seed, Path out, Path splitDir, String source, boolean shuffle) {}

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("generate-dump: " + e.getMessage());
            System.err.println("usage: GenerateDump --objects N --seed S (--out FILE[.gz] | --split-dir DIR) [--source NAME] [--shuffle]");
            System.exit(2);
            return;
        }
        try {
            long started = System.nanoTime();
            long written = run(options);
            System.out.printf("generate-dump: wrote %,d objects (seed %d) to %s in %.1f s%n", written, options.seed(),
                    options.out() != null ? options.out() : options.splitDir(), (System.nanoTime() - started) / 1e9);
        } catch (IOException | RuntimeException e) {
            System.err.println("generate-dump: failed: " + e.getMessage());
            System.exit(1);
        }
    }

    static Options parse(String[] args) {
        long objects = -1;
        long seed = 1;
        Path out = null;
        Path split = null;
        String source = SampleData.SOURCE;
        boolean shuffle = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--shuffle" -> shuffle = true;
                case "--objects", "--seed", "--out", "--split-dir", "--source" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    try {
                        switch (arg) {
                            case "--objects" -> objects = Long.parseLong(value);
                            case "--seed" -> seed = Long.parseLong(value);
                            case "--out" -> out = Path.of(value);
                            case "--split-dir" -> split = Path.of(value);
                            default -> source = value;
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(arg + " must be a number, not '" + value + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (objects <= 0) {
            throw new IllegalArgumentException("--objects must be a positive number");
        }
        if ((out == null) == (split == null)) {
            throw new IllegalArgumentException("give exactly one of --out and --split-dir");
        }
        if (!source.matches("[A-Za-z][A-Za-z0-9-]{0,79}")) {
            throw new IllegalArgumentException("--source must be a registry name (letters, digits, '-')");
        }
        return new Options(objects, seed, out, split, source, shuffle);
    }

    static long run(Options options) throws IOException {
        SyntheticDatabase database = new SyntheticDatabase(options.seed(), options.source());
        try (Output output = options.out() != null ? new SingleFile(options.out()) : new SplitFiles(options.splitDir(), options.source())) {
            if (!options.shuffle()) {
                return database.write(options.objects(), output::write);
            }
            Shuffler shuffler = new Shuffler(output, new Random(options.seed() ^ 0x5DEECE66DL));
            long written = database.write(options.objects(), shuffler::accept);
            shuffler.drain();
            return written;
        }
    }

    private interface Output extends AutoCloseable {
        void write(ObjectType type, String text) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static Writer open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    private static final class SingleFile implements Output {
        private final Writer writer;

        SingleFile(Path file) throws IOException {
            writer = open(file);
        }

        @Override
        public void write(ObjectType type, String text) throws IOException {
            writer.write(text);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    private static final class SplitFiles implements Output {
        private final Path dir;
        private final String source;
        private final Map<ObjectType, Writer> writers = new EnumMap<>(ObjectType.class);

        SplitFiles(Path dir, String source) throws IOException {
            this.dir = Files.createDirectories(dir);
            this.source = source.toUpperCase();
        }

        @Override
        public void write(ObjectType type, String text) throws IOException {
            Writer writer = writers.get(type);
            if (writer == null) {
                writer = open(dir.resolve(source + ".db." + type.attributeName() + ".gz"));
                writers.put(type, writer);
            }
            writer.write(text);
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Writer writer : writers.values()) {
                try {
                    writer.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Emits a random element of a full window for every new one: bounded memory, local disorder. */
    private static final class Shuffler {
        private final Output output;
        private final Random random;
        private final ObjectType[] types = new ObjectType[SHUFFLE_WINDOW];
        private final String[] texts = new String[SHUFFLE_WINDOW];
        private int size;

        Shuffler(Output output, Random random) {
            this.output = output;
            this.random = random;
        }

        void accept(ObjectType type, String text) throws IOException {
            if (size == SHUFFLE_WINDOW) {
                int pick = random.nextInt(size);
                output.write(types[pick], texts[pick]);
                types[pick] = type;
                texts[pick] = text;
                return;
            }
            types[size] = type;
            texts[size++] = text;
        }

        void drain() throws IOException {
            while (size > 0) {
                int pick = random.nextInt(size);
                output.write(types[pick], texts[pick]);
                types[pick] = types[--size];
                texts[pick] = texts[size];
                types[size] = null;
                texts[size] = null;
            }
        }
    }
}
