package net.whoisd.server.query;

import java.util.EnumSet;
import java.util.Set;
import net.whoisd.rpsl.ObjectType;

/**
 * Which classes a plain (non-IP) search key can match, by its shape (reference section 4): a key
 * is only looked up in classes whose lookup attributes could hold it.
 *
 * <p>Each shape is a hand-written scanner equivalent to a regular expression (named in its
 * comment; {@code KeyShapesTest} checks the equivalence on random keys): this runs for every
 * lookup, and the regular expressions were a third of a key lookup's time. Letters are ASCII
 * letters of either case, as in a case-insensitive {@link java.util.regex.Pattern}.
 */
final class KeyShapes {
    private KeyShapes() {
    }

    /** The non-address classes a lookup of this key should search. */
    static Set<ObjectType> classesFor(String key) {
        Set<ObjectType> out = EnumSet.noneOf(ObjectType.class);
        int space = key.indexOf(' ');
        boolean words = space >= 0;
        String first = words ? key.substring(0, space) : key;
        if (!words && (isAsNumber(key) || isBareNumber(key))) {
            // a bare number only matches an aut-num a lenient import loaded as written (LACNIC's "aut-num: 278")
            out.add(ObjectType.AUT_NUM);
        }
        if (!words && isAsSet(key)) {
            out.add(ObjectType.AS_SET);
        }
        if (!words && allOf(key, 0, NETNAME)) {
            out.add(ObjectType.INETNUM);
            out.add(ObjectType.INET6NUM);
        }
        if (!words && isDomain(key)) {
            out.add(ObjectType.DOMAIN);
        }
        if (!words && !key.isEmpty() && isLetter(key.charAt(0)) && onlyOf(key, 1, OBJECT_NAME)) {
            out.add(ObjectType.MNTNER);
        }
        if (!words && startsWithIgnoreCase(key, "IRT-") && allOf(key, 4, NETNAME)) {
            out.add(ObjectType.IRT);
        }
        if (!words && isKeyCert(key)) {
            out.add(ObjectType.KEY_CERT);
        }
        if (isEmail(key)) {
            out.add(ObjectType.PERSON);
            out.add(ObjectType.ROLE);
            out.add(ObjectType.ORGANISATION);
            out.add(ObjectType.IRT);
        }
        if ((!words && startsWithIgnoreCase(key, "ORG-") && allOf(key, 4, NETNAME)) || hasLetter(first)) {
            out.add(ObjectType.ORGANISATION);
        }
        if (hasLetter(key) || (!words && allOf(key, 0, NIC_HDL))) {
            out.add(ObjectType.PERSON);
            out.add(ObjectType.ROLE);
        }
        return out;
    }

    /** Character classes (ASCII letters always included). */
    private static final int DIGITS = 1;
    private static final int HYPHEN = 2;
    private static final int UNDERSCORE = 4;
    private static final int DOT = 8;
    private static final int SLASH = 16;
    private static final int COLON = 32;
    /** {@code [A-Z0-9-]}: nic-hdl. */
    private static final int NIC_HDL = DIGITS | HYPHEN;
    /** {@code [A-Z0-9_-]}: netname, irt and organisation id tails. */
    private static final int NETNAME = DIGITS | HYPHEN | UNDERSCORE;
    /** {@code [A-Z0-9_.-]}: object names after the first letter. */
    private static final int OBJECT_NAME = DIGITS | HYPHEN | UNDERSCORE | DOT;
    /** {@code [A-Z0-9/-]}: a domain label. */
    private static final int LABEL = DIGITS | HYPHEN | SLASH;
    /** {@code [A-Z0-9_:-]}: an as-set name after {@code AS-}. */
    private static final int SET_NAME = DIGITS | HYPHEN | UNDERSCORE | COLON;

    private static boolean in(char c, int classes) {
        return isLetter(c)
                || (classes & DIGITS) != 0 && isDigit(c)
                || (classes & HYPHEN) != 0 && c == '-'
                || (classes & UNDERSCORE) != 0 && c == '_'
                || (classes & DOT) != 0 && c == '.'
                || (classes & SLASH) != 0 && c == '/'
                || (classes & COLON) != 0 && c == ':';
    }

    /** {@code s[from..]} is non-empty and every character is in the classes. */
    private static boolean allOf(String s, int from, int classes) {
        return from < s.length() && onlyOf(s, from, classes);
    }

    /** Every character of {@code s[from..]} (possibly none) is in the classes. */
    private static boolean onlyOf(String s, int from, int classes) {
        for (int i = from; i < s.length(); i++) {
            if (!in(s.charAt(i), classes)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code prefix} is upper-case ASCII; matched in either case. */
    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return startsWithIgnoreCase(s, 0, prefix);
    }

    private static boolean startsWithIgnoreCase(String s, int at, String prefix) {
        if (s.length() - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = s.charAt(at + i);
            char p = prefix.charAt(i);
            if (c != p && !(isLetter(p) && c == (char) (p + ('a' - 'A')))) {
                return false;
            }
        }
        return true;
    }

    /** Digits from {@code from}: the index after the last one. */
    private static int digitsFrom(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code ^AS\d{1,10}$}. */
    static boolean isAsNumber(String s) {
        if (!startsWithIgnoreCase(s, "AS")) {
            return false;
        }
        int end = digitsFrom(s, 2);
        return end == s.length() && end > 2 && end - 2 <= 10;
    }

    /** {@code ^\d{1,10}$}. */
    private static boolean isBareNumber(String s) {
        int end = digitsFrom(s, 0);
        return end == s.length() && end > 0 && end <= 10;
    }

    /** {@code ^(AS\d+:)*AS-[A-Z0-9_:-]+$}: any number of {@code AS<n>:} parts, then {@code AS-name}. */
    private static boolean isAsSet(String s) {
        int i = 0;
        while (true) {
            if (!startsWithIgnoreCase(s, i, "AS")) {
                return false;
            }
            if (startsWithIgnoreCase(s, i, "AS-") && allOf(s, i + 3, SET_NAME)) {
                return true;
            }
            int end = digitsFrom(s, i + 2);
            if (end == i + 2 || end >= s.length() || s.charAt(end) != ':') {
                return false;
            }
            i = end + 1;
        }
    }

    /** {@code ^[A-Z0-9/-]+(\.[A-Z0-9/-]+)*\.?$}: non-empty labels separated by dots, one trailing dot allowed. */
    private static boolean isDomain(String s) {
        int label = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if (in(c, LABEL)) {
                label++;
            } else {
                return false;
            }
        }
        return !s.isEmpty() && s.charAt(0) != '.';
    }

    /** {@code ^(PGPKEY-[0-9A-F]{8}|X509-\d+|AUTO-\d+)$}. */
    private static boolean isKeyCert(String s) {
        if (startsWithIgnoreCase(s, "PGPKEY-")) {
            if (s.length() != 15) {
                return false;
            }
            for (int i = 7; i < 15; i++) {
                char c = s.charAt(i);
                if (!(isDigit(c) || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
                    return false;
                }
            }
            return true;
        }
        int from = startsWithIgnoreCase(s, "X509-") ? 5 : startsWithIgnoreCase(s, "AUTO-") ? 5 : -1;
        return from > 0 && s.length() > from && digitsFrom(s, from) == s.length();
    }

    /** {@code ^[^\s@]+@[^\s@]+$}: one {@code @} with something on both sides, no white space. */
    private static boolean isEmail(String s) {
        int at = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return false;
            }
        }
        return at > 0 && at < s.length() - 1;
    }

    /** {@code .*[A-Za-z].*}: an ASCII letter and no line terminator (which {@code .} does not match). */
    private static boolean hasLetter(String s) {
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
            letter |= isLetter(c);
        }
        return letter;
    }
}
