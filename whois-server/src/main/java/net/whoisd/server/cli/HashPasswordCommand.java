package net.whoisd.server.cli;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reads a password from stdin and prints an {@code auth:} value for a maintainer. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Reads a password from stdin and prints an auth: value (BCRYPT-PW $2b$...).")
public final class HashPasswordCommand implements Callable<Integer> {
    @Option(names = "--cost", defaultValue = "12", description = "bcrypt cost factor (default ${DEFAULT-VALUE})")
    int cost;

    @Override
    public Integer call() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String password = in.readLine();
        if (password == null || password.isEmpty()) {
            System.err.println("whoisd: no password on stdin");
            return 1;
        }
        if (cost < 4 || cost > 31) {
            System.err.println("whoisd: --cost must be between 4 and 31");
            return 1;
        }
        char[] hash = BCrypt.with(BCrypt.Version.VERSION_2B).hashToChar(cost, password.toCharArray());
        System.out.println("BCRYPT-PW " + new String(hash));
        return 0;
    }
}
