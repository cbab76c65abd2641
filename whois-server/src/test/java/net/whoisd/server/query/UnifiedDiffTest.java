package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void oneChangedLineWithContext() {
        String a = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String b = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assertEquals("@@ -4,3 +4,3 @@\n d\n-e\n+E\n f\n", UnifiedDiff.diff(a, b));
    }

    @Test
    void addedLineAtTheEndHasTheEmptyLastLineAsContext() {
        assertEquals("@@ -2,2 +2,3 @@\n b\n+c\n \n", UnifiedDiff.diff("a\nb\n", "a\nb\nc\n"));
    }

    @Test
    void changesTwoLinesApartShareAHunkThreeApartDoNot() {
        assertEquals("@@ -1,5 +1,5 @@\n-a\n+A\n b\n c\n-d\n+D\n e\n", UnifiedDiff.diff("a\nb\nc\nd\ne\nf\ng\n", "A\nb\nc\nD\ne\nf\ng\n"));
        assertEquals("@@ -1,2 +1,2 @@\n-a\n+A\n b\n@@ -4,3 +4,3 @@\n d\n-e\n+E\n f\n",
                UnifiedDiff.diff("a\nb\nc\nd\ne\nf\ng\n", "A\nb\nc\nd\nE\nf\ng\n"));
    }

    @Test
    void identicalTextsHaveNoHunks() {
        assertEquals("", UnifiedDiff.diff("a\nb\n", "a\nb\n"));
    }
}
