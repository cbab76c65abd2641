package net.whoisd.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code waitlist request|list|fulfil}: ARIN's IPv4 waiting list (2019-16). */
@Command(name = "waitlist", mixinStandardHelpOptions = true,
        description = "The IPv4 waiting list: 'request' adds a qualified request, 'list' shows it, 'fulfil' serves it"
                + " from the free pool.",
        subcommands = {WaitlistCommand.Request.class, WaitlistCommand.ListRequests.class, WaitlistCommand.Fulfil.class})
public final class WaitlistCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("whoisd: waitlist needs 'request', 'list' or 'fulfil'");
        return 2;
    }

    @Command(name = "request", mixinStandardHelpOptions = true, description = "Puts a qualified request on the list.")
    static final class Request extends RegistryCommand.Changing {
        @Option(names = "--org", required = true, paramLabel = "ORG-ID", description = "the requesting organisation")
        String org;
        @Option(names = "--max", required = true, paramLabel = "/N", description = "the largest block accepted (/22 at most)")
        String max;
        @Option(names = "--min", required = true, paramLabel = "/N", description = "the smallest block accepted (/24 at least)")
        String min;

        @Override
        public Integer call() throws Exception {
            return change("waitlist/request", "org", org, "max", max, "min", min);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Shows the list in approval order.")
    static final class ListRequests extends RegistryCommand {
        @Override
        public Integer call() throws Exception {
            return run("waitlist", null);
        }
    }

    @Command(name = "fulfil", mixinStandardHelpOptions = true,
            description = "Serves the list first-approved first from the registry's free pool.")
    static final class Fulfil extends RegistryCommand.Changing {
        @Override
        public Integer call() throws Exception {
            return change("waitlist/fulfil");
        }
    }
}
