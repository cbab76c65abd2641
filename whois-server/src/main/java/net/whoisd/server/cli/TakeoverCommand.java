package net.whoisd.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code takeover}: every allocation of one LIR moves to another. */
@Command(name = "takeover", mixinStandardHelpOptions = true, description = "Moves all allocations of one LIR to another.")
public final class TakeoverCommand extends RegistryCommand.Changing {
    @Option(names = "--from", required = true, paramLabel = "LIR-MNT", description = "the LIR taken over")
    String from;
    @Option(names = "--to", required = true, paramLabel = "LIR-MNT", description = "the LIR taking over")
    String to;
    @Option(names = "--org", paramLabel = "ORG-ID", description = "the receiving organisation (default: the receiving LIR's)")
    String org;
    @Option(names = "--keep-contacts", description = "keep the allocation's admin-c, tech-c and abuse-c"
            + " (default: they become the receiving organisation's)")
    boolean keepContacts;

    @Override
    public Integer call() throws Exception {
        return change("takeover", "from", from, "to", to, "org", org, "keep-contacts", keepContacts ? "true" : null);
    }
}
