package net.whoisd.server.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import net.whoisd.server.http.RegistryEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reverse-zones --out DIR}: the reverse delegations as zone-file NS records, one file per parent zone. */
@Command(name = "reverse-zones", mixinStandardHelpOptions = true,
        description = "Writes the reverse delegations (domain objects) as zone-file records, one file per parent zone.")
public final class ReverseZonesCommand extends RegistryCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the zone files")
    Path out;

    @Override
    public Integer call() throws Exception {
        RegistryClient.Answer answer = client.call("reverse-zones", null);
        if (answer.status() != 200) {
            return RegistryClient.print(answer, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        Files.createDirectories(out);
        int files = 0;
        String name = null;
        StringBuilder zone = new StringBuilder();
        for (String line : (answer.body() + RegistryEndpoint.FILE_MARK).split("\n", -1)) {
            if (line.startsWith(RegistryEndpoint.FILE_MARK)) {
                if (name != null) {
                    write(out.resolve(name), zone.toString());
                    files++;
                }
                name = line.substring(RegistryEndpoint.FILE_MARK.length()).trim();
                if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
                    name = null;
                }
                zone.setLength(0);
            } else if (name != null && !line.startsWith(";; ")) {
                zone.append(line).append('\n');
            }
        }
        spec.commandLine().getOut().println("wrote " + files + " zone file(s) to " + out);
        return 0;
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text.stripTrailing() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
