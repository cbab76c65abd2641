package net.whoisd.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads between two moments, grouped by thread name with the trailing digits
 * taken out ({@code whois-query-3} and {@code whois-query-7} are one group {@code whois-query-#}),
 * plus the whole process's CPU time (which also counts the JVM's own threads: GC, JIT).
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The JVM's own threads (no Java thread objects), by the name Linux gives them in /proc. */
    private static final java.util.regex.Pattern JVM_THREAD = java.util.regex.Pattern.compile("(C1|C2) CompilerThre.*|GC Thread.*|G1 .*|VM Thread|VM Periodic Tas.*");

    private final Map<Long, Long> startByThread;
    private final long processStart;
    private final Map<String, Long> jvmStart;

    private ThreadCpu(Map<Long, Long> startByThread, long processStart, Map<String, Long> jvmStart) {
        this.startByThread = startByThread;
        this.processStart = processStart;
        this.jvmStart = jvmStart;
    }

    /** Starts counting now. */
    static ThreadCpu start() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long t = THREADS.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return new ThreadCpu(cpu, processCpuNanos(), jvmThreads());
    }

    /**
     * CPU nanoseconds of the JVM's own threads (JIT compilers, garbage collector) by group, read
     * from /proc/self/task (Linux; empty elsewhere), keyed by the task id so that groups can be
     * summed over the threads alive at both moments.
     */
    private static Map<String, Long> jvmThreads() {
        Map<String, Long> out = new HashMap<>();
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return out;
        }
        try (var dirs = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) dirs::iterator) {
                try {
                    String comm = java.nio.file.Files.readString(task.resolve("comm")).strip();
                    if (!JVM_THREAD.matcher(comm).matches()) {
                        continue;
                    }
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime
                    out.put(task.getFileName() + " " + comm.replaceAll("[0-9]+$", "#"), ticks * 10_000_000L);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }

    /** What was spent since {@link #start()}: nanoseconds per group of threads still alive, and of the process. */
    Spent stop() {
        long process = processCpuNanos() - processStart;
        Map<String, Long> groups = new TreeMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long t = THREADS.getThreadCpuTime(id);
            ThreadInfo info = THREADS.getThreadInfo(id);
            if (t < 0 || info == null) {
                continue;
            }
            long spent = t - startByThread.getOrDefault(id, 0L);
            groups.merge(info.getThreadName().replaceAll("[0-9]+$", "#"), spent, Long::sum);
        }
        jvmThreads().forEach((key, nanos) -> groups.merge("(jvm) " + key.substring(key.indexOf(' ') + 1),
                nanos - jvmStart.getOrDefault(key, 0L), Long::sum));
        return new Spent(groups, process);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU nanoseconds by thread group and of the whole process. */
    record Spent(Map<String, Long> groups, long process) {
        /** CPU nanoseconds of the groups whose name starts with one of {@code prefixes}. */
        long of(String... prefixes) {
            long sum = 0;
            for (Map.Entry<String, Long> e : groups.entrySet()) {
                for (String p : prefixes) {
                    if (e.getKey().startsWith(p)) {
                        sum += e.getValue();
                        break;
                    }
                }
            }
            return sum;
        }

        /** One line per group that spent at least 1 % of the process's time, in microseconds per {@code per}. */
        String table(long per, String unit) {
            StringBuilder out = new StringBuilder();
            groups.entrySet().stream().filter(e -> e.getValue() * 100 >= process)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.append(String.format(Locale.ROOT, "    %-40s %8.0f µs/%s  (%.1f s)%n", e.getKey(),
                            e.getValue() / 1000.0 / per, unit, e.getValue() / 1e9)));
            return out.toString();
        }
    }
}
