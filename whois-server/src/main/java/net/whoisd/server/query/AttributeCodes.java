package net.whoisd.server.query;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RIPE's two-letter attribute codes: what {@code -F} prints ({@code *mb:}) and what {@code -i}
 * accepts in place of a full name. Also the list of attribute names a query may name at all.
 */
public final class AttributeCodes {
    private static final String[][] CODES = {
        {"abuse-c", "au"}, {"abuse-mailbox", "am"}, {"address", "ad"}, {"admin-c", "ac"},
        {"aggr-bndry", "ab"}, {"aggr-mtd", "ag"}, {"alias", "az"}, {"assignment-size", "ae"},
        {"as-block", "ak"}, {"as-name", "aa"}, {"as-set", "as"}, {"auth", "at"}, {"author", "ah"},
        {"aut-num", "an"}, {"certif", "ce"}, {"changed", "ch"}, {"components", "co"}, {"country", "cy"},
        {"created", "cr"}, {"default", "df"}, {"descr", "de"}, {"domain", "dn"}, {"ds-rdata", "ds"},
        {"encryption", "en"}, {"export", "ex"}, {"export-comps", "ec"}, {"e-mail", "em"}, {"fax-no", "fx"},
        {"filter", "fi"}, {"filter-set", "fs"}, {"fingerpr", "fp"}, {"form", "fr"}, {"geoloc", "gl"},
        {"holes", "ho"}, {"ifaddr", "if"}, {"import", "ip"}, {"inet6num", "i6"}, {"inetnum", "in"},
        {"inet-rtr", "ir"}, {"inject", "ij"}, {"interface", "ie"}, {"irt", "it"}, {"irt-nfy", "iy"},
        {"key-cert", "kc"}, {"language", "ln"}, {"last-modified", "lm"}, {"local-as", "la"},
        {"mbrs-by-ref", "mr"}, {"members", "ms"}, {"member-of", "mo"}, {"method", "mh"}, {"mntner", "mt"},
        {"mnt-by", "mb"}, {"mnt-domains", "md"}, {"mnt-irt", "mi"}, {"mnt-lower", "ml"}, {"mnt-nfy", "mn"},
        {"mnt-ref", "mz"}, {"mnt-routes", "mu"}, {"mp-default", "ma"}, {"mp-export", "me"},
        {"mp-filter", "mf"}, {"mp-import", "my"}, {"mp-members", "mm"}, {"mp-peer", "mp"},
        {"mp-peering", "mg"}, {"netname", "na"}, {"nic-hdl", "nh"}, {"notify", "ny"}, {"nserver", "ns"},
        {"org", "og"}, {"org-name", "on"}, {"org-type", "ot"}, {"organisation", "oa"}, {"origin", "or"},
        {"owner", "ow"}, {"peer", "pe"}, {"peering", "pg"}, {"peering-set", "ps"}, {"person", "pn"},
        {"phone", "ph"}, {"ping-hdl", "pc"}, {"pingable", "pa"}, {"poem", "po"}, {"poetic-form", "pf"},
        {"referral-by", "rb"}, {"ref-nfy", "rn"}, {"remarks", "rm"}, {"role", "ro"}, {"route", "rt"},
        {"route6", "r6"}, {"route-set", "rs"}, {"rtr-set", "is"}, {"signature", "sg"}, {"source", "so"},
        {"sponsoring-org", "sp"}, {"status", "st"}, {"tech-c", "tc"}, {"text", "tx"}, {"upd-to", "dt"},
        {"zone-c", "zc"},
    };
    private static final Map<String, String> CODE_BY_NAME = new HashMap<>();
    private static final Map<String, String> NAME_BY_ANY = new HashMap<>();

    static {
        for (String[] pair : CODES) {
            CODE_BY_NAME.put(pair[0], pair[1]);
            NAME_BY_ANY.put(pair[0], pair[0]);
            NAME_BY_ANY.put(pair[1], pair[0]);
        }
    }

    private AttributeCodes() {
    }

    /** The two-letter code of an attribute; an unlisted name gets its first two letters. */
    public static String code(String attributeName) {
        String code = CODE_BY_NAME.get(attributeName);
        if (code != null) {
            return code;
        }
        return attributeName.length() >= 2 ? attributeName.substring(0, 2) : attributeName;
    }

    /** The attribute a query names, in full ({@code mnt-by}), short ({@code mb}) or starred ({@code *mb}). */
    public static Optional<String> attribute(String given) {
        String s = given.toLowerCase(Locale.ROOT);
        if (s.length() == 3 && s.charAt(0) == '*') {
            s = s.substring(1);
        }
        return Optional.ofNullable(NAME_BY_ANY.get(s));
    }
}
