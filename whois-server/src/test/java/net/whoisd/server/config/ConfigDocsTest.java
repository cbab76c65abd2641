package net.whoisd.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The documentation of the keys is generated from the table and up to date. */
class ConfigDocsTest {
    private static final Path DOCS = Path.of("..", "docs", "configuration.md");
    private static final Path README = Path.of("..", "README.md");

    @Test
    void docsConfigurationMdIsWhatTheTableGenerates() throws Exception {
        assertEquals(ConfigDocs.markdown(), Files.readString(DOCS, StandardCharsets.UTF_8),
                "docs/configuration.md is out of date: regenerate it with ./whoisd config --markdown > docs/configuration.md");
    }

    @Test
    void everyKeyHasARowInTheGeneratedTables() {
        String md = ConfigDocs.markdown();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            assertTrue(md.contains("\n| `" + key.name() + "` | " + key.type().name() + " | "), key.name());
        }
    }

    @Test
    void theReadmeLinksTheKeysInsteadOfKeepingATableOfItsOwn() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertTrue(readme.contains("(docs/configuration.md)"), "README.md links docs/configuration.md");
        for (String line : readme.split("\n")) {
            for (ConfigKey<?> key : ConfigKeys.all()) {
                assertTrue(!line.startsWith("| `" + key.name() + "`") && !line.startsWith("| `whoisd." + key.name() + "`"),
                        "README.md has a row of its own for " + key.name() + ": " + line);
            }
        }
    }

    @Test
    void theDefaultsFileUncommentedIsTheDefaultConfiguration() throws Exception {
        String uncommented = ConfigDocs.defaultsFile().replaceAll("(?m)^#([a-z][a-z0-9.-]* = )", "$1");
        Properties p = new Properties();
        p.load(new StringReader(uncommented));
        assertEquals(ConfigKeys.all().size(), p.size(), uncommented);
        assertEquals(ServerConfig.defaults().effectiveValues(), ServerConfig.fromProperties(p).effectiveValues());
    }
}
