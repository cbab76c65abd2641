package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void oneChangedLineWithContext() {
        String a = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String b = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assertEquals("@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", UnifiedDiff.diff(a, b));
    }

    @Test
    void addedLineAtTheEnd() {
        assertEquals("@@ -1,2 +1,3 @@\n a\n b\n+c\n", UnifiedDiff.diff("a\nb\n", "a\nb\nc\n"));
    }

    @Test
    void identicalTextsHaveNoHunks() {
        assertEquals("", UnifiedDiff.diff("a\nb\n", "a\nb\n"));
    }
}
