package net.whoisd.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code transfer}: one allocation, with what the giving LIR maintains inside it, to another LIR. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Transfers one allocation and the giving LIR's objects inside it to another LIR.")
public final class TransferCommand implements Callable<Integer> {
    @Mixin
    RegistryClient client;
    @Spec
    CommandSpec spec;
    @Option(names = "--allocation", required = true, paramLabel = "RANGE", description = "the allocation (range or prefix)")
    String allocation;
    @Option(names = "--to", required = true, paramLabel = "LIR-MNT", description = "the receiving LIR's maintainer")
    String to;
    @Option(names = "--org", paramLabel = "ORG-ID", description = "the receiving organisation (default: the receiving LIR's)")
    String org;
    @Option(names = "--dry-run", description = "print what would change and change nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return RegistryClient.print(client.call("transfer", RegistryClient.fields(dryRun, "allocation", allocation, "to", to, "org", org)),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
