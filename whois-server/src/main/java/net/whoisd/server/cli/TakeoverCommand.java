package net.whoisd.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takeover}: every allocation of one LIR moves to another. */
@Command(name = "takeover", mixinStandardHelpOptions = true, description = "Moves all allocations of one LIR to another.")
public final class TakeoverCommand implements Callable<Integer> {
    @Mixin
    RegistryClient client;
    @Spec
    CommandSpec spec;
    @Option(names = "--from", required = true, paramLabel = "LIR-MNT", description = "the LIR taken over")
    String from;
    @Option(names = "--to", required = true, paramLabel = "LIR-MNT", description = "the LIR taking over")
    String to;
    @Option(names = "--org", paramLabel = "ORG-ID", description = "the receiving organisation (default: the receiving LIR's)")
    String org;
    @Option(names = "--dry-run", description = "print what would change and change nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return RegistryClient.print(client.call("takeover", RegistryClient.fields(dryRun, "from", from, "to", to, "org", org)),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
