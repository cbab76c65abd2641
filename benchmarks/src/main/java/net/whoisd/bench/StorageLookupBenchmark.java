package net.whoisd.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.storage.disk.PersistentDatabase;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;
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
 * Lookups in a real data directory: primary-key get (MapDB key -> id -> text, parsed, with the
 * object cache) and the IP most-specific lookup (range index, then the object). Point it at a
 * store made by {@code whoisd import}:
 *
 * <pre>
 * java -cp sample-data/target/classes:rpsl-parser/target/classes net.whoisd.sample.GenerateDump --objects 1000000 --out /tmp/TEST.db.gz --shuffle
 * java -jar whois-server/target/whoisd.jar import --data /tmp/data1m /tmp/TEST.db.gz
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar StorageLookupBenchmark -p data=/tmp/data1m -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class StorageLookupBenchmark {

    @Param("/tmp/data1m")
    public String data;

    private static final int QUERIES = 1 << 16;
    private PersistentDatabase db;
    private final String[] mntners = new String[QUERIES];
    private final String[] persons = new String[QUERIES];
    private final IpRange[] addresses = new IpRange[QUERIES];
    private int next;

    @Setup(Level.Trial)
    public void open() {
        db = PersistentDatabase.open(Path.of(data), "TEST");
        List<String> mnt = new ArrayList<>();
        List<String> per = new ArrayList<>();
        List<IpRange> nets = new ArrayList<>();
        db.forEach(o -> {
            switch (o.key().type()) {
                case MNTNER -> mnt.add(o.key().key());
                case PERSON -> per.add(o.key().key());
                case INETNUM -> IpRange.parse(o.key().key()).ifPresent(nets::add);
                default -> { }
            }
        });
        Random random = new Random(42);
        for (int q = 0; q < QUERIES; q++) {
            mntners[q] = mnt.get(random.nextInt(mnt.size()));
            persons[q] = per.get(random.nextInt(per.size()));
            IpRange r = nets.get(random.nextInt(nets.size()));
            long a = r.startLo() + (long) (random.nextDouble() * (r.endLo() - r.startLo() + 1));
            addresses[q] = IpRange.ipv4(a, a);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    public StoredObject primaryKeyGetMntner() {
        return db.get(ObjectType.MNTNER, mntners[next++ & (QUERIES - 1)]).orElseThrow();
    }

    @Benchmark
    public StoredObject primaryKeyGetPerson() {
        return db.get(ObjectType.PERSON, persons[next++ & (QUERIES - 1)]).orElseThrow();
    }

    @Benchmark
    public List<StoredObject> ipMostSpecific() {
        return db.ranges(ObjectType.INETNUM, addresses[next++ & (QUERIES - 1)], RangeQuery.ONE_LESS);
    }

    @Benchmark
    public List<StoredObject> inverseMntBy() {
        return db.inverse("mnt-by", mntners[next++ & (QUERIES - 1)], java.util.EnumSet.of(ObjectType.PERSON));
    }
}
