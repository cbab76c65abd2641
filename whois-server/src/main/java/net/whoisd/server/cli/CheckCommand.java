package net.whoisd.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.whoisd.rpsl.DumpReader;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.ObjectValidator;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.Severity;
import net.whoisd.rpsl.ValidationMode;
import net.whoisd.rpsl.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates RPSL files (plain or gzip) without storing anything: syntax and templates, no database.
 * Prints {@code file:line: error|warning: attribute: message} for every problem, then a summary.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validates RPSL objects without storing them; prints every problem with file:line; "
                + "exit 1 if any object is invalid.")
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "RPSL files or dumps (plain or .gz)")
    List<Path> files;

    @Option(names = "--source", paramLabel = "NAME", description = "the source objects must carry (default: the configured source)")
    String source;

    @Option(names = "--any-source", description = "accept any well-formed source")
    boolean anySource;

    @Option(names = "--lenient", description = "validate as an import of a legacy dump does (a known class, a non-empty primary key that is no AUTO-n placeholder, the source)")
    boolean lenient;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String expectedSource = anySource ? null : source != null ? source : common.load().source();
        ObjectValidator validator = new ObjectValidator(lenient ? ValidationMode.LENIENT : ValidationMode.STRICT, expectedSource);
        Tally tally = new Tally();
        boolean unreadable = false;
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                err.println("whoisd: cannot read " + file);
                unreadable = true;
                continue;
            }
            try (DumpReader reader = DumpReader.open(file)) {
                while (reader.hasNext()) {
                    checkOne(reader.next(), validator, lenient, file.toString(), out, tally);
                }
            }
        }
        out.println("checked " + tally.objects + " objects: " + tally.valid + " valid, " + (tally.objects - tally.valid)
                + " invalid (" + tally.errors + " errors, " + tally.warnings + " warnings)");
        out.flush();
        if (unreadable) {
            return 1;
        }
        if (tally.valid < tally.objects) {
            err.println("whoisd: " + (tally.objects - tally.valid) + " invalid objects");
            return 1;
        }
        return 0;
    }

    private static void checkOne(ParsedObject parsed, ObjectValidator validator, boolean lenient, String file, PrintWriter out,
                                 Tally tally) {
        tally.objects++;
        // a deleted object of a legacy IRRd dump is skipped with a warning, as import skips it
        boolean valid = !parsed.hasErrors() || parsed.isSkipped();
        report(parsed.problems(), parsed.line(), file, out, tally);
        if (parsed.object() != null) {
            ValidationResult result = validator.validate(parsed.object());
            report(result.problems(), parsed.line(), file, out, tally);
            valid &= result.isValid();
            Optional<ObjectType> type = parsed.object().type();
            if (valid && lenient && type.isPresent() && ObjectKey.isPlaceholder(type.get(), result.object())) {
                report(List.of(Problem.error(null, parsed.line(), "primary key " + ObjectKey.primaryKey(type.get(), result.object())
                        + " is a placeholder that only an update turns into a key; an import refuses it")), parsed.line(), file, out, tally);
                valid = false;
            }
        }
        if (valid) {
            tally.valid++;
        }
    }

    private static void report(List<Problem> problems, int objectLine, String file, PrintWriter out, Tally tally) {
        for (Problem p : problems) {
            if (p.severity() == Severity.INFO) {
                continue;
            }
            if (p.isError()) {
                tally.errors++;
            } else {
                tally.warnings++;
            }
            int line = p.line() > 0 ? p.line() : objectLine;
            out.println(file + ":" + line + ": " + (p.isError() ? "error" : "warning") + ": "
                    + (p.attribute() != null ? p.attribute() + ": " : "") + p.message());
        }
    }

    private static final class Tally {
        long objects;
        long valid;
        long errors;
        long warnings;
    }
}
