package net.whoisd.server.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that runs one registry operation on the server and prints its answer. */
abstract class RegistryCommand implements Callable<Integer> {
    @Mixin
    RegistryClient client;
    @Spec
    CommandSpec spec;

    /** Calls the operation ({@code fields} null: a report read with GET) and prints the answer. */
    int run(String operation, Map<String, String> fields) throws Exception {
        return RegistryClient.print(client.call(operation, fields), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** An operation that changes data, with {@code --dry-run}. */
    abstract static class Changing extends RegistryCommand {
        @Option(names = "--dry-run", description = "print what would change and change nothing")
        boolean dryRun;

        /** Runs with the given name/value pairs as form fields, plus dry-run when asked. */
        int change(String operation, String... pairs) throws Exception {
            return run(operation, RegistryClient.fields(dryRun, pairs));
        }
    }
}
