package net.whoisd.server.cli;

import picocli.CommandLine.Command;

/** {@code abuse-report}: every resource without a valid abuse contact, with the reason. */
@Command(name = "abuse-report", mixinStandardHelpOptions = true,
        description = "Lists every inetnum, inet6num and aut-num that leads to no valid abuse contact, with the reason.")
public final class AbuseReportCommand extends RegistryCommand {
    @Override
    public Integer call() throws Exception {
        return run("abuse-report", null);
    }
}
