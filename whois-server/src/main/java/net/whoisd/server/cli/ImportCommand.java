package net.whoisd.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.disk.BulkImporter;
import net.whoisd.storage.DumpReadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Bulk-loads RPSL dump files into the data directory (the server must not be running on it). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Bulk-loads RPSL dump files (plain or .gz) into the store, keeping created/last-modified as the dump has them.")
public final class ImportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--strict", description = "validate objects as updates are validated (default: lenient, as for legacy dumps)")
    boolean strict;

    @Option(names = "--replace", description = "make the source exactly the dump: also delete objects the dump lacks (one atomic change)")
    boolean replace;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "dump files, e.g. a split dump <source>.db.<class>.gz")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = common.load();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        BulkImporter importer = new BulkImporter(config.dataDir(), config.source(), strict, replace, new BulkImporter.Listener() {
            @Override
            public void rejected(String file, int line, String reason) {
                err.println(file + ":" + line + ": " + reason);
            }

            @Override
            public void warning(String file, int line, String reason) {
                err.println(file + ":" + line + ": warning: " + reason);
            }

            @Override
            public void progress(long objects, long bytesRead, long totalBytes, long elapsedMillis) {
                long rate = elapsedMillis > 0 ? objects * 1000 / elapsedMillis : objects;
                long percent = totalBytes > 0 ? bytesRead * 100 / totalBytes : 100;
                err.println("import: " + objects + " objects, " + rate + " objects/s, " + percent + "% read");
                err.flush();
            }
        });
        BulkImporter.Summary s;
        try {
            s = importer.importFiles(files);
        } catch (DumpReadException e) {
            err.println(e.getMessage());
            err.println("whoisd: import abandoned: " + e.file() + " could not be read to its end; nothing was imported");
            err.flush();
            return 1;
        }
        err.flush();
        out.println("imported " + s.loaded() + " objects (" + s.created() + " created, " + s.modified() + " modified, "
                + s.deleted() + " deleted), " + s.rejected() + " rejected, " + s.duplicates() + " duplicate; warnings: "
                + s.warnings().summary() + "; serial "
                + s.serial() + "; " + s.millis() + " ms" + (s.fastPath() ? " (bulk load into an empty store)" : ""));
        out.flush();
        if (s.rejected() > 0 && strict) {
            err.println("whoisd: " + s.rejected() + " objects rejected");
            return 1;
        }
        return 0;
    }
}
