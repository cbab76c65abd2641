package net.whoisd.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectKeywordsTest {
    @Test
    void wholeSubjectIsOneKeywordInAnyCase() {
        assertTrue(SubjectKeywords.parse("NEW").is(SubjectKeywords.Keyword.NEW));
        assertTrue(SubjectKeywords.parse("  new ").is(SubjectKeywords.Keyword.NEW));
        assertTrue(SubjectKeywords.parse("Help").wantsHelp());
        assertTrue(SubjectKeywords.parse("howto").wantsHelp());
        assertTrue(SubjectKeywords.parse("").warnings().isEmpty());
        assertTrue(SubjectKeywords.parse(null).keyword().isEmpty());
    }

    @Test
    void anyOtherSubjectGivesTheTwoInvalidKeywordWarnings() {
        SubjectKeywords k = SubjectKeywords.parse("NEW person please");
        assertFalse(k.is(SubjectKeywords.Keyword.NEW));
        assertEquals(List.of("NEW", "person", "please"), k.invalidWords());
        assertEquals(List.of("Invalid keyword(s) found: NEW, person, please", "All keywords were ignored"), k.warnings());
    }

    @Test
    void diffIsAcceptedWithAWarning() {
        SubjectKeywords k = SubjectKeywords.parse("diff");
        assertTrue(k.is(SubjectKeywords.Keyword.DIFF));
        assertTrue(k.warnings().get(0).contains("DIFF"));
    }
}
