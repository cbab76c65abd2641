package net.whoisd.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.whoisd.rpsl.ObjectType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written key scanners decide exactly as the regular expressions of the key shapes. */
class KeyShapesTest {
    private static final Pattern NIC_HDL = Pattern.compile("^[A-Z0-9-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NETNAME = Pattern.compile("^[A-Z0-9_-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern OBJECT_NAME = Pattern.compile("^[A-Z][A-Z0-9_.-]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HAS_LETTER = Pattern.compile(".*[A-Za-z].*");
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+$");
    private static final Pattern DOMAIN = Pattern.compile("^[A-Z0-9/-]+(\\.[A-Z0-9/-]+)*\\.?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_NUMBER = Pattern.compile("^\\d{1,10}$");
    private static final Pattern AS_NUMBER = Pattern.compile("^AS\\d{1,10}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AS_SET = Pattern.compile("^(AS\\d+:)*AS-[A-Z0-9_:-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IRT = Pattern.compile("^IRT-[A-Z0-9_-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_CERT = Pattern.compile("^(PGPKEY-[0-9A-F]{8}|X509-\\d+|AUTO-\\d+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORG_ID = Pattern.compile("^ORG-[A-Z0-9_-]+$", Pattern.CASE_INSENSITIVE);

    /** The classes as the regular expressions choose them (the original definition). */
    static Set<ObjectType> byRegex(String key) {
        Set<ObjectType> out = EnumSet.noneOf(ObjectType.class);
        boolean words = key.indexOf(' ') >= 0;
        String first = words ? key.substring(0, key.indexOf(' ')) : key;
        if (!words && (AS_NUMBER.matcher(key).matches() || BARE_NUMBER.matcher(key).matches())) {
            out.add(ObjectType.AUT_NUM);
        }
        if (!words && AS_SET.matcher(key).matches()) {
            out.add(ObjectType.AS_SET);
        }
        if (!words && NETNAME.matcher(key).matches()) {
            out.add(ObjectType.INETNUM);
            out.add(ObjectType.INET6NUM);
        }
        if (!words && DOMAIN.matcher(key).matches()) {
            out.add(ObjectType.DOMAIN);
        }
        if (!words && OBJECT_NAME.matcher(key).matches()) {
            out.add(ObjectType.MNTNER);
        }
        if (!words && IRT.matcher(key).matches()) {
            out.add(ObjectType.IRT);
        }
        if (!words && KEY_CERT.matcher(key).matches()) {
            out.add(ObjectType.KEY_CERT);
        }
        if (EMAIL.matcher(key).matches()) {
            out.add(ObjectType.PERSON);
            out.add(ObjectType.ROLE);
            out.add(ObjectType.ORGANISATION);
            out.add(ObjectType.IRT);
        }
        if ((!words && ORG_ID.matcher(key).matches()) || HAS_LETTER.matcher(first).matches()) {
            out.add(ObjectType.ORGANISATION);
        }
        if (HAS_LETTER.matcher(key).matches() || (!words && NIC_HDL.matcher(key).matches())) {
            out.add(ObjectType.PERSON);
            out.add(ObjectType.ROLE);
        }
        return out;
    }

    private static final String[] PIECES = {"AS", "as", "aS", "AS-", "as-", "1", "12345", "12345678901", ":", "-", "_", ".",
        "/", "@", " ", "\t", "\r", "\u0085", "\u00e9", "\u00ff", "IRT-", "irt-", "ORG-", "Org-", "PGPKEY-", "pgpkey-",
        "0123ABCD", "deadbeef", "X509-", "AUTO-", "auto-", "A", "z", "Q", "0", "9", "example", "..", "+", "*", "?", "~"};

    static Stream<String> randomKeys() {
        Random random = new Random(20261122);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            keys.add(sb.toString());
        }
        return keys.stream();
    }

    @ParameterizedTest
    @MethodSource("randomKeys")
    void sameClassesAsTheRegularExpressions(String key) {
        assertEquals(byRegex(key), KeyShapes.classesFor(key), () -> "key '" + key + "'");
    }

    @Test
    void typicalKeys() {
        for (String key : List.of("AS64496", "AS-FOO", "AS1:AS-FOO:AS2", "LIR1-MNT", "ORG-EB4-TEST", "LAA45-TEST",
                "193.in-addr.arpa", "0/25.2.0.192.in-addr.arpa.", "IRT-TEST", "PGPKEY-A8D16B70", "X509-1", "AUTO-2",
                "noc@example.net", "John Smith", "a", "A", "", "@", "a@", "@b", "a@b@c", "AS12345678901", "AS-", ".a", "a.", "a..b")) {
            assertEquals(byRegex(key), KeyShapes.classesFor(key), () -> "key '" + key + "'");
        }
    }
}
