package net.whoisd.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.server.cli.WhoisdMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The ./whoisd registry commands against a running server over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryCliTest {
    @TempDir
    static Path dir;
    private RegistryFixture f;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    void start() throws Exception {
        f = new RegistryFixture(dir);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private Run whoisd(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = WhoisdMain.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private String[] with(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = f.url;
        all[args.length + 2] = "--override";
        all[args.length + 3] = RegistryFixture.USER + ":" + RegistryFixture.PASSWORD;
        return all;
    }

    @Test
    void closureThroughTheCli() throws Exception {
        Map<String, String> before = f.snapshot();
        Run dry = whoisd(with("lir-closure", "start", "--mntner", "LIR14-MNT", "--dry-run"));
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().startsWith("Dry run: nothing was changed."), dry.out());
        assertEquals(before, f.snapshot());
        Run started = whoisd(with("lir-closure", "start", "--mntner", "LIR14-MNT"));
        assertEquals(0, started.exit(), started.err());
        String assignment = f.db.inverse("mnt-by", "LIR14-MNT", Set.of(ObjectType.INETNUM)).get(0).object().classValue();
        Path keep = dir.resolve("keep.txt");
        Files.writeString(keep, assignment + "\n");
        Run done = whoisd(with("lir-closure", "complete", "--mntner", "LIR14-MNT", "--keep", keep.toString()));
        assertEquals(0, done.exit(), done.err());
        List<String> lines = done.out().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("LIR LIR14-MNT closed: 1 assignment(s) kept, "), done.out());
        assertTrue(done.out().contains("\n" + assignment + " "), done.out());
    }

    @Test
    void refusalsGoToStderrWithExitOne() {
        Run refused = whoisd(with("transfer", "--allocation", "10.99.0.0/16", "--to", "LIR15-MNT"));
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("whoisd: Refused: no allocation 10.99.0.0/16"), refused.err());
        Run badPassword = whoisd("waitlist", "fulfil", "--dry-run", "--server", f.url, "--override", "hostmaster:nope");
        assertEquals(1, badPassword.exit());
        assertTrue(badPassword.err().contains("override.users credential"), badPassword.err());
        Run noCredential = whoisd("waitlist", "fulfil", "--dry-run", "--server", f.url);
        assertEquals(1, noCredential.exit());
        Run readWithout = whoisd("waitlist", "list", "--server", f.url);
        assertEquals(0, readWithout.exit(), "reports need no credential: " + readWithout.err());
        assertTrue(readWithout.out().contains("request(s) on the waiting list"), readWithout.out());
        Run unreachable = whoisd("waitlist", "list", "--server", "http://127.0.0.1:1", "--override", "a:b");
        assertEquals(1, unreachable.exit());
        assertTrue(unreachable.err().contains("cannot reach the server at http://127.0.0.1:1"), unreachable.err());
    }

    @Test
    void reverseZonesAreWrittenAsZoneFiles() throws Exception {
        Path out = dir.resolve("zones");
        Run run = whoisd(with("reverse-zones", "--out", out.toString()));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("wrote "), run.out());
        List<Path> files = Files.list(out).toList();
        assertTrue(files.size() >= 2, files.toString());
        Path first = files.stream().filter(p -> p.getFileName().toString().endsWith(".77.in-addr.arpa.zone")).sorted().findFirst().orElseThrow();
        String zone = first.getFileName().toString().replace(".zone", "");
        String v4 = Files.readString(first);
        assertTrue(v4.contains("$ORIGIN " + zone + ".\n"), v4);
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().endsWith(".ip6.arpa.zone")), files.toString());
        assertTrue(v4.contains("\tIN\tNS\tns1.lir1.example.\n"), v4);
        assertTrue(!v4.contains(";; "), "no transport markers in the files");
    }

    @Test
    void reportsThroughTheCli() {
        Run abuse = whoisd(with("abuse-report"));
        assertEquals(0, abuse.exit(), abuse.err());
        assertTrue(abuse.out().strip().endsWith("resources have no valid abuse contact"), abuse.out());
        Run list = whoisd(with("waitlist", "list"));
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("request(s) on the waiting list"), list.out());
    }
}
