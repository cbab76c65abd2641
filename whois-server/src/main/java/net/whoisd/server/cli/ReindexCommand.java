package net.whoisd.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import net.whoisd.server.config.ServerConfig;
import net.whoisd.storage.disk.PersistentDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Rebuilds the derived indexes (Lucene and the IP range indexes) from the store. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuilds the Lucene index and the IP range indexes from the store (the server must not be running).")
public final class ReindexCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = common.load();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the configuration: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.currentTimeMillis();
        try (PersistentDatabase db = PersistentDatabase.open(config.dataDir(), config.source())) {
            db.reindex();
            out.println("reindexed " + db.size() + " objects at serial " + db.currentSerial() + "; "
                    + (System.currentTimeMillis() - started) + " ms");
            out.flush();
        }
        return 0;
    }
}
