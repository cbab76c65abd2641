package net.whoisd.server.query;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import net.whoisd.rpsl.ObjectType;

/**
 * Which classes a plain (non-IP) search key can match, by its shape (reference section 4): a key
 * is only looked up in classes whose lookup attributes could hold it.
 */
final class KeyShapes {
    private static final Pattern NIC_HDL = Pattern.compile("^[A-Z0-9-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NETNAME = Pattern.compile("^[A-Z0-9_-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern OBJECT_NAME = Pattern.compile("^[A-Z][A-Z0-9_.-]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HAS_LETTER = Pattern.compile(".*[A-Za-z].*");
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+$");
    private static final Pattern DOMAIN = Pattern.compile("^[A-Z0-9/-]+(\\.[A-Z0-9/-]+)*\\.?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AS_NUMBER = Pattern.compile("^AS\\d{1,10}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AS_SET = Pattern.compile("^(AS\\d+:)*AS-[A-Z0-9_:-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IRT = Pattern.compile("^IRT-[A-Z0-9_-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_CERT = Pattern.compile("^(PGPKEY-[0-9A-F]{8}|X509-\\d+|AUTO-\\d+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORG_ID = Pattern.compile("^ORG-[A-Z0-9_-]+$", Pattern.CASE_INSENSITIVE);

    private KeyShapes() {
    }

    /** The non-address classes a lookup of this key should search. */
    static Set<ObjectType> classesFor(String key) {
        Set<ObjectType> out = EnumSet.noneOf(ObjectType.class);
        boolean words = key.indexOf(' ') >= 0;
        String first = words ? key.substring(0, key.indexOf(' ')) : key;
        if (!words && AS_NUMBER.matcher(key).matches()) {
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
}
