package net.whoisd.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;

class SampleDataTest {

    private final List<ParsedObject> parsed = RpslLexer.parseAll(SampleData.text());

    @Test
    void everyObjectLexesCleanlyWithSourceTest() {
        assertTrue(parsed.size() >= 80 && parsed.size() <= 150, "objects: " + parsed.size());
        for (ParsedObject p : parsed) {
            assertTrue(p.problems().isEmpty(), () -> "line " + p.line() + ": " + p.problems());
            assertEquals(SampleData.SOURCE, p.object().value("source"), () -> "line " + p.line());
            assertTrue(p.object().has("created") && p.object().has("last-modified"), () -> "line " + p.line());
        }
    }

    @Test
    void referencesResolveAndRangesNestWithRightStatuses() {
        Consistency check = new Consistency();
        parsed.forEach(p -> check.add(p.object()));
        assertEquals(List.of(), check.problems());
    }

    @Test
    void everyClassAndEveryStatusTheDocsPromiseIsThere() {
        Set<ObjectType> classes = EnumSet.noneOf(ObjectType.class);
        parsed.forEach(p -> classes.add(p.object().type().orElseThrow()));
        assertEquals(EnumSet.allOf(ObjectType.class), classes);
        List<String> statuses = parsed.stream().map(ParsedObject::object)
                .filter(o -> o.has("status")).map(o -> o.value("status")).toList();
        for (String s : List.of("ALLOCATED UNSPECIFIED", "ALLOCATED PA", "ASSIGNED PA", "SUB-ALLOCATED PA", "ASSIGNED PI",
                "ALLOCATED-BY-RIR", "ASSIGNED")) {
            assertTrue(statuses.contains(s), s);
        }
        List<String> auths = parsed.stream().map(ParsedObject::object).flatMap(o -> o.values("auth").stream()).toList();
        assertTrue(auths.stream().anyMatch(a -> a.startsWith("BCRYPT-PW $2b$10$")));
        assertTrue(auths.stream().anyMatch(a -> a.startsWith("MD5-PW $1$")));
        RpslObject keyCert = parsed.stream().map(ParsedObject::object)
                .filter(o -> o.type().orElseThrow() == ObjectType.KEY_CERT).findFirst().orElseThrow();
        assertTrue(keyCert.findAll("certif").get(0).cleanValue().startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
    }

    @Test
    void everyDomainHasTwoNameServers() {
        parsed.stream().map(ParsedObject::object).filter(o -> o.type().orElseThrow() == ObjectType.DOMAIN)
                .forEach(d -> assertTrue(d.values("nserver").size() >= 2, d.classValue()));
    }
}
