package net.whoisd.rpsl;

/** A sentence and a syntax line per attribute, for {@code whois -v}. */
final class AttributeDocs {
    private AttributeDocs() {
    }

    static String description(String name) {
        return switch (name) {
            case "inetnum" -> "The range of IPv4 addresses the object holds.";
            case "inet6num" -> "The block of IPv6 addresses the object holds.";
            case "netname" -> "The name of a range of IP address space.";
            case "descr" -> "A short description of the object.";
            case "country" -> "A country where the resource is used, as an ISO 3166 code.";
            case "geofeed" -> "A URL pointing at a geolocation feed for the addresses.";
            case "geoloc" -> "The location as latitude and longitude.";
            case "prefixlen" -> "A URL pointing at prefix length information.";
            case "language" -> "A language spoken by the holder, as an ISO 639-1 code.";
            case "org" -> "The organisation this object belongs to.";
            case "sponsoring-org" -> "The LIR organisation that sponsors the resource.";
            case "admin-c" -> "The NIC handle of an administrative contact.";
            case "tech-c" -> "The NIC handle of a technical contact.";
            case "zone-c" -> "The NIC handle of a contact responsible for the zone.";
            case "abuse-c" -> "The NIC handle of a role object holding the abuse contact.";
            case "status" -> "The status of the resource.";
            case "assignment-size" -> "The prefix length of each assignment in an aggregated block.";
            case "remarks" -> "Free text for information that fits nowhere else.";
            case "notify" -> "An e-mail address notified of every change to the object.";
            case "mnt-by" -> "A maintainer that authorises changes to this object.";
            case "mnt-lower" -> "A maintainer that authorises the creation of objects one level below.";
            case "mnt-domains" -> "A maintainer that authorises reverse domain objects for this space.";
            case "mnt-routes" -> "A maintainer that authorises route objects for this space, optionally limited to prefixes.";
            case "mnt-irt" -> "An irt object for the space.";
            case "mnt-ref" -> "A maintainer that authorises references to this object.";
            case "mnt-nfy" -> "An e-mail address notified of changes to objects this maintainer maintains.";
            case "created" -> "When the object was created (set by the server).";
            case "last-modified" -> "When the object was last modified (set by the server).";
            case "source" -> "The registry where the object is registered.";
            case "domain" -> "The name of a reverse or ENUM domain.";
            case "nserver" -> "A name server of the domain, with a glue address when it lies inside the domain.";
            case "ds-rdata" -> "A DS record of the delegation (DNSSEC).";
            case "mntner" -> "The name of the maintainer.";
            case "upd-to" -> "An e-mail address told about failed update attempts.";
            case "auth" -> "A credential that authorises changes (password hash, PGP key, X.509 certificate, SSO).";
            case "role" -> "The name of the role.";
            case "person" -> "The full name of the person.";
            case "address" -> "A line of the postal address.";
            case "phone" -> "A telephone number.";
            case "fax-no" -> "A fax number.";
            case "e-mail" -> "An e-mail address.";
            case "contact" -> "A URI by which the contact may be reached.";
            case "nic-hdl" -> "The NIC handle that identifies the object (AUTO-n asks the server for one).";
            case "abuse-mailbox" -> "The mailbox that receives abuse reports.";
            case "organisation" -> "The id of the organisation (AUTO-n asks the server for one).";
            case "org-name" -> "The name of the organisation.";
            case "org-type" -> "The type of the organisation.";
            case "reg-nr" -> "The registration number of the organisation.";
            case "ref-nfy" -> "An e-mail address notified when the object is referenced.";
            case "irt" -> "The name of the incident response team.";
            case "signature" -> "A key-cert whose key signs the team's messages.";
            case "encryption" -> "A key-cert whose key encrypts messages to the team.";
            case "irt-nfy" -> "An e-mail address notified when the irt is referenced.";
            case "key-cert" -> "The name of the key-cert (PGPKEY-<id> or X509-<n>).";
            case "method" -> "The type of key (set by the server).";
            case "owner" -> "The owner of the key (set by the server).";
            case "fingerpr" -> "The fingerprint of the key (set by the server).";
            case "certif" -> "The armoured public key or PEM certificate.";
            case "aut-num" -> "The autonomous system number.";
            case "as-name" -> "The name of the autonomous system.";
            case "member-of" -> "A set this object is a member of.";
            case "import-via", "export-via" -> "A routing policy through a non-adjacent network (RPSLng).";
            case "import", "mp-import" -> "An import routing policy.";
            case "export", "mp-export" -> "An export routing policy.";
            case "default", "mp-default" -> "A default routing policy.";
            case "route", "route6" -> "The prefix of the route.";
            case "origin" -> "The autonomous system that originates the route.";
            case "pingable" -> "An address inside the route that answers pings.";
            case "ping-hdl" -> "The NIC handle of a contact for pingable addresses.";
            case "holes" -> "A prefix inside the route that is not reachable through it.";
            case "inject" -> "Which routers inject the aggregate, and when.";
            case "aggr-mtd" -> "How the route is aggregated.";
            case "aggr-bndry" -> "The autonomous systems forming the aggregation boundary.";
            case "export-comps" -> "The components exported outside the aggregation boundary.";
            case "components" -> "The components of the aggregate.";
            case "as-set" -> "The name of the set.";
            case "members" -> "AS numbers and as-sets that belong to the set.";
            case "mbrs-by-ref" -> "Maintainers whose objects may join the set with member-of (or ANY).";
            default -> "";
        };
    }

    static String syntax(String name) {
        return switch (name) {
            case "inetnum" -> "<ipv4-address> - <ipv4-address>";
            case "inet6num", "route6" -> "<ipv6-address>/<prefix>";
            case "route" -> "<ipv4-address>/<prefix>";
            case "netname", "mntner", "as-name" -> "A letter, then letters, digits, '_' and '-', ending in a letter or digit, up to 80 characters.";
            case "country" -> "A two-letter ISO 3166 country code (or EU).";
            case "language" -> "A two-letter ISO 639-1 language code.";
            case "geoloc" -> "<latitude> <longitude> in decimal degrees.";
            case "geofeed", "prefixlen" -> "An https:// URL.";
            case "org", "sponsoring-org" -> "ORG-<letters><number>-<source>, up to 30 characters.";
            case "organisation" -> "ORG-<letters><number>-<source> or AUTO-<n>, up to 30 characters.";
            case "admin-c", "tech-c", "zone-c", "abuse-c", "ping-hdl" -> "A NIC handle: 2-4 letters, an optional number, an optional -SUFFIX.";
            case "nic-hdl" -> "A NIC handle: 2-4 letters, an optional number, an optional -SUFFIX; or AUTO-<n>.";
            case "status" -> "One of the status values of the class.";
            case "assignment-size" -> "A prefix length.";
            case "notify", "upd-to", "mnt-nfy", "e-mail", "abuse-mailbox", "ref-nfy", "irt-nfy" -> "An RFC 5322 e-mail address.";
            case "mnt-by", "mnt-lower", "mnt-domains", "mnt-ref" -> "A maintainer name, or a comma-separated list of them.";
            case "mnt-routes" -> "<mnt-name> [ { <prefix-range>, ... } | ANY ]";
            case "mnt-irt" -> "An irt name (IRT-...).";
            case "created", "last-modified" -> "YYYY-MM-DDThh:mm:ssZ";
            case "source" -> "The registry name in upper case.";
            case "domain" -> "A domain name; reverse domains under in-addr.arpa or ip6.arpa.";
            case "nserver" -> "<host-name> [ <ip-address> ]";
            case "ds-rdata" -> "<keytag> <algorithm> <digest-type> <hex-digest>";
            case "auth" -> "MD5-PW $1$..., BCRYPT-PW $2b$..., PGPKEY-<8 hex digits>, X509-<n> or SSO <e-mail>.";
            case "role", "org-name" -> "1 to 30 words of letters, digits and ][._\"*()@,&:!'`+/-";
            case "person" -> "2 to 10 words of letters, digits and .`'_-, the first starting with a letter.";
            case "phone", "fax-no" -> "+<country code> <number> [ext. <n>], up to 30 characters.";
            case "contact" -> "A URI with a scheme.";
            case "org-type" -> "IANA, RIR, NIR, LIR, DIRECT_ASSIGNMENT or OTHER.";
            case "irt" -> "IRT-<name>";
            case "signature", "encryption" -> "PGPKEY-<8 hex digits> or X509-<n>.";
            case "key-cert" -> "PGPKEY-<8 hex digits>, X509-<n> or AUTO-<n>.";
            case "aut-num", "origin" -> "AS<0..4294967295>";
            case "member-of" -> "An as-set name, or a comma-separated list of them.";
            case "import", "export", "default", "import-via", "export-via", "mp-import", "mp-export", "mp-default" ->
                    "RPSL policy: from/to <peering> [action <actions>] accept/announce <filter>.";
            case "as-set" -> "AS-<name>, or hierarchical AS<n>:AS-<name>, up to 80 characters.";
            case "members" -> "AS numbers and as-set names, comma-separated.";
            case "mbrs-by-ref" -> "Maintainer names, comma-separated, or ANY.";
            case "pingable" -> "An IP address.";
            case "holes" -> "Prefixes, comma-separated.";
            default -> "Free text.";
        };
    }
}
