package net.whoisd.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import net.whoisd.server.config.ConfigDocs;
import net.whoisd.server.config.ServerConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows the configuration keys, or checks a configuration file (docs/configuration.md). */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Prints every configuration key with its default (--defaults) or the docs table (--markdown), "
                + "or checks --config FILE and the -Dwhoisd.* tuning properties (--check); exit 1 naming every bad key.")
public final class ConfigCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @ArgGroup(multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--defaults", required = true, description = "print every key at its default, commented, in the properties format")
        boolean defaults;

        @Option(names = "--check", required = true, description = "check the configuration and print its effective values")
        boolean check;

        @Option(names = "--markdown", required = true, description = "print docs/configuration.md")
        boolean markdown;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (what.defaults) {
            out.print(ConfigDocs.defaultsFile());
        } else if (what.markdown) {
            out.print(ConfigDocs.markdown());
        } else {
            ServerConfig config = common.load();
            config.effectiveValues().forEach((key, value) -> out.println(key + " = " + value));
            out.println("whoisd: the configuration" + (common.config != null ? " " + common.config : "") + " is valid");
        }
        out.flush();
        return 0;
    }
}
