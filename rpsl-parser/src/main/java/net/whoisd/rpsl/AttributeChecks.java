package net.whoisd.rpsl;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value syntax of every attribute of the thirteen templates: a check (null if the clean value is
 * well-formed, else what is wrong) and a normaliser (the canonical form; the same instance if the value
 * is already canonical, so that clean dumps allocate nothing).
 */
final class AttributeChecks {

    /** Checks a clean value; returns null if it is well-formed, else a message. */
    @FunctionalInterface
    interface ValueCheck {
        String check(String value);
    }

    static final ValueCheck FREE_TEXT = v -> null;

    private static final Set<String> INETNUM_STATUS = Set.of("ALLOCATED UNSPECIFIED", "ALLOCATED PA", "ALLOCATED-ASSIGNED PA",
            "LIR-PARTITIONED PA", "SUB-ALLOCATED PA", "AGGREGATED-BY-LIR", "ASSIGNED PA", "ASSIGNED PI", "ASSIGNED ANYCAST", "LEGACY");
    private static final Set<String> INET6NUM_STATUS = Set.of("ALLOCATED-BY-RIR", "ALLOCATED-BY-LIR", "AGGREGATED-BY-LIR",
            "ASSIGNED", "ASSIGNED PI", "ASSIGNED ANYCAST");
    private static final Set<String> AUT_NUM_STATUS = Set.of("ASSIGNED", "LEGACY", "OTHER");
    private static final Set<String> ORG_TYPES = Set.of("IANA", "RIR", "NIR", "LIR", "DIRECT_ASSIGNMENT", "OTHER");

    /** Every attribute name RPSL (RFC 2622/4012) and RIPE know, including classes this server does not hold. */
    private static final Set<String> OTHER_KNOWN = Set.of("changed", "alias", "local-as", "ifaddr", "interface", "peer",
            "mp-peer", "filter", "mp-filter", "peering", "mp-peering", "mp-members", "rtr-set", "route-set", "filter-set",
            "peering-set", "inet-rtr", "as-block", "poem", "poetic-form", "form", "text", "author", "refer", "referral-by",
            "rev-srv", "sub-dom", "dom-net", "cross-mnt", "cross-nfy", "auth-override", "bis", "mp-default");

    private static final Map<String, ValueCheck> BY_NAME = new HashMap<>();

    static {
        ValueCheck nicRef = v -> Syntax.isNicHandle(v) || Syntax.isAutoKey(v) ? null : "not a NIC handle";
        ValueCheck orgRef = v -> Syntax.isOrganisationId(v) || Syntax.isAutoKey(v) ? null : "not an organisation id (ORG-<letters><n>-<source>)";
        ValueCheck email = v -> Syntax.isEmail(v) ? null : "not a valid e-mail address";
        ValueCheck mntList = list(v -> Syntax.isMntnerName(v) ? null : "not a maintainer name");
        ValueCheck timestamp = v -> Syntax.isTimestamp(v) ? null : "expected YYYY-MM-DDThh:mm:ssZ";
        ValueCheck phone = v -> Syntax.isPhone(v) ? null : "expected +<country code> <number> [ext. <n>], at most 30 characters";
        ValueCheck https = v -> Syntax.isHttpsUrl(v) ? null : "expected an https:// URL";
        ValueCheck asn = v -> Syntax.isAsNumber(v) ? null : "expected AS<0..4294967295>";
        ValueCheck keyCertRef = v -> Syntax.isKeyCertName(v) ? null : "expected PGPKEY-<8 hex digits> or X509-<n>";
        ValueCheck balanced = v -> Syntax.isBalanced(v) ? null : "unbalanced brackets";

        for (String name : new String[] {"descr", "remarks", "address", "reg-nr", "owner", "fingerpr", "certif"}) {
            BY_NAME.put(name, FREE_TEXT);
        }
        for (String name : new String[] {"admin-c", "tech-c", "zone-c", "abuse-c", "ping-hdl", "nic-hdl"}) {
            BY_NAME.put(name, nicRef);
        }
        for (String name : new String[] {"notify", "upd-to", "mnt-nfy", "e-mail", "abuse-mailbox", "ref-nfy", "irt-nfy"}) {
            BY_NAME.put(name, email);
        }
        for (String name : new String[] {"mnt-by", "mnt-lower", "mnt-domains", "mnt-ref"}) {
            BY_NAME.put(name, mntList);
        }
        for (String name : new String[] {"import", "mp-import", "import-via"}) {
            BY_NAME.put(name, v -> Syntax.checkPolicy(v, "from", "accept"));
        }
        for (String name : new String[] {"export", "mp-export", "export-via"}) {
            BY_NAME.put(name, v -> Syntax.checkPolicy(v, "to", "announce"));
        }
        for (String name : new String[] {"default", "mp-default"}) {
            BY_NAME.put(name, v -> Syntax.checkPolicy(v, "to", null));
        }
        for (String name : new String[] {"inject", "aggr-bndry", "export-comps", "components"}) {
            BY_NAME.put(name, balanced);
        }
        BY_NAME.put("org", orgRef);
        BY_NAME.put("sponsoring-org", orgRef);
        BY_NAME.put("organisation", orgRef);
        BY_NAME.put("created", timestamp);
        BY_NAME.put("last-modified", timestamp);
        BY_NAME.put("phone", phone);
        BY_NAME.put("fax-no", phone);
        BY_NAME.put("geofeed", https);
        BY_NAME.put("prefixlen", https);
        BY_NAME.put("aut-num", asn);
        BY_NAME.put("origin", asn);
        BY_NAME.put("signature", keyCertRef);
        BY_NAME.put("encryption", keyCertRef);
        BY_NAME.put("inetnum", v -> isCanonicalIpv4Range(v) || IpRange.parse(v).filter(IpRange::isIpv4).isPresent() && v.indexOf(':') < 0
                ? null : "expected an IPv4 range <a.b.c.d> - <e.f.g.h> or a prefix");
        BY_NAME.put("inet6num", v -> v.indexOf('-') < 0 && v.indexOf(':') >= 0 && IpRange.parse(v).isPresent()
                ? null : "expected an IPv6 prefix <address>/<length>");
        BY_NAME.put("route", AttributeChecks::checkRoute);
        BY_NAME.put("route6", AttributeChecks::checkRoute6);
        BY_NAME.put("domain", AttributeChecks::checkDomain);
        BY_NAME.put("nserver", AttributeChecks::checkNserver);
        BY_NAME.put("ds-rdata", Syntax::checkDsRdata);
        BY_NAME.put("netname", v -> Syntax.isNetname(v) ? null : "expected a letter, then letters, digits, '_' or '-', up to 80 characters");
        BY_NAME.put("mntner", v -> Syntax.isMntnerName(v) ? null : "not a valid maintainer name");
        BY_NAME.put("as-name", v -> Syntax.isObjectName(v, 1, Syntax.MAX_NAME) && !Syntax.isReservedWord(v) ? null : "not a valid AS name");
        BY_NAME.put("country", v -> Syntax.isCountryCode(v) ? null : "not an ISO 3166 country code");
        BY_NAME.put("language", v -> Syntax.isLanguageCode(v) ? null : "not an ISO 639-1 language code");
        BY_NAME.put("geoloc", v -> Syntax.isGeoloc(v) ? null : "expected <latitude> <longitude> in decimal degrees");
        BY_NAME.put("assignment-size", v -> Syntax.smallInt(v, 128) >= 1 ? null : "expected a prefix length 1..128");
        BY_NAME.put("mnt-routes", AttributeChecks::checkMntRoutes);
        BY_NAME.put("mnt-irt", list(v -> Syntax.isIrtName(v) ? null : "not an irt name (IRT-...)"));
        BY_NAME.put("source", v -> Syntax.isSourceName(v) ? null : "not a valid source name");
        BY_NAME.put("auth", Syntax::checkAuth);
        BY_NAME.put("role", v -> Syntax.isOrgName(v) ? null : "expected 1 to 30 words of letters, digits and ][._\"*()@,&:!'`+/-");
        BY_NAME.put("org-name", v -> Syntax.isOrgName(v) ? null : "expected 1 to 30 words of letters, digits and ][._\"*()@,&:!'`+/-");
        BY_NAME.put("person", v -> Syntax.isPersonName(v) ? null : "expected 2 to 10 words, the first starting with a letter");
        BY_NAME.put("contact", v -> Syntax.isUri(v) ? null : "expected a URI with a scheme (e.g. https:, mailto:, tel:)");
        BY_NAME.put("org-type", v -> ORG_TYPES.contains(v.toUpperCase(Locale.ROOT)) ? null : "expected one of " + String.join(", ", ORG_TYPES));
        BY_NAME.put("irt", v -> Syntax.isIrtName(v) ? null : "expected IRT-<name>");
        BY_NAME.put("key-cert", v -> Syntax.isKeyCertName(v) || Syntax.isAutoKey(v) ? null : "expected PGPKEY-<8 hex digits>, X509-<n> or AUTO-<n>");
        BY_NAME.put("method", v -> v.equalsIgnoreCase("PGP") || v.equalsIgnoreCase("X509") ? null : "expected PGP or X509");
        BY_NAME.put("as-set", v -> Syntax.isAsSetName(v) ? null : "expected AS-<name> or AS<n>:AS-<name>, up to 80 characters");
        BY_NAME.put("members", list(v -> Syntax.isAsNumber(v) || Syntax.isAsSetName(v) ? null : "not an AS number or as-set name"));
        BY_NAME.put("mbrs-by-ref", AttributeChecks::checkMbrsByRef);
        BY_NAME.put("pingable", v -> IpRange.parse(v).filter(r -> r.isSingleAddress() && v.indexOf('/') < 0).isPresent() ? null : "expected an IP address");
        BY_NAME.put("holes", list(v -> IpRange.parseStrictPrefix(v).isPresent() ? null : "not a prefix"));
        BY_NAME.put("aggr-mtd", AttributeChecks::checkAggrMtd);
    }

    private AttributeChecks() {
    }

    /** The check of an attribute in a class; free text if the name has no rule. */
    static ValueCheck forAttribute(ObjectType type, String name) {
        switch (name) {
            case "status":
                Set<String> allowed = type == ObjectType.INETNUM ? INETNUM_STATUS
                        : type == ObjectType.INET6NUM ? INET6NUM_STATUS : AUT_NUM_STATUS;
                return v -> allowed.contains(upper(v)) ? null
                        : "not a valid status for " + type.attributeName() + " (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")";
            case "member-of":
                boolean routeSets = type == ObjectType.ROUTE || type == ObjectType.ROUTE6;
                return list(v -> (routeSets ? Syntax.isSetName(v, "RS-", "AS-") : Syntax.isAsSetName(v)) ? null : "not a set name");
            default:
                return BY_NAME.getOrDefault(name, FREE_TEXT);
        }
    }

    /** True if RPSL knows the attribute name at all (in some class). */
    static boolean isKnown(String name) {
        return BY_NAME.containsKey(name) || OTHER_KNOWN.contains(name) || name.equals("status") || name.equals("member-of");
    }

    /** Applies the check to each element of a comma-separated list (a trailing comma is allowed). */
    static ValueCheck list(ValueCheck element) {
        return v -> {
            if (v.indexOf(',') < 0) {
                return v.isEmpty() ? "empty value" : element.check(v);
            }
            int start = 0;
            int n = v.length();
            int count = 0;
            while (start <= n) {
                int comma = v.indexOf(',', start);
                int end = comma < 0 ? n : comma;
                String part = v.substring(start, end).trim();
                if (part.isEmpty()) {
                    if (comma >= 0 || count == 0) {
                        return "empty list element";
                    }
                } else {
                    String msg = element.check(part);
                    if (msg != null) {
                        return "\"" + part + "\": " + msg;
                    }
                    count++;
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
            return null;
        };
    }

    private static String checkRoute(String v) {
        if (isCanonicalIpv4Route(v)) {
            return null;
        }
        if (v.indexOf(':') >= 0 || v.indexOf('/') < 0 || countDots(v.substring(0, v.indexOf('/'))) != 3) {
            return "expected an IPv4 prefix <a.b.c.d>/<length>";
        }
        if (IpRange.parse(v).isEmpty()) {
            return "expected an IPv4 prefix <a.b.c.d>/<length>";
        }
        return IpRange.parseStrictPrefix(v).isPresent() ? null : "host bits are set beyond the prefix length";
    }

    private static String checkRoute6(String v) {
        if (v.indexOf(':') < 0 || v.indexOf('/') < 0 || v.indexOf('-') >= 0 || IpRange.parse(v).isEmpty()) {
            return "expected an IPv6 prefix <address>/<length>";
        }
        return IpRange.parseStrictPrefix(v).isPresent() ? null : "host bits are set beyond the prefix length";
    }

    private static int countDots(String s) {
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                dots++;
            }
        }
        return dots;
    }

    static String checkDomain(String v) {
        String d = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        if (d.length() > Syntax.MAX_DOMAIN || !Syntax.isHostName(d)) {
            return "not a valid domain name";
        }
        if (ReverseDomain.isReverse(d)) {
            return ReverseDomain.toRange(d).isPresent() ? null : "not a valid reverse domain (in-addr.arpa octets or ip6.arpa nibbles)";
        }
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".e164.arpa")) {
            for (int i = 0; i < lower.length() - 10; i++) {
                char c = lower.charAt(i);
                if (c != '.' && !Syntax.isDigit(c)) {
                    return "ENUM domains hold digits only";
                }
            }
        }
        return null;
    }

    private static String checkNserver(String v) {
        int space = v.indexOf(' ');
        String host = space < 0 ? v : v.substring(0, space);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!Syntax.isHostName(host)) {
            return "not a valid host name";
        }
        if (space >= 0) {
            String glue = v.substring(space + 1);
            Optional<IpRange> ip = IpRange.parse(glue);
            if (glue.indexOf(' ') >= 0 || glue.indexOf('/') >= 0 || ip.isEmpty() || !ip.get().isSingleAddress()) {
                return "expected <host-name> [<glue IP address>]";
            }
        }
        return null;
    }

    private static String checkMntRoutes(String v) {
        int space = v.indexOf(' ');
        String mntner = space < 0 ? v : v.substring(0, space);
        if (!Syntax.isMntnerName(mntner)) {
            // legacy comma lists of maintainers
            return list(m -> Syntax.isMntnerName(m) ? null : "not a maintainer name").check(v);
        }
        if (space < 0) {
            return null;
        }
        String rest = v.substring(space + 1).trim();
        if (rest.equalsIgnoreCase("ANY")) {
            return null;
        }
        if (!rest.startsWith("{") || !rest.endsWith("}")) {
            return "expected <mntner> [ { <prefix-range>, ... } | ANY ]";
        }
        String inner = rest.substring(1, rest.length() - 1).trim();
        return list(AttributeChecks::checkPrefixRange).check(inner);
    }

    /** A prefix with an optional range operator: {@code ^-}, {@code ^+}, {@code ^n}, {@code ^n-m}. */
    static String checkPrefixRange(String v) {
        int caret = v.indexOf('^');
        String prefix = caret < 0 ? v : v.substring(0, caret);
        Optional<IpRange> range = IpRange.parseStrictPrefix(prefix);
        if (range.isEmpty()) {
            return "not a prefix";
        }
        if (caret < 0) {
            return null;
        }
        String op = v.substring(caret + 1);
        if (op.equals("-") || op.equals("+")) {
            return null;
        }
        int max = range.get().isIpv4() ? 32 : 128;
        int len = range.get().prefixLength();
        int dash = op.indexOf('-');
        int n = Syntax.smallInt(dash < 0 ? op : op.substring(0, dash), max);
        int m = dash < 0 ? n : Syntax.smallInt(op.substring(dash + 1), max);
        if (n < len || m < n) {
            return "bad range operator ^" + op;
        }
        return null;
    }

    private static String checkMbrsByRef(String v) {
        if (v.equalsIgnoreCase("ANY")) {
            return null;
        }
        return list(m -> Syntax.isMntnerName(m) ? null : "not a maintainer name (ANY only on its own)").check(v);
    }

    private static String checkAggrMtd(String v) {
        if (v.equalsIgnoreCase("inbound")) {
            return null;
        }
        if (Syntax.startsWithIgnoreCase(v, "outbound") && (v.length() == 8 || v.charAt(8) == ' ')) {
            return Syntax.isBalanced(v) ? null : "unbalanced brackets";
        }
        return "expected inbound or outbound [<as-expression>]";
    }

    // ------------------------------------------------------------------ normalisation

    /** The attributes {@link #normalise} may change; every other value is its own canonical form. */
    private static final Set<String> NORMALISED = Set.of("inetnum", "route", "inet6num", "route6", "domain", "nserver",
            "aut-num", "origin", "source", "status", "org-type", "as-set");

    static boolean hasCanonicalForm(String name) {
        return NORMALISED.contains(name);
    }

    /** The canonical form of a well-formed clean value; the same instance if nothing changes. */
    static String normalise(ObjectType type, String name, String v) {
        switch (name) {
            case "inetnum":
                return isCanonicalIpv4Range(v) ? v : same(v, IpRange.parse(v).map(IpRange::toString).orElse(v));
            case "route":
                return isCanonicalIpv4Prefix(v) ? v : same(v, IpRange.parse(v).map(IpRange::toPrefixString).orElse(v));
            case "inet6num":
            case "route6":
                return same(v, IpRange.parse(v).map(IpRange::toPrefixString).orElse(v));
            case "domain":
                return same(v, stripDot(v.toLowerCase(Locale.ROOT)));
            case "nserver":
                return same(v, normaliseNserver(v));
            case "aut-num":
            case "origin": {
                String n = Syntax.normaliseAsNumber(v);
                return n == null ? v : n;
            }
            case "source":
            case "status":
            case "org-type":
                return upper(v);
            case "as-set":
                return same(v, normaliseSetName(v));
            default:
                return v;
        }
    }

    /** {@code a.b.c.d - e.f.g.h} exactly as RIPE writes it (no leading zeros, start <= end). */
    static boolean isCanonicalIpv4Range(String v) {
        int dash = v.indexOf(" - ");
        if (dash < 7) {
            return false;
        }
        long start = canonicalQuad(v, 0, dash);
        long end = canonicalQuad(v, dash + 3, v.length());
        return start >= 0 && end >= start;
    }

    /** {@code a.b.c.d/n} with canonical octets and length (host bits are the check's business). */
    static boolean isCanonicalIpv4Prefix(String v) {
        return canonicalIpv4PrefixLength(v) >= 0;
    }

    /** The length of a canonical {@code a.b.c.d/n} (see {@link #isCanonicalIpv4Prefix}), or -1. */
    private static int canonicalIpv4PrefixLength(String v) {
        int slash = v.indexOf('/');
        if (slash < 7 || canonicalQuad(v, 0, slash) < 0) {
            return -1;
        }
        int n = v.length() - slash - 1;
        if (n < 1 || n > 2 || (n == 2 && v.charAt(slash + 1) == '0')) {
            return -1;
        }
        int length = 0;
        for (int i = slash + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!Syntax.isDigit(c)) {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length <= 32 ? length : -1;
    }

    /** A canonical IPv4 prefix without host bits: the common, valid {@code route:}, checked without parsing twice. */
    private static boolean isCanonicalIpv4Route(String v) {
        int length = canonicalIpv4PrefixLength(v);
        if (length < 0) {
            return false;
        }
        long address = canonicalQuad(v, 0, v.indexOf('/'));
        long hostMask = length == 32 ? 0 : 0xFFFFFFFFL >>> length;
        return (address & hostMask) == 0;
    }

    /** The address of a canonical dotted quad in {@code v[from, to)}, or -1. */
    private static long canonicalQuad(String v, int from, int to) {
        long result = 0;
        int octets = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int value = 0;
            while (i < to && Syntax.isDigit(v.charAt(i))) {
                value = value * 10 + (v.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || value > 255 || (len > 1 && v.charAt(start) == '0')) {
                return -1;
            }
            result = (result << 8) | value;
            octets++;
            if (i < to) {
                if (v.charAt(i) != '.' || octets == 4) {
                    return -1;
                }
                i++;
                if (i == to) {
                    return -1;
                }
            }
        }
        return octets == 4 ? result : -1;
    }

    private static String same(String original, String normalised) {
        return original.equals(normalised) ? original : normalised;
    }

    static String upper(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return v.toUpperCase(Locale.ROOT);
            }
        }
        return v;
    }

    /** True if no ':'-separated component of a set name is an AS number in other than canonical form. */
    private static boolean isCanonicalSetName(String v) {
        int start = 0;
        while (true) {
            int colon = v.indexOf(':', start);
            int end = colon < 0 ? v.length() : colon;
            if (end - start >= 3 && (v.charAt(start) == 'A' || v.charAt(start) == 'a') && (v.charAt(start + 1) == 'S' || v.charAt(start + 1) == 's')
                    && Syntax.allDigits(v, start + 2, end)) {
                boolean canonical = v.charAt(start) == 'A' && v.charAt(start + 1) == 'S' && (v.charAt(start + 2) != '0' || end - start == 3);
                if (!canonical) {
                    return false;
                }
            }
            if (colon < 0) {
                return true;
            }
            start = colon + 1;
        }
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String normaliseNserver(String v) {
        if (v.indexOf(' ') < 0 && !v.endsWith(".") && v.toLowerCase(Locale.ROOT) == v) {
            return v;
        }
        int space = v.indexOf(' ');
        String host = stripDot((space < 0 ? v : v.substring(0, space)).toLowerCase(Locale.ROOT));
        if (space < 0) {
            return host;
        }
        String glue = v.substring(space + 1);
        return host + " " + IpRange.parse(glue).map(IpRange::startAddress).orElse(glue);
    }

    private static String normaliseSetName(String v) {
        if (isCanonicalSetName(v)) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (String component : v.split(":", -1)) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            String asn = Syntax.normaliseAsNumber(component);
            sb.append(asn != null ? asn : component);
        }
        return sb.toString();
    }
}
