package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessedMessageIdsTest {
    @TempDir
    Path dir;

    @Test
    void idsSurviveReopenAndCompareWithoutBrackets() throws Exception {
        Path file = dir.resolve("ids");
        try (ProcessedMessageIds ids = ProcessedMessageIds.open(file, 10)) {
            ids.add("<a@example.com>");
            assertTrue(ids.contains("a@example.com"));
        }
        try (ProcessedMessageIds ids = ProcessedMessageIds.open(file, 10)) {
            assertTrue(ids.contains(" <a@example.com> "));
            assertFalse(ids.contains("<b@example.com>"));
        }
    }

    @Test
    void onlyTheNewestIdsAreKeptAndTheFileStaysBounded() throws Exception {
        Path file = dir.resolve("ids");
        try (ProcessedMessageIds ids = ProcessedMessageIds.open(file, 30)) {
            for (int i = 0; i < 300; i++) {
                ids.add("<m" + i + "@x>");
            }
            assertEquals(30, ids.size());
            assertFalse(ids.contains("<m269@x>"));
            assertTrue(ids.contains("<m270@x>"));
        }
        assertTrue(Files.readAllLines(file).size() <= 60);
        try (ProcessedMessageIds ids = ProcessedMessageIds.open(file, 30)) {
            assertTrue(ids.contains("<m299@x>"));
            assertFalse(ids.contains("<m269@x>"));
        }
    }

    @Test
    void aTornLastLineFromACrashIsHarmless() throws Exception {
        Path file = dir.resolve("ids");
        Files.writeString(file, "a@x\nb@x\nhalf-writ");
        try (ProcessedMessageIds ids = ProcessedMessageIds.open(file, 10)) {
            assertTrue(ids.contains("a@x"));
            assertTrue(ids.contains("b@x"));
            ids.add("c@x");
        }
        try (ProcessedMessageIds ids = ProcessedMessageIds.open(file, 10)) {
            assertTrue(ids.contains("c@x"));
        }
    }
}
