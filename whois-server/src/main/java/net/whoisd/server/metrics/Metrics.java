package net.whoisd.server.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * The server's metrics, in a registry of their own (one per server, handed to the parts that count),
 * written in the Prometheus text format by {@link #scrape()}. Counting a query costs a counter
 * increment and a histogram observation: every labelled series is resolved here, once.
 */
public final class Metrics {
    /** Seconds: whois answers take tens of microseconds to a few seconds (a large -M). */
    private static final double[] QUERY_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
            0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** Seconds: a commit syncs the journal, from a millisecond on a good SSD to far longer on a busy disk. */
    private static final double[] COMMIT_BOUNDS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
            2.5, 5, 10};
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();
    private final CounterDataPoint[][] queries = new CounterDataPoint[QueryKind.values().length][QueryOutcome.values().length];
    private final Histogram queryDuration;
    private final CounterDataPoint[][] updates = new CounterDataPoint[UpdateDoor.values().length][2];
    private final Histogram commitDuration;
    private final CounterDataPoint failedCommits;
    private final CounterDataPoint[] aclBlocks = new CounterDataPoint[AclBlock.values().length];
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private record Listener(String name, IntSupplier openConnections) {
    }

    public Metrics() {
        Counter queryCounter = Counter.builder().name("whoisd_queries_total")
                .help("whois queries answered, by kind and result").labelNames("kind", "result")
                .withoutExemplars().register(registry);
        for (QueryKind kind : QueryKind.values()) {
            for (QueryOutcome outcome : QueryOutcome.values()) {
                queries[kind.ordinal()][outcome.ordinal()] = queryCounter.labelValues(kind.label(), resultLabel(outcome));
            }
        }
        queryDuration = Histogram.builder().name("whoisd_query_duration_seconds")
                .help("time from reading a whois query to writing its answer").classicOnly()
                .classicUpperBounds(QUERY_BOUNDS).withoutExemplars().register(registry);
        Counter updateCounter = Counter.builder().name("whoisd_updates_total")
                .help("update messages (syncupdates, mail) and registry operations handled, by door and result")
                .labelNames("door", "result").withoutExemplars().register(registry);
        for (UpdateDoor door : UpdateDoor.values()) {
            updates[door.ordinal()][0] = updateCounter.labelValues(door.label(), "failed");
            updates[door.ordinal()][1] = updateCounter.labelValues(door.label(), "succeeded");
        }
        commitDuration = Histogram.builder().name("whoisd_commit_duration_seconds")
                .help("time of one database commit of the update path, the journal write and fsync included")
                .classicOnly().classicUpperBounds(COMMIT_BOUNDS).withoutExemplars().register(registry);
        failedCommits = Counter.builder().name("whoisd_commit_failures_total")
                .help("database commits that failed (nothing of them was applied)").withoutExemplars().register(registry);
        Counter aclCounter = Counter.builder().name("whoisd_acl_blocks_total")
                .help("whois clients turned away by the ACL, by reason").labelNames("reason")
                .withoutExemplars().register(registry);
        for (AclBlock block : AclBlock.values()) {
            aclBlocks[block.ordinal()] = aclCounter.labelValues(block.label());
        }
        GaugeWithCallback.builder().name("whoisd_open_connections")
                .help("connections open now, by listener").labelNames("listener")
                .callback(cb -> listeners.forEach(l -> cb.call(l.openConnections().getAsInt(), l.name())))
                .register(registry);
    }

    /** Counts an answered whois query and observes its latency. */
    public void queryAnswered(QueryKind kind, QueryOutcome outcome, long nanos) {
        queries[kind.ordinal()][outcome.ordinal()].inc();
        queryDuration.observe(nanos / NANOS_PER_SECOND);
        if (outcome == QueryOutcome.PERSONAL_DATA_LIMIT) {
            aclBlocks[AclBlock.PERSONAL_DATA_LIMIT.ordinal()].inc();
        }
    }

    /** Counts a whois client refused at connect. */
    public void aclBlocked(AclBlock reason) {
        aclBlocks[reason.ordinal()].inc();
    }

    /** Counts a handled update message or registry operation: succeeded only if it was carried out in full. */
    public void updateHandled(UpdateDoor door, boolean succeeded) {
        updates[door.ordinal()][succeeded ? 1 : 0].inc();
    }

    /** Observes one commit's duration; a failed one is also counted. */
    public void commitTook(long nanos, boolean succeeded) {
        commitDuration.observe(nanos / NANOS_PER_SECOND);
        if (!succeeded) {
            failedCommits.inc();
        }
    }

    /** Reports a listener's open connections under {@code whoisd_open_connections{listener="name"}}. */
    public void listener(String name, IntSupplier openConnections) {
        listeners.add(new Listener(name, openConnections));
    }

    /** A gauge read at every scrape. */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }

    /** Every metric in the Prometheus text exposition format (version 0.0.4). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            format.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    public String contentType() {
        return format.getContentType();
    }

    private static String resultLabel(QueryOutcome outcome) {
        return switch (outcome) {
            case OK -> "ok";
            case NOT_FOUND -> "not-found";
            case ERROR -> "error";
            case DENIED, PERSONAL_DATA_LIMIT -> "denied";
        };
    }
}
