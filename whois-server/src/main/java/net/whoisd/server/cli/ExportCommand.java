package net.whoisd.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.disk.DumpExporter;
import net.whoisd.storage.disk.PersistentDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the store as split dump files, one gzip file per class, plus the current serial. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes the whole store as RPSL dump files, one per object class (<source>.db.<class>.gz), plus <SOURCE>.CURRENTSERIAL.")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write the dump files to")
    Path out;

    @Option(names = "--public", description = "a public dump: password hashes filtered, person objects reduced to name, handle and maintainers")
    boolean publicDump;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = common.load();
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.currentTimeMillis();
        try (PersistentDatabase db = PersistentDatabase.open(config.dataDir(), config.source())) {
            Map<ObjectType, Long> counts = DumpExporter.export(db, out, publicDump);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            stdout.println("exported " + total + " objects in " + counts.size() + " files to " + out + " at serial "
                    + db.currentSerial() + (publicDump ? " (public)" : "") + "; " + (System.currentTimeMillis() - started) + " ms");
            stdout.flush();
        }
        return 0;
    }
}
