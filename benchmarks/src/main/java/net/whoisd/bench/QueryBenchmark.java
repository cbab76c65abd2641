package net.whoisd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.whoisd.server.acl.PersonalDataAccount;
import net.whoisd.server.query.QueryAnswer;
import net.whoisd.server.query.QueryClient;
import net.whoisd.server.query.QueryExecutor;
import net.whoisd.server.query.QueryParser;
import net.whoisd.storage.disk.PersistentDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process query execution (parse, look up, format) against a real data directory:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar QueryBenchmark -p objects=100000
 * java -jar benchmarks/target/benchmarks.jar QueryBenchmark -p data=/tmp/q1m/data -p queries=/tmp/q1m/q
 * </pre>
 *
 * SampleTime mode reports the median (p0.50) per query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueryBenchmark {
    @Param("100000")
    long objects;

    /** An existing data directory (made by QueryDatabases) to use instead of building one. */
    @Param("")
    String data;

    /** Where QueryDatabases wrote key-queries.txt and ip-queries.txt for {@link #data}. */
    @Param("")
    String queries;

    private Path dir;
    private PersistentDatabase db;
    private QueryExecutor executor;
    private final QueryParser parser = new QueryParser();
    private String[] keyQueries;
    private String[] ipQueries;
    private int next;
    private final QueryClient client = new QueryClient("198.51.100.1", false, false);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (data.isEmpty()) {
            dir = Files.createTempDirectory("query-bench");
            db = PersistentDatabase.open(dir, "TEST");
            QueryDatabases.Keys keys = QueryDatabases.fill(db, objects, 42);
            keyQueries = keys.keys().stream().map(k -> "-r " + k).toArray(String[]::new);
            ipQueries = keys.addresses().stream().map(k -> "-r " + k).toArray(String[]::new);
        } else {
            db = PersistentDatabase.open(Path.of(data), "TEST");
            keyQueries = Files.readAllLines(Path.of(queries, "key-queries.txt")).toArray(String[]::new);
            ipQueries = Files.readAllLines(Path.of(queries, "ip-queries.txt")).toArray(String[]::new);
        }
        PersonalDataAccount unlimited = new PersonalDataAccount() {
            @Override
            public long remaining(String address) {
                return Long.MAX_VALUE;
            }

            @Override
            public void charge(String address, int count) {
            }
        };
        executor = new QueryExecutor(db, unlimited, "bench", "BENCH", "TEST-NCC-HM-MNT");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        db.close();
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public QueryAnswer keyLookup() {
        String line = keyQueries[next++ % keyQueries.length];
        return executor.execute(parser.parse(line), client);
    }

    @Benchmark
    public QueryAnswer ipLookup() {
        String line = ipQueries[next++ % ipQueries.length];
        return executor.execute(parser.parse(line), client);
    }
}
