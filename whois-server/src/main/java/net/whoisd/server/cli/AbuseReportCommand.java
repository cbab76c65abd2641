package net.whoisd.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code abuse-report}: every resource without a valid abuse contact, with the reason. */
@Command(name = "abuse-report", mixinStandardHelpOptions = true,
        description = "Lists every inetnum, inet6num and aut-num that leads to no valid abuse contact, with the reason.")
public final class AbuseReportCommand implements Callable<Integer> {
    @Mixin
    RegistryClient client;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RegistryClient.print(client.call("abuse-report", null), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
