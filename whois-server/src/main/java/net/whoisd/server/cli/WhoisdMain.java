package net.whoisd.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code whoisd.jar}: one subcommand per operator task (README.md, "Commands"). */
@Command(name = "whoisd",
        mixinStandardHelpOptions = true,
        version = "whoisd 0.1.0",
        description = "An RPSL whois database server.",
        subcommands = {
                HashPasswordCommand.class,
                ServeCommand.class,
                CheckCommand.class,
                ConfigCommand.class,
                ImportCommand.class,
                ExportCommand.class,
                ReindexCommand.class,
                LirClosureCommand.class,
                TransferCommand.class,
                TakeoverCommand.class,
                AbuseReportCommand.class,
                ReverseZonesCommand.class,
                WaitlistCommand.class,
                MailSubmitCommand.class,
        })
public final class WhoisdMain {

    public static void main(String[] args) {
        int code = run(args);
        LogFlush.beforeExit();
        System.exit(code);
    }

    /** Runs a command line and returns its exit code (for tests that drive the CLI in-process). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new WhoisdMain());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("whoisd: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return 1;
        });
        return cli.execute(args);
    }
}
