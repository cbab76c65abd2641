package net.whoisd.server.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lir-closure start|complete}: RIPE NCC's LIR closure procedure, run on the server. */
@Command(name = "lir-closure", mixinStandardHelpOptions = true,
        description = "Closes an LIR: 'start' stops further assignments, 'complete' hands kept assignments to the"
                + " end-user maintainer and returns the rest to the free pool.",
        subcommands = {LirClosureCommand.Start.class, LirClosureCommand.Complete.class})
public final class LirClosureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("whoisd: lir-closure needs 'start' or 'complete'");
        return 2;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Marks the LIR as closing: no further assignments.")
    static final class Start extends RegistryCommand.Changing {
        @Option(names = "--mntner", required = true, paramLabel = "LIR-MNT", description = "the closing LIR's maintainer")
        String mntner;

        @Override
        public Integer call() throws Exception {
            return change("lir-closure/start", "mntner", mntner);
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Completes the closure: kept assignments to the end-user maintainer, the rest deleted.")
    static final class Complete extends RegistryCommand.Changing {
        @Option(names = "--mntner", required = true, paramLabel = "LIR-MNT", description = "the closing LIR's maintainer")
        String mntner;
        @Option(names = "--keep", required = true, paramLabel = "FILE",
                description = "assignments whose end users keep their addresses, one range or prefix per line")
        Path keep;

        @Override
        public Integer call() throws Exception {
            return change("lir-closure/complete", "mntner", mntner, "keep", Files.readString(keep, StandardCharsets.UTF_8));
        }
    }
}
