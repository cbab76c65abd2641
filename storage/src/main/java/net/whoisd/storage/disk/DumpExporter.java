package net.whoisd.storage.disk;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.WhoisDatabase;

/**
 * Writes the database as RPSL dump files: {@code <source>.db.<class>.gz} per class plus
 * {@code <SOURCE>.CURRENTSERIAL}. An import of the files gives back the same objects (and, into an
 * empty directory, the same serial). A public dump hides credentials and personal data.
 */
public final class DumpExporter {
    /** Attributes a person object keeps in a public dump; the rest is personal data. */
    private static final Set<String> PUBLIC_PERSON_ATTRIBUTES = Set.of("person", "nic-hdl", "mnt-by", "source", "created", "last-modified");

    private DumpExporter() {
    }

    /** Writes every object; returns the number written per class. */
    public static Map<ObjectType, Long> export(WhoisDatabase db, Path outDir, boolean publicDump) throws IOException {
        Files.createDirectories(outDir);
        String lower = db.source().toLowerCase(Locale.ROOT);
        Map<ObjectType, Long> counts = new EnumMap<>(ObjectType.class);
        long serial = db.currentSerial();
        Writer[] current = {null};
        ObjectType[] currentType = {null};
        try {
            db.forEach(o -> {
                try {
                    ObjectType type = o.key().type();
                    if (type != currentType[0]) {
                        if (current[0] != null) {
                            current[0].close();
                        }
                        Path file = outDir.resolve(lower + ".db." + type.attributeName() + ".gz");
                        current[0] = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                                StandardCharsets.UTF_8), 1 << 16);
                        currentType[0] = type;
                    }
                    RpslObject object = publicDump ? publicVersion(o.object()) : o.object();
                    current[0].write(object.toText());
                    current[0].write('\n');
                    counts.merge(type, 1L, Long::sum);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (current[0] != null) {
                current[0].close();
            }
        }
        Files.writeString(outDir.resolve(db.source() + ".CURRENTSERIAL"), serial + "\n", StandardCharsets.UTF_8);
        return counts;
    }

    /**
     * The object as a public dump shows it: password hashes replaced by {@code MD5-PW # Filtered} /
     * {@code BCRYPT-PW # Filtered}, and a person reduced to its name, handle, maintainers and
     * generated attributes.
     */
    public static RpslObject publicVersion(RpslObject object) {
        boolean person = object.className().equals("person");
        return object.mapAttributes(a -> {
            if (person && !PUBLIC_PERSON_ATTRIBUTES.contains(a.name())) {
                return null;
            }
            if (a.name().equals("auth")) {
                String scheme = a.cleanValue().split(" ", 2)[0].toUpperCase(Locale.ROOT);
                if (scheme.equals("MD5-PW") || scheme.equals("BCRYPT-PW")) {
                    return RpslAttribute.of("auth", scheme + " # Filtered", a.line());
                }
                if (scheme.startsWith("SSO")) {
                    return RpslAttribute.of("auth", "SSO # Filtered", a.line());
                }
            }
            return a;
        });
    }
}
