package net.whoisd.rpsl;

import java.util.EnumMap;
import java.util.Map;

/**
 * The thirteen templates as the RIPE Database defines them (docs/parser.md, "Templates"), one
 * line per attribute: {@code name requirement cardinality keys} where requirement is M(andatory),
 * O(ptional), C(onditional) or G(enerated), cardinality S(ingle) or M(ultiple), and keys a
 * combination of P(rimary), L(ookup), I(nverse) or {@code -}.
 */
final class TemplateData {
    private TemplateData() {
    }

    private static final String TRAILER = """
            created G S -
            last-modified G S -
            source M S -
            """;

    /** inetnum and inet6num share every attribute after the primary key; only the order of two differs. */
    private static final String RESOURCE_BODY = """
            netname M S L
            descr O M -
            country M M -
            geofeed O S -
            geoloc O S -
            prefixlen O S -
            language O M -
            org C S I
            sponsoring-org C S I
            admin-c M M I
            tech-c M M I
            abuse-c O S I
            status M S -
            assignment-size O S -
            remarks O M -
            notify O M I
            mnt-by M M I
            mnt-lower C M I
            """;

    private static final String RESOURCE_V4 = "inetnum M S PL\n" + RESOURCE_BODY + """
            mnt-domains O M I
            mnt-routes O M I
            mnt-irt O M I
            """;

    private static final String RESOURCE_V6 = "inet6num M S PL\n" + RESOURCE_BODY + """
            mnt-routes O M I
            mnt-domains O M I
            mnt-irt O M I
            """;

    private static final String DOMAIN = """
            domain M S PL
            descr O M -
            org O M I
            admin-c M M I
            tech-c M M I
            zone-c M M I
            nserver M M I
            ds-rdata O M I
            remarks O M -
            notify O M I
            mnt-by M M I
            """;

    private static final String MNTNER = """
            mntner M S PL
            descr O M -
            org O M I
            admin-c M M I
            tech-c O M I
            upd-to M M I
            mnt-nfy O M I
            auth M M I
            remarks O M -
            notify O M I
            mnt-by M M I
            mnt-ref O M I
            """;

    private static final String ROLE = """
            role M S L
            address O M -
            phone O M -
            fax-no O M -
            e-mail M M L
            contact O M -
            org O M I
            admin-c O M I
            tech-c O M I
            nic-hdl M S PL
            remarks O M -
            notify O M I
            abuse-mailbox C S I
            mnt-by M M I
            mnt-ref O M I
            """;

    private static final String PERSON = """
            person M S L
            address O M -
            phone O M -
            fax-no O M -
            e-mail M M L
            contact O M -
            org O M I
            nic-hdl M S PL
            remarks O M -
            notify O M I
            mnt-by M M I
            mnt-ref O M I
            """;

    private static final String ORGANISATION = """
            organisation M S PL
            org-name M S L
            org-type M S -
            descr O M -
            remarks O M -
            address M M -
            country O S -
            phone C M -
            fax-no C M -
            e-mail M M L
            contact O M -
            geoloc O S -
            language O M -
            reg-nr C S -
            org O M I
            admin-c O M I
            tech-c O M I
            abuse-c C S I
            ref-nfy O M I
            mnt-ref M M I
            notify O M I
            mnt-by M M I
            """;

    private static final String IRT = """
            irt M S PL
            address M M -
            phone O M -
            fax-no O M -
            e-mail M M L
            signature O M -
            contact O M -
            encryption O M -
            org O M I
            admin-c M M I
            tech-c M M I
            auth M M I
            remarks O M -
            irt-nfy O M I
            notify O M I
            mnt-by M M I
            mnt-ref O M I
            """;

    private static final String KEY_CERT = """
            key-cert M S PL
            method G S -
            owner G M -
            fingerpr G S I
            certif M M -
            org O M I
            remarks O M -
            notify O M I
            admin-c O M I
            tech-c O M I
            mnt-by M M I
            """;

    private static final String AUT_NUM = """
            aut-num M S PL
            as-name M S -
            descr O M -
            member-of O M I
            import-via O M -
            import O M -
            mp-import O M -
            export-via O M -
            export O M -
            mp-export O M -
            default O M -
            mp-default O M -
            remarks O M -
            org C S I
            sponsoring-org C S I
            admin-c M M I
            tech-c M M I
            abuse-c O S I
            status G S -
            notify O M I
            mnt-by M M I
            """;

    private static final String ROUTE_BODY = """
            descr O M -
            origin M S PI
            pingable O M -
            ping-hdl O M I
            holes O M -
            org O M I
            member-of O M I
            inject O M -
            aggr-mtd O S -
            aggr-bndry O S -
            export-comps O S -
            components O S -
            remarks O M -
            notify O M I
            mnt-lower O M I
            mnt-routes O M I
            mnt-by M M I
            """;

    private static final String AS_SET = """
            as-set M S PL
            descr O M -
            members O M -
            mbrs-by-ref O M I
            remarks O M -
            org O M I
            tech-c M M I
            admin-c M M I
            notify O M I
            mnt-by M M I
            mnt-lower O M I
            """;

    static Map<ObjectType, String> all() {
        Map<ObjectType, String> m = new EnumMap<>(ObjectType.class);
        m.put(ObjectType.INETNUM, RESOURCE_V4 + TRAILER);
        m.put(ObjectType.INET6NUM, RESOURCE_V6 + TRAILER);
        m.put(ObjectType.DOMAIN, DOMAIN + TRAILER);
        m.put(ObjectType.MNTNER, MNTNER + TRAILER);
        m.put(ObjectType.ROLE, ROLE + TRAILER);
        m.put(ObjectType.PERSON, PERSON + TRAILER);
        m.put(ObjectType.ORGANISATION, ORGANISATION + TRAILER);
        m.put(ObjectType.IRT, IRT + TRAILER);
        m.put(ObjectType.KEY_CERT, KEY_CERT + TRAILER);
        m.put(ObjectType.AUT_NUM, AUT_NUM + TRAILER);
        m.put(ObjectType.ROUTE, "route M S PL\n" + ROUTE_BODY + TRAILER);
        m.put(ObjectType.ROUTE6, "route6 M S PL\n" + ROUTE_BODY + TRAILER);
        m.put(ObjectType.AS_SET, AS_SET + TRAILER);
        return m;
    }

    /** What each class is for, as {@code whois -v} introduces it. */
    static String classDescription(ObjectType type) {
        return switch (type) {
            case INETNUM -> "An inetnum object holds an allocation or assignment of IPv4 address space.";
            case INET6NUM -> "An inet6num object holds an allocation or assignment of IPv6 address space.";
            case DOMAIN -> "A domain object holds a reverse DNS delegation (in-addr.arpa, ip6.arpa) or an ENUM domain.";
            case MNTNER -> "A mntner object holds the credentials that authorise changes to the objects it maintains.";
            case ROLE -> "A role object describes a group of contacts (a team, a NOC, an abuse desk).";
            case PERSON -> "A person object holds the contact details of one technical or administrative contact.";
            case ORGANISATION -> "An organisation object describes an organisation that holds resources.";
            case IRT -> "An irt object names a computer security incident response team.";
            case KEY_CERT -> "A key-cert object holds a PGP public key or an X.509 certificate used for authentication.";
            case AUT_NUM -> "An aut-num object holds an autonomous system number and its routing policy.";
            case ROUTE -> "A route object holds an IPv4 prefix and the autonomous system that originates it.";
            case ROUTE6 -> "A route6 object holds an IPv6 prefix and the autonomous system that originates it.";
            case AS_SET -> "An as-set object holds a named set of autonomous systems.";
        };
    }
}
