package net.whoisd.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code transfer}: one allocation, with what the giving LIR maintains inside it, to another LIR. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Transfers one allocation and the giving LIR's objects inside it to another LIR.")
public final class TransferCommand extends RegistryCommand.Changing {
    @Option(names = "--allocation", required = true, paramLabel = "RANGE", description = "the allocation (range or prefix)")
    String allocation;
    @Option(names = "--to", required = true, paramLabel = "LIR-MNT", description = "the receiving LIR's maintainer")
    String to;
    @Option(names = "--org", paramLabel = "ORG-ID", description = "the receiving organisation (default: the receiving LIR's)")
    String org;
    @Option(names = "--keep-contacts", description = "keep the allocation's admin-c, tech-c and abuse-c"
            + " (default: they become the receiving organisation's)")
    boolean keepContacts;

    @Override
    public Integer call() throws Exception {
        return change("transfer", "allocation", allocation, "to", to, "org", org, "keep-contacts", keepContacts ? "true" : null);
    }
}
