package net.whoisd.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.whoisd.rpsl.DumpReader;
import net.whoisd.rpsl.ObjectValidator;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.ValidationMode;
import net.whoisd.rpsl.ValidationResult;
import net.whoisd.sample.SyntheticDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse + validate of dump objects on one thread: the bytes of a dump read with {@link DumpReader}
 * and validated with {@link ObjectValidator}. The default mix ({@code synthetic}) is the first
 * {@value #OBJECTS} objects of the synthetic registry ({@link SyntheticDatabase}, seed 1: LIR after
 * LIR of organisation, mntner, person, roles, inetnums, inet6nums, domains, aut-num, as-set, route,
 * route6); {@code typical} is an older hand-made cycle of ten classes.
 *
 * <p>The score is objects per second (one operation = one object, via
 * {@link OperationsPerInvocation}); with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes
 * allocated per object. Three forks and ten seconds of warm-up each keep the error small enough to
 * compare runs; on a shared machine prefer {@link #main}, which counts CPU time instead of wall time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseBenchmark {
    /** Objects per invocation: large enough that opening the reader is noise, small enough to stay in cache. */
    static final int OBJECTS = 2000;

    @Param({"LENIENT", "STRICT"})
    public ValidationMode mode;

    @Param({"synthetic"})
    public String mix;

    private byte[] dump;
    private ObjectValidator validator;

    @Setup
    public void setUp() {
        dump = dump(mix).getBytes(StandardCharsets.UTF_8);
        validator = new ObjectValidator(mode, "TEST");
        // fail fast if the sample data stopped being valid: the benchmark must measure the common path
        int invalid = 0;
        int count = 0;
        try (DumpReader reader = new DumpReader(new ByteArrayInputStream(dump), "bench")) {
            while (reader.hasNext()) {
                ParsedObject p = reader.next();
                ValidationResult r = validator.validate(p.object());
                count++;
                if (!r.isValid()) {
                    invalid++;
                    System.err.println(r.problems());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (invalid > 0) {
            throw new IllegalStateException(invalid + " benchmark objects are invalid");
        }
        if (count != OBJECTS) {
            throw new IllegalStateException("the " + mix + " dump holds " + count + " objects, not " + OBJECTS);
        }
    }

    /** The dump text of a mix: {@code synthetic} (the default) or {@code typical}. */
    static String dump(String mix) {
        return switch (mix) {
            case "synthetic" -> syntheticDump(OBJECTS);
            case "typical" -> typicalDump(OBJECTS);
            default -> throw new IllegalArgumentException("unknown mix " + mix + " (synthetic, typical)");
        };
    }

    /** The first {@code count} objects of the synthetic registry, seed 1, source TEST. */
    static String syntheticDump(int count) {
        StringBuilder sb = new StringBuilder(count * 400);
        sb.append("# whoisd benchmark dump (synthetic registry, seed 1)\n\n");
        int[] written = {0};
        try {
            new SyntheticDatabase(1, "TEST").write(count, (type, text) -> {
                if (written[0] < count) {
                    sb.append(text);
                    written[0]++;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    @Benchmark
    @OperationsPerInvocation(OBJECTS)
    public void parseAndValidate(Blackhole bh) throws IOException {
        try (DumpReader reader = new DumpReader(new ByteArrayInputStream(dump), "bench")) {
            while (reader.hasNext()) {
                ParsedObject p = reader.next();
                bh.consume(validator.validate(p.object()));
            }
        }
    }

    /**
     * Objects per second of this thread's CPU time (not wall time), for a figure that holds on a
     * shared, loaded machine, and bytes allocated per object:
     * {@code java -cp benchmarks.jar net.whoisd.bench.ParseBenchmark [seconds [mix]]}.
     */
    public static void main(String[] args) throws IOException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String mix = args.length > 1 ? args[1] : "synthetic";
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (ValidationMode m : ValidationMode.values()) {
            ParseBenchmark bench = new ParseBenchmark();
            bench.mode = m;
            bench.mix = mix;
            bench.setUp();
            Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
            long warmEnd = System.nanoTime() + seconds * 250_000_000L;
            while (System.nanoTime() < warmEnd) {
                bench.parseAndValidate(bh);
            }
            long cpuStart = mx.getCurrentThreadCpuTime();
            long allocStart = mx.getThreadAllocatedBytes(self);
            long wallStart = System.nanoTime();
            long objects = 0;
            while (mx.getCurrentThreadCpuTime() - cpuStart < seconds * 750_000_000L) {
                bench.parseAndValidate(bh);
                objects += OBJECTS;
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double bytes = (double) (mx.getThreadAllocatedBytes(self) - allocStart) / objects;
            System.out.printf("%-8s %-9s %,.0f objects per CPU second (%,.0f per wall second; %,d objects; %,.0f bytes allocated per object)%n",
                    m, mix, objects / cpu, objects / wall, objects, bytes);
        }
    }

    /** {@code count} objects cycling through ten classes, with values that vary per object. */
    static String typicalDump(int count) {
        StringBuilder sb = new StringBuilder(count * 400);
        sb.append("# whoisd benchmark dump\n\n");
        for (int i = 0; i < count; i++) {
            int a = 1 + (i >> 8) % 200;
            int b = i & 0xff;
            String handle = "AB" + (i + 1) + "-TEST";
            String mnt = "LIR" + (i % 50) + "-MNT";
            switch (i % 10) {
                case 0, 5 -> sb.append("inetnum:        ").append(a).append('.').append(b).append(".0.0 - ").append(a).append('.').append(b).append(".0.255\n")
                        .append("netname:        NET-").append(i).append('\n')
                        .append("descr:          Example customer network ").append(i).append('\n')
                        .append("country:        NL\n")
                        .append("org:            ORG-EA").append(i % 90 + 1).append("-TEST\n")
                        .append("admin-c:        ").append(handle).append('\n')
                        .append("tech-c:         ").append(handle).append('\n')
                        .append("abuse-c:        AR").append(i % 90 + 1).append("-TEST\n")
                        .append("status:         ASSIGNED PA\n")
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("mnt-lower:      ").append(mnt).append('\n')
                        .append("created:        2020-01-01T00:00:00Z\n")
                        .append("last-modified:  2024-06-30T12:34:56Z\n")
                        .append("source:         TEST\n\n");
                case 1 -> sb.append("person:         John Example").append(i % 100).append(" Doe\n")
                        .append("address:        Example Street ").append(i).append('\n')
                        .append("address:        1000 AA Amsterdam\n")
                        .append("address:        Netherlands\n")
                        .append("phone:          +31 20 535 ").append(1000 + i % 9000).append('\n')
                        .append("e-mail:         john.doe").append(i).append("@example.net\n")
                        .append("nic-hdl:        ").append(handle).append('\n')
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("created:        2019-03-04T05:06:07Z\n")
                        .append("last-modified:  2023-01-02T03:04:05Z\n")
                        .append("source:         TEST # Filtered\n\n".replace(" # Filtered", ""));
                case 2 -> sb.append("route:          ").append(a).append('.').append(b).append(".0.0/16\n")
                        .append("descr:          Example route\n")
                        .append("origin:         AS").append(64496 + i % 1000).append('\n')
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("created:        2021-05-06T07:08:09Z\n")
                        .append("last-modified:  2021-05-06T07:08:09Z\n")
                        .append("source:         TEST\n\n");
                case 3 -> sb.append("mntner:         ").append(mnt).append('\n')
                        .append("descr:          Maintainer of LIR ").append(i % 50).append('\n')
                        .append("admin-c:        ").append(handle).append('\n')
                        .append("upd-to:         lir").append(i % 50).append("@example.net\n")
                        .append("mnt-nfy:        lir").append(i % 50).append("@example.net\n")
                        .append("auth:           BCRYPT-PW $2b$12$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234\n")
                        .append("auth:           PGPKEY-1234ABCD\n")
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("created:        2018-01-01T00:00:00Z\n")
                        .append("last-modified:  2022-02-02T02:02:02Z\n")
                        .append("source:         TEST\n\n");
                case 4 -> sb.append("domain:         ").append(b).append('.').append(a).append(".in-addr.arpa\n")
                        .append("descr:          Reverse delegation\n")
                        .append("admin-c:        ").append(handle).append('\n')
                        .append("tech-c:         ").append(handle).append('\n')
                        .append("zone-c:         ").append(handle).append('\n')
                        .append("nserver:        ns1.example.net\n")
                        .append("nserver:        ns2.example.net\n")
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("created:        2017-07-07T07:07:07Z\n")
                        .append("last-modified:  2020-08-08T08:08:08Z\n")
                        .append("source:         TEST\n\n");
                case 6 -> sb.append("inet6num:       2001:db8:").append(Integer.toHexString(i)).append("::/48\n")
                        .append("netname:        NET6-").append(i).append('\n')
                        .append("country:        DE\n")
                        .append("admin-c:        ").append(handle).append('\n')
                        .append("tech-c:         ").append(handle).append('\n')
                        .append("status:         ASSIGNED\n")
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("created:        2022-01-01T00:00:00Z\n")
                        .append("last-modified:  2022-01-01T00:00:00Z\n")
                        .append("source:         TEST\n\n");
                case 7 -> sb.append("role:           Example NOC ").append(i).append('\n')
                        .append("address:        Example Street 1\n")
                        .append("e-mail:         noc").append(i).append("@example.net\n")
                        .append("abuse-mailbox:  abuse").append(i).append("@example.net\n")
                        .append("admin-c:        ").append(handle).append('\n')
                        .append("tech-c:         ").append(handle).append('\n')
                        .append("nic-hdl:        AR").append(i + 1).append("-TEST\n")
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("source:         TEST\n\n");
                case 8 -> sb.append("aut-num:        AS").append(64496 + i).append('\n')
                        .append("as-name:        EXAMPLE-AS").append(i).append('\n')
                        .append("descr:          Example network\n")
                        .append("import:         from AS64500 accept ANY\n")
                        .append("export:         to AS64500 announce AS").append(64496 + i).append('\n')
                        .append("mp-import:      afi ipv6.unicast from AS64500 accept ANY\n")
                        .append("admin-c:        ").append(handle).append('\n')
                        .append("tech-c:         ").append(handle).append('\n')
                        .append("status:         ASSIGNED\n")
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("source:         TEST\n\n");
                default -> sb.append("organisation:   ORG-EA").append(i + 1).append("-TEST\n")
                        .append("org-name:       Example Organisation ").append(i).append(" B.V.\n")
                        .append("org-type:       OTHER\n")
                        .append("address:        Example Street 1\n")
                        .append("address:        Amsterdam\n")
                        .append("e-mail:         info").append(i).append("@example.net\n")
                        .append("abuse-c:        AR").append(i % 90 + 1).append("-TEST\n")
                        .append("mnt-ref:        ").append(mnt).append('\n')
                        .append("mnt-by:         ").append(mnt).append('\n')
                        .append("source:         TEST\n\n");
            }
        }
        return sb.toString();
    }
}
