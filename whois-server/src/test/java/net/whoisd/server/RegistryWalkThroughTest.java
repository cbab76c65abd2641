package net.whoisd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.sample.SampleData;
import net.whoisd.server.cli.WhoisdMain;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.Change;
import net.whoisd.storage.disk.PersistentDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry walk-throughs a newcomer follows work verbatim on the sample data: every
 * {@code ./whoisd} command of docs/registry.md's {@code sh} blocks, and of README.md's "Registry
 * operations", read out of the documents and run in their order against a server loaded with the
 * sample, succeeds (only {@code --server} and {@code --override} are added, and {@code keep.txt} and
 * {@code zones/} are put in a temporary directory).
 */
class RegistryWalkThroughTest {
    private static final String PASSPHRASE = "a long passphrase";
    private static final Path DOCS = Path.of("..", "docs", "registry.md");
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    record Run(String command, int exit, String out, String err) {
    }

    /** The {@code ./whoisd} lines of the document's {@code sh} blocks, setup commands left out. */
    static List<String> shCommands(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inSh = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inSh = !inSh && line.equals("```sh");
                continue;
            }
            if (inSh) {
                command(line).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The {@code ./whoisd} commands quoted in backticks in README's "Registry operations" section. */
    static List<String> readmeCommands(String markdown) {
        String section = markdown.substring(markdown.indexOf("## Registry operations"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("`(\\./whoisd [^`]+)`").matcher(section);
        while (m.find()) {
            command(m.group(1)).ifPresent(out::add);
        }
        return out;
    }

    private static java.util.Optional<String> command(String line) {
        String l = line.replaceFirst("\\s+#.*$", "").trim();
        if (!l.startsWith("./whoisd ") || l.startsWith("./whoisd serve") || l.contains("hash-password")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(l);
    }

    /** The text of the code block whose first line starts with {@code # keep.txt}. */
    static String keepFile(String markdown) {
        int at = markdown.indexOf("```\n# keep.txt");
        return markdown.substring(at + 4, markdown.indexOf("```", at + 4));
    }

    private PersistentDatabase sampleDatabase(Path data) {
        PersistentDatabase db = PersistentDatabase.open(data, "TEST");
        List<Change> load = new ArrayList<>();
        for (ParsedObject p : RpslLexer.parseAll(SampleData.text())) {
            load.add(Change.create(p.object()));
        }
        db.commit(load);
        return db;
    }

    private Path config(String name) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // the line as hash-password prints it, as docs/registry.md tells to paste it
        String hash = net.whoisd.server.auth.BcryptCredential.hash(PASSPHRASE, 4);
        Path config = dir.resolve(name + ".properties");
        // each in-process command keeps its HTTP connection open until the JVM exits, as a real
        // ./whoisd process would not: allow more than the default 10 per address
        Files.writeString(config, "http.port = " + port + "\nwhois.port = 0\nsmtp.port = 0\nhttp.connections-per-ip = 100\n"
                + "override.users = hostmaster:BCRYPT-PW " + hash + "\n"
                + "registry.mntner = TEST-NCC-HM-MNT\nregistry.end-user-mntner = TEST-NCC-END-MNT\n"
                + "registry.reverse-secondary = ns.test-ncc.example\nmail.outbox = " + dir.resolve(name + "-outbox") + "\n");
        return config;
    }

    /** Runs the commands in order against a fresh server with the sample; every one must succeed. */
    private List<Run> walk(String name, List<String> commands, String keep) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        Files.writeString(work.resolve("keep.txt"), keep);
        Path config = config(name);
        List<Run> runs = new ArrayList<>();
        try (WhoisServer server = new WhoisServer(ServerConfig.load(config), sampleDatabase(dir.resolve(name + "-data"))).start()) {
            String url = "http://127.0.0.1:" + server.httpPort();
            for (String command : commands) {
                List<String> args = new ArrayList<>();
                for (String word : command.substring("./whoisd ".length()).split("\\s+")) {
                    args.add(switch (word) {
                        case "keep.txt" -> work.resolve("keep.txt").toString();
                        case "zones/" -> work.resolve("zones").toString();
                        default -> word;
                    });
                }
                args.addAll(List.of("--server", url, "--override", "hostmaster:" + PASSPHRASE));
                Run run = whoisd(command, args.toArray(String[]::new));
                System.out.println("$ " + command + "\n" + run.out() + run.err());
                assertEquals(0, run.exit(), command + " failed: " + run.err() + run.out());
                runs.add(run);
            }
            return runs;
        }
    }

    private static Run whoisd(String command, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = WhoisdMain.run(args);
            return new Run(command, exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void everyCommandOfDocsRegistryWorksOnTheSampleData() throws Exception {
        String doc = Files.readString(DOCS);
        List<String> commands = shCommands(doc);
        assertTrue(commands.size() >= 12, "the walk-through's commands were found: " + commands);
        for (String operation : List.of("lir-closure start", "lir-closure complete", "transfer", "takeover", "abuse-report",
                "reverse-zones", "waitlist request", "waitlist list", "waitlist fulfil")) {
            assertTrue(commands.stream().anyMatch(c -> c.startsWith("./whoisd " + operation)), operation + " is walked through");
        }
        List<Run> runs = walk("registry-md", commands, keepFile(doc));
        Run closed = runs.stream().filter(r -> r.command().startsWith("./whoisd lir-closure complete")
                && !r.command().contains("--dry-run")).findFirst().orElseThrow();
        assertTrue(closed.out().contains("LIR LIR2-MNT closed: 2 assignment(s) kept"), closed.out());
        Run fulfilled = runs.get(runs.size() - 1);
        assertTrue(fulfilled.out().contains("1 request(s) fulfilled, 0 still waiting"), fulfilled.out());
        assertTrue(Files.exists(dir.resolve("registry-md").resolve("zones").resolve("0.193.in-addr.arpa.zone")));
    }

    @Test
    void everyCommandOfTheReadmesRegistrySectionWorksOnTheSampleData() throws Exception {
        String readme = Files.readString(README);
        List<String> commands = readmeCommands(readme);
        assertTrue(commands.size() >= 3, "the README's commands were found: " + commands);
        walk("readme", commands, keepFile(Files.readString(DOCS)));
    }

    @Test
    void theParserFindsCommandsAndSkipsSetup() {
        String md = "```sh\n./whoisd serve --config x &\necho a | ./whoisd hash-password\n./whoisd waitlist list   # show\n```\n"
                + "```\n./whoisd not-a-command\n```\n";
        assertEquals(List.of("./whoisd waitlist list"), shCommands(md));
    }
}
