package net.whoisd.rpsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObjectTemplateTest {

    @ParameterizedTest
    @EnumSource(ObjectType.class)
    void everyClassHasATemplateStartingWithItsClassAttributeAndEndingWithSource(ObjectType type) {
        ObjectTemplate t = ObjectTemplate.of(type);
        assertNotNull(t);
        assertEquals(type, t.type());
        List<AttributeTemplate> attrs = t.attributes();
        assertEquals(type.attributeName(), attrs.get(0).name());
        assertEquals(Requirement.MANDATORY, attrs.get(0).requirement());
        assertEquals(Cardinality.SINGLE, attrs.get(0).cardinality());
        assertEquals("source", attrs.get(attrs.size() - 1).name());
        assertEquals(Requirement.GENERATED, t.attribute("created").orElseThrow().requirement());
        assertTrue(t.attribute("mnt-by").orElseThrow().isMandatory());
        assertEquals(attrs.size(), t.templateText().split("\n").length);
        assertTrue(t.verboseText().startsWith("The " + type.attributeName() + " class:"));
        assertTrue(t.verboseText().contains(t.templateText()));
    }

    @Test
    void templateTextUsesRipeColumns() {
        String text = ObjectTemplate.of(ObjectType.INETNUM).templateText();
        String[] lines = text.split("\n");
        assertEquals("inetnum:        [mandatory]  [single]     [primary/lookup key]", lines[0]);
        assertEquals("netname:        [mandatory]  [single]     [lookup key]", lines[1]);
        assertEquals("descr:          [optional]   [multiple]   [ ]", lines[2]);
        // fixed columns, as RIPE's %-13s: a 13-character label fills its column and gets no space after it
        assertTrue(text.contains("org:            [conditional][single]     [inverse key]\n"), text);
        assertTrue(text.contains("created:        [generated]  [single]     [ ]\n"));
        String route = ObjectTemplate.of(ObjectType.ROUTE).templateText();
        assertTrue(route.contains("origin:         [mandatory]  [single]     [primary/inverse key]\n"), route);
    }

    @Test
    void keysOfTemplates() {
        ObjectTemplate person = ObjectTemplate.of(ObjectType.PERSON);
        assertEquals(Set.of("person", "e-mail", "nic-hdl"), person.lookupKeys());
        assertTrue(person.inverseKeys().containsAll(Set.of("mnt-by", "notify", "org", "mnt-ref")));
        assertFalse(person.inverseKeys().contains("e-mail"));
        assertEquals(List.of("route", "origin"), ObjectTemplate.of(ObjectType.ROUTE).primaryKeys());
        assertEquals(List.of("nic-hdl"), ObjectTemplate.of(ObjectType.ROLE).primaryKeys());
        assertTrue(ObjectTemplate.of(ObjectType.AUT_NUM).attribute("import").isPresent());
        assertTrue(ObjectTemplate.of(ObjectType.PERSON).attribute("status").isEmpty());
        // NWI-20: person address and phone optional, e-mail mandatory
        assertEquals(Requirement.OPTIONAL, person.attribute("phone").orElseThrow().requirement());
        assertEquals(Requirement.MANDATORY, person.attribute("e-mail").orElseThrow().requirement());
        assertEquals(Requirement.GENERATED, ObjectTemplate.of(ObjectType.AUT_NUM).attribute("status").orElseThrow().requirement());
    }

    @Test
    void referencesAndInverseSearchable() {
        assertEquals(Set.of(ObjectType.PERSON, ObjectType.ROLE), References.targets("admin-c"));
        assertEquals(Set.of(ObjectType.MNTNER), References.targets("mnt-by"));
        assertEquals(Set.of(ObjectType.ORGANISATION), References.targets("org"));
        assertEquals(Set.of(ObjectType.ROLE), References.targets("abuse-c"));
        assertEquals(Set.of(ObjectType.IRT), References.targets("mnt-irt"));
        assertTrue(References.targets("descr").isEmpty());
        Set<String> inv = References.inverseSearchable();
        for (String name : List.of("abuse-c", "abuse-mailbox", "admin-c", "auth", "ds-rdata", "fingerpr", "irt-nfy",
                "mbrs-by-ref", "member-of", "mnt-by", "mnt-domains", "mnt-irt", "mnt-lower", "mnt-nfy", "mnt-ref",
                "mnt-routes", "notify", "nserver", "org", "origin", "ping-hdl", "ref-nfy", "sponsoring-org", "tech-c",
                "upd-to", "zone-c")) {
            assertTrue(inv.contains(name), name);
        }
        assertFalse(inv.contains("e-mail"));
        assertFalse(inv.contains("descr"));
    }
}
