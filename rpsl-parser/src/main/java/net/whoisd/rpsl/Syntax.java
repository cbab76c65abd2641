package net.whoisd.rpsl;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Hand-written syntax checks for attribute values (no regular expressions: the validator runs on
 * every object of multi-gigabyte dumps). Each check takes a clean value and returns true if it is
 * well-formed; the rules are the RIPE Database's attribute syntaxes (docs/parser.md, "Validation").
 */
final class Syntax {
    private Syntax() {
    }

    static final int MAX_NAME = 80;
    static final int MAX_HANDLE = 30;
    static final int MAX_DOMAIN = 254;
    static final int MAX_EMAIL = 320;

    private static final Set<String> COUNTRIES = words("""
            AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
            BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
            ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT
            HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
            LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI
            NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG
            SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
            UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW EU
            """);

    private static final Set<String> LANGUAGES = words("""
            AA AB AE AF AK AM AN AR AS AV AY AZ BA BE BG BH BI BM BN BO BR BS CA CE CH CO CR CS CU CV CY DA DE
            DV DZ EE EL EN EO ES ET EU FA FF FI FJ FO FR FY GA GD GL GN GU GV HA HE HI HO HR HT HU HY HZ IA ID
            IE IG II IK IN IO IS IT IU IW JA JI JV KA KG KI KJ KK KL KM KN KO KR KS KU KV KW KY LA LB LG LI LN
            LO LT LU LV MG MH MI MK ML MN MO MR MS MT MY NA NB ND NE NG NL NN NO NR NV NY OC OJ OM OR OS PA PI
            PL PS PT QU RM RN RO RU RW SA SC SD SE SG SI SK SL SM SN SO SQ SR SS ST SU SV SW TA TE TG TH TI TK
            TL TN TO TR TS TT TW TY UG UK UR UZ VE VI VO WA WO XH YI YO ZA ZH ZU
            """);

    /** RPSL reserved words (RFC 2622), which no object name may be. */
    private static final Set<String> RESERVED = words("""
            ANY AS-ANY RS-ANY PEERAS AND OR NOT ATOMIC FROM TO AT ACTION ACCEPT ANNOUNCE EXCEPT REFINE
            NETWORKS INTO INBOUND OUTBOUND
            """);

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.trim().split("\\s+")) {
            out.add(w);
        }
        return Set.copyOf(out);
    }

    // ------------------------------------------------------------------ characters

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(char c) {
        return isLetter(c) || isDigit(c);
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean allHex(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isReservedWord(String s) {
        return s.length() <= 8 && RESERVED.contains(s.toUpperCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------ names and handles

    /** A letter, then letters/digits/_/-, ending in a letter or digit; {@code min}..{@code max} long. */
    static boolean isObjectName(String s, int min, int max) {
        int n = s.length();
        if (n < min || n > max || !isLetter(s.charAt(0)) || !isAlnum(s.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** mntner names, as-name: object name of 2-80 characters that is not a reserved word. */
    static boolean isMntnerName(String s) {
        return isObjectName(s, 2, MAX_NAME) && !isReservedWord(s);
    }

    static boolean isNetname(String s) {
        return isObjectName(s, 1, MAX_NAME) && !isReservedWord(s);
    }

    /** 2-4 letters, optional 1-6 digits not starting with 0, optional -SUFFIX of 2-10 letters/digits. */
    static boolean isNicHandle(String s) {
        int n = s.length();
        if (n < 2 || n > MAX_HANDLE) {
            return false;
        }
        int i = 0;
        while (i < n && isLetter(s.charAt(i))) {
            i++;
        }
        if (i < 2 || i > 4) {
            return false;
        }
        int digits = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i - digits > 6 || (i > digits && s.charAt(digits) == '0')) {
            return false;
        }
        if (i == n) {
            return true;
        }
        return s.charAt(i) == '-' && isSuffix(s, i + 1, n);
    }

    private static boolean isSuffix(String s, int from, int to) {
        int len = to - from;
        if (len < 2 || len > 10) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isAlnum(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code AUTO-<n>}, optionally followed by 2-4 letters of preferred initials. */
    static boolean isAutoKey(String s) {
        if (!startsWithIgnoreCase(s, "AUTO-")) {
            return false;
        }
        int i = 5;
        int n = s.length();
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 5) {
            return false;
        }
        int letters = n - i;
        if (letters == 0) {
            return true;
        }
        if (letters < 2 || letters > 4) {
            return false;
        }
        for (; i < n; i++) {
            if (!isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code ORG-} + 2-4 letters + optional number (no leading 0) + {@code -SUFFIX}, at most 30. */
    static boolean isOrganisationId(String s) {
        int n = s.length();
        if (n > MAX_HANDLE || !startsWithIgnoreCase(s, "ORG-")) {
            return false;
        }
        int i = 4;
        while (i < n && isLetter(s.charAt(i))) {
            i++;
        }
        if (i - 4 < 2 || i - 4 > 4) {
            return false;
        }
        int digits = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i - digits > 6 || (i > digits && s.charAt(digits) == '0')) {
            return false;
        }
        return i < n && s.charAt(i) == '-' && isSuffix(s, i + 1, n);
    }

    static boolean isIrtName(String s) {
        return startsWithIgnoreCase(s, "IRT-") && isObjectName(s, 5, MAX_NAME);
    }

    static boolean isKeyCertName(String s) {
        return isPgpKeyId(s) || isX509Id(s);
    }

    static boolean isPgpKeyId(String s) {
        return s.length() == 15 && startsWithIgnoreCase(s, "PGPKEY-") && allHex(s, 7, 15);
    }

    static boolean isX509Id(String s) {
        return s.length() <= MAX_HANDLE && startsWithIgnoreCase(s, "X509-") && allDigits(s, 5, s.length());
    }

    /** The registry name of {@code source:}: letters, digits, '-' and '_', starting with a letter. */
    static boolean isSourceName(String s) {
        return isObjectName(s, 1, MAX_NAME);
    }

    // ------------------------------------------------------------------ numbers

    /** {@code AS<0..4294967295>}, case-insensitive; -1 if not an AS number. */
    static long asNumber(String s) {
        int n = s.length();
        if (n < 3 || n > 12 || (s.charAt(0) != 'A' && s.charAt(0) != 'a') || (s.charAt(1) != 'S' && s.charAt(1) != 's')) {
            return -1;
        }
        long v = 0;
        for (int i = 2; i < n; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 0xFFFFFFFFL ? v : -1;
    }

    static boolean isAsNumber(String s) {
        return asNumber(s) >= 0;
    }

    /** The canonical form {@code AS64496} (upper case, no leading zeros), or null. */
    static String normaliseAsNumber(String s) {
        long v = asNumber(s);
        if (v < 0) {
            return null;
        }
        // canonical already: upper-case "AS", then the digits without leading zeros
        if (s.charAt(0) == 'A' && s.charAt(1) == 'S' && (s.charAt(2) != '0' || s.length() == 3)) {
            return s;
        }
        return "AS" + v;
    }

    static int smallInt(String s, int max) {
        int n = s.length();
        if (n == 0 || n > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? (int) v : -1;
    }

    // ------------------------------------------------------------------ sets

    /**
     * An as-set (or route-set, with {@code RS-}) name: components separated by ':', each an AS number
     * or a name starting with one of the prefixes; at least one such name; at most 80 characters.
     */
    static boolean isSetName(String s, String... prefixes) {
        int n = s.length();
        if (n == 0 || n > MAX_NAME) {
            return false;
        }
        boolean hasSet = false;
        int start = 0;
        while (start <= n) {
            int colon = s.indexOf(':', start);
            int end = colon < 0 ? n : colon;
            String component = s.substring(start, end);
            if (component.isEmpty()) {
                return false;
            }
            if (!isAsNumber(component)) {
                boolean ok = false;
                for (String p : prefixes) {
                    if (startsWithIgnoreCase(component, p) && component.length() > p.length()
                            && isObjectName(component, p.length() + 1, MAX_NAME)) {
                        ok = true;
                    }
                }
                if (!ok || isReservedWord(component)) {
                    return false;
                }
                hasSet = true;
            }
            if (colon < 0) {
                break;
            }
            start = colon + 1;
        }
        return hasSet;
    }

    static boolean isAsSetName(String s) {
        return isSetName(s, "AS-");
    }

    // ------------------------------------------------------------------ contact data

    /** Person names: 2-10 words of letters, digits and .`'_-, first a letter, two starting with a letter. */
    static boolean isPersonName(String s) {
        int scan = scanNameWords(s, ".`'_-");
        int words = scan & 0xFF;
        return scan >= 0 && (scan & FIRST_WORD_IS_LETTER) != 0 && words >= 2 && words <= 10 && ((scan >>> 8) & 0xFF) >= 2;
    }

    /** role: and org-name: 1-30 words of 1-64 characters from letters, digits and ][._"*()@,&:!'`+/-. */
    static boolean isOrgName(String s) {
        int scan = scanNameWords(s, "][._\"*()@,&:!'`+/-");
        int words = scan & 0xFF;
        return scan >= 0 && words >= 1 && words <= 30;
    }

    private static final int MAX_NAME_WORDS = 30;
    private static final int FIRST_WORD_IS_LETTER = 1 << 16;

    /**
     * Splits a name on blanks into words of letters (Latin-1 included), digits and {@code punctuation},
     * each at most 64 characters. Returns -1 if a character is not allowed, a word is too long or there
     * are more than {@value #MAX_NAME_WORDS} words; else the number of words (bits 0-7), the number of
     * words starting with a letter (bits 8-15) and {@link #FIRST_WORD_IS_LETTER}.
     */
    private static int scanNameWords(String s, String punctuation) {
        int words = 0;
        int letterWords = 0;
        boolean firstIsLetter = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ') {
                char c = s.charAt(i);
                if (!isNameLetter(c) && !isDigit(c) && punctuation.indexOf(c) < 0) {
                    return -1;
                }
                i++;
            }
            if (i - start > 64 || words == MAX_NAME_WORDS) {
                return -1;
            }
            boolean letter = isNameLetter(s.charAt(start));
            if (words == 0) {
                firstIsLetter = letter;
            }
            if (letter) {
                letterWords++;
            }
            words++;
        }
        return words | letterWords << 8 | (firstIsLetter ? FIRST_WORD_IS_LETTER : 0);
    }

    /** Letters of Latin-1 as well as ASCII (names in legacy data are Latin-1). */
    private static boolean isNameLetter(char c) {
        return isLetter(c) || (c >= '\u00c0' && c <= '\u024f' && c != '\u00d7' && c != '\u00f7');
    }

    /** {@code +<digits>}, optional {@code (..)} group, optional {@code ext. n}; at most 30 characters. */
    static boolean isPhone(String s) {
        int n = s.length();
        if (n < 2 || n > 30 || s.charAt(0) != '+') {
            return false;
        }
        int ext = indexOfIgnoreCase(s, "ext.");
        int end = ext < 0 ? n : ext;
        boolean digit = false;
        int parens = 0;
        boolean hadGroup = false;
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digit = true;
            } else if (c == '(') {
                if (parens > 0 || hadGroup) {
                    return false;
                }
                parens++;
            } else if (c == ')') {
                if (parens == 0) {
                    return false;
                }
                parens--;
                hadGroup = true;
            } else if (c != ' ' && c != '.' && c != '-') {
                return false;
            }
        }
        if (!digit || parens != 0) {
            return false;
        }
        if (ext >= 0) {
            boolean extDigit = false;
            for (int i = ext + 4; i < n; i++) {
                char c = s.charAt(i);
                if (isDigit(c)) {
                    extDigit = true;
                } else if (c != ' ' && c != '.' && c != '-') {
                    return false;
                }
            }
            return extDigit;
        }
        return true;
    }

    static int indexOfIgnoreCase(String s, String needle) {
        int max = s.length() - needle.length();
        for (int i = 0; i <= max; i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One e-mail address: an RFC 5322 addr-spec ({@code local@domain}, dot-atom or quoted local part,
     * host name or address literal), optionally inside {@code Display Name <...>}; at most 320.
     */
    static boolean isEmail(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_EMAIL) {
            return false;
        }
        if (s.charAt(n - 1) == '>') {
            int lt = s.lastIndexOf('<');
            if (lt < 0 || !isDisplayName(s, 0, lt)) {
                return false;
            }
            return isAddrSpec(s, lt + 1, n - 1);
        }
        return isAddrSpec(s, 0, n);
    }

    private static boolean isDisplayName(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '>' || c == '@' || c < ' ') {
                return false;
            }
        }
        return true;
    }

    static boolean isAddrSpec(String s, int from, int to) {
        int at = s.lastIndexOf('@', to - 1);
        if (at < from || at == to - 1 || at - from > 64 || to - at - 1 > 255) {
            return false;
        }
        return isLocalPart(s, from, at) && isMailDomain(s, at + 1, to);
    }

    private static boolean isLocalPart(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        if (s.charAt(from) == '"') {
            if (to - from < 2 || s.charAt(to - 1) != '"') {
                return false;
            }
            for (int i = from + 1; i < to - 1; i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                    if (i >= to - 1) {
                        return false;
                    }
                } else if (c == '"' || c < ' ' || c == 127) {
                    return false;
                }
            }
            return true;
        }
        char prev = '.';
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (prev == '.') {
                    return false;
                }
            } else if (!isAtext(c)) {
                return false;
            }
            prev = c;
        }
        return prev != '.';
    }

    private static boolean isAtext(char c) {
        return isAlnum(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c > 127;
    }

    private static boolean isMailDomain(String s, int from, int to) {
        if (s.charAt(from) == '[') {
            if (s.charAt(to - 1) != ']') {
                return false;
            }
            String literal = s.substring(from + 1, to - 1);
            if (startsWithIgnoreCase(literal, "IPv6:")) {
                return IpRange.parseIpv6(literal.substring(5)) != null;
            }
            return IpRange.parseIpv4(literal, false) >= 0;
        }
        return isHostName(s, from, to, true);
    }

    /** RFC 1034 host name: labels of letters/digits/hyphens, not starting or ending with '-'. */
    static boolean isHostName(String s, int from, int to, boolean allowUnicode) {
        if (to - from < 1 || to - from > MAX_DOMAIN) {
            return false;
        }
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else {
                char c = s.charAt(i);
                if (!isAlnum(c) && c != '-' && c != '_' && !(allowUnicode && c > 127 && Character.isLetterOrDigit(c))) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isHostName(String s) {
        return isHostName(s, 0, s.length(), false);
    }

    static boolean isCountryCode(String s) {
        return s.length() == 2 && COUNTRIES.contains(s.toUpperCase(Locale.ROOT));
    }

    static boolean isLanguageCode(String s) {
        return s.length() == 2 && LANGUAGES.contains(s.toUpperCase(Locale.ROOT));
    }

    /** A URI with a scheme ({@code scheme:rest}, scheme a letter then letters/digits/+.-). */
    static boolean isUri(String s) {
        int colon = s.indexOf(':');
        if (colon < 1 || colon == s.length() - 1 || !isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '+' && c != '.' && c != '-') {
                return false;
            }
        }
        for (int i = colon + 1; i < s.length(); i++) {
            if (s.charAt(i) <= ' ') {
                return false;
            }
        }
        return true;
    }

    /** {@code https://host[:port][/path]}. */
    static boolean isHttpsUrl(String s) {
        if (!startsWithIgnoreCase(s, "https://") || !isUri(s)) {
            return false;
        }
        int hostEnd = 8;
        while (hostEnd < s.length() && s.charAt(hostEnd) != '/' && s.charAt(hostEnd) != ':' && s.charAt(hostEnd) != '?') {
            hostEnd++;
        }
        return hostEnd > 8 && isHostName(s, 8, hostEnd, true);
    }

    /** {@code <lat> <lon>} in decimal degrees, within -90..90 and -180..180. */
    static boolean isGeoloc(String s) {
        int space = s.indexOf(' ');
        if (space < 0 || s.indexOf(' ', space + 1) >= 0) {
            return false;
        }
        double lat = decimal(s.substring(0, space));
        double lon = decimal(s.substring(space + 1));
        return !Double.isNaN(lat) && !Double.isNaN(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
    }

    private static double decimal(String s) {
        int n = s.length();
        int i = (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (isDigit(c)) {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (!digits || n > 20) {
            return Double.NaN;
        }
        return Double.parseDouble(s);
    }

    /** {@code YYYY-MM-DDThh:mm:ssZ} naming a real instant. */
    static boolean isTimestamp(String s) {
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return false;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 7);
        int day = number(s, 8, 10);
        int hour = number(s, 11, 13);
        int minute = number(s, 14, 16);
        int second = number(s, 17, 19);
        return year >= 1970 && validDate(year, month, day) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59
                && second >= 0 && second <= 60;
    }

    /** {@code YYYYMMDD} (the date of legacy {@code changed:} lines). */
    static boolean isCompactDate(String s) {
        return s.length() == 8 && validDate(number(s, 0, 4), number(s, 4, 6), number(s, 6, 8));
    }

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private static boolean validDate(int year, int month, int day) {
        if (year < 1900 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int max = month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
        return day <= max;
    }

    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    // ------------------------------------------------------------------ credentials

    /** Checks an {@code auth:} value; returns null if fine, else what is wrong. */
    static String checkAuth(String s) {
        if (isPgpKeyId(s) || isX509Id(s)) {
            return null;
        }
        int space = s.indexOf(' ');
        String scheme = space < 0 ? s : s.substring(0, space);
        String rest = space < 0 ? "" : s.substring(space + 1).trim();
        switch (scheme.toUpperCase(Locale.ROOT)) {
            case "MD5-PW":
                return isMd5Crypt(rest) ? null : "MD5-PW needs a hash of the form $1$<salt>$<22 characters>";
            case "BCRYPT-PW":
                return isBcrypt(rest) ? null : "BCRYPT-PW needs a hash of the form $2b$<cost>$<53 characters>";
            case "SSO":
                return !rest.isEmpty() && rest.indexOf(' ') < 0 ? null : "SSO needs one account identifier";
            case "CRYPT-PW":
            case "MAIL-FROM":
            case "NONE":
                return scheme.toUpperCase(Locale.ROOT) + " is no longer supported; use BCRYPT-PW, PGPKEY-<id>, X509-<n> or SSO";
            default:
                if (startsWithIgnoreCase(s, "PGPKEY-")) {
                    return "PGPKEY- must be followed by exactly 8 hexadecimal digits";
                }
                return "unknown authentication scheme (expected MD5-PW, BCRYPT-PW, PGPKEY-<id>, X509-<n> or SSO)";
        }
    }

    private static boolean isCryptChar(char c) {
        return isAlnum(c) || c == '.' || c == '/';
    }

    static boolean isMd5Crypt(String s) {
        if (!s.startsWith("$1$")) {
            return false;
        }
        int dollar = s.indexOf('$', 3);
        if (dollar < 4 || dollar > 11 || s.length() - dollar - 1 != 22) {
            return false;
        }
        for (int i = 3; i < s.length(); i++) {
            if (i != dollar && !isCryptChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isBcrypt(String s) {
        if (s.length() != 60 || s.charAt(0) != '$' || s.charAt(1) != '2' || s.charAt(3) != '$' || s.charAt(6) != '$') {
            return false;
        }
        char v = s.charAt(2);
        int cost = number(s, 4, 6);
        if ((v != 'a' && v != 'b' && v != 'y') || cost < 4 || cost > 31) {
            return false;
        }
        for (int i = 7; i < 60; i++) {
            if (!isCryptChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ DNS

    /** Checks a {@code ds-rdata:} value; null if fine. */
    static String checkDsRdata(String s) {
        String[] parts = s.replace('(', ' ').replace(')', ' ').trim().split(" +");
        if (parts.length < 4) {
            return "expected <keytag> <algorithm> <digest-type> <digest>";
        }
        if (smallInt(parts[0], 65535) < 0) {
            return "key tag must be 0..65535";
        }
        if (smallInt(parts[1], 255) < 0) {
            return "algorithm must be 0..255";
        }
        int type = smallInt(parts[2], 255);
        if (type < 0) {
            return "digest type must be 0..255";
        }
        int hex = 0;
        for (int i = 3; i < parts.length; i++) {
            if (!allHex(parts[i], 0, parts[i].length())) {
                return "digest must be hexadecimal";
            }
            hex += parts[i].length();
        }
        int expected = switch (type) {
            case 1 -> 40;
            case 2, 3 -> 64;
            case 4 -> 96;
            default -> -1;
        };
        if (expected > 0 && hex != expected) {
            return "a digest of type " + type + " has " + expected + " hex digits, not " + hex;
        }
        return null;
    }

    // ------------------------------------------------------------------ routing policy

    /** Balanced (), {} and <> (AS-path regular expressions), ignoring nothing else. */
    static boolean isBalanced(String s) {
        int round = 0;
        int curly = 0;
        int angle = 0;
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '(' -> round++;
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '<' -> angle++;
                case '>' -> angle--;
                default -> { }
            }
            if (round < 0 || curly < 0 || angle < 0) {
                return false;
            }
        }
        return round == 0 && curly == 0 && angle == 0;
    }

    /** True if {@code word} occurs in {@code s} as a whole word (case-insensitive). */
    static boolean hasWord(String s, String word) {
        int from = 0;
        int w = word.length();
        while (true) {
            int i = indexOfIgnoreCase(s, word, from);
            if (i < 0) {
                return false;
            }
            boolean startOk = i == 0 || !isWordChar(s.charAt(i - 1));
            boolean endOk = i + w == s.length() || !isWordChar(s.charAt(i + w));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean isWordChar(char c) {
        return isAlnum(c) || c == '-' || c == '_' || c == ':';
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        int max = s.length() - needle.length();
        for (int i = from; i <= max; i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Structural check of a routing policy: balanced brackets, and for each clause keyword the
     * keyword that must follow it ({@code from ... accept}, {@code to ... announce}).
     */
    static String checkPolicy(String s, String peerWord, String filterWord) {
        if (!isBalanced(s)) {
            return "unbalanced brackets";
        }
        if (!hasWord(s, peerWord)) {
            return "expected '" + peerWord + " <peering>'";
        }
        if (filterWord != null && !hasWord(s, filterWord)) {
            return "expected '" + filterWord + " <filter>'";
        }
        return null;
    }
}
