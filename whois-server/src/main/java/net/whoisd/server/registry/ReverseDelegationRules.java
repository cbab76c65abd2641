package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.ReverseDomain;
import net.whoisd.rpsl.RpslObject;

/**
 * RIPE's procedures for reverse delegation (the 193.in-addr.arpa documents) as checks on a
 * {@code domain} object: it must lie inside address space registered here, list at least two name
 * servers besides the registry's secondary ({@code registry.reverse-secondary}, which never counts as
 * one of the two), and a block delegation (several /24s, such as a /16 zone; an IPv6 /32 or shorter)
 * must also list that secondary when one is configured.
 * Forward domains are not this registry's concern and pass.
 */
public final class ReverseDelegationRules {
    public static final int MIN_NAME_SERVERS = 2;
    private final ObjectLookup lookup;
    private final String reverseSecondary;

    /** @param reverseSecondary {@code ServerConfig.reverseSecondary()}, or null */
    public ReverseDelegationRules(ObjectLookup lookup, String reverseSecondary) {
        this.lookup = lookup;
        this.reverseSecondary = reverseSecondary == null ? null : host(reverseSecondary);
    }

    /** Every rule the object breaks, one error message each (attribute named first); empty if none. */
    public List<String> check(RpslObject domain) {
        List<String> errors = new ArrayList<>();
        String name = domain.classValue();
        Optional<IpRange> range = ReverseDomain.toRange(name);
        if (range.isEmpty()) {
            if (name.toLowerCase(Locale.ROOT).endsWith(".arpa")) {
                errors.add("domain: " + name + " is not a valid reverse zone name");
            }
            return errors;
        }
        ObjectType space = range.get().isIpv4() ? ObjectType.INETNUM : ObjectType.INET6NUM;
        if (lookup.enclosing(space, range.get()).isEmpty()) {
            errors.add("domain: " + name + " (" + range.get().toPrefixString() + ") is not inside address space"
                    + " registered in this database; no " + space + " covers it");
        }
        List<String> servers = new ArrayList<>();
        for (String ns : domain.values("nserver")) {
            String h = host(ns);
            if (!servers.contains(h)) {
                servers.add(h);
            }
        }
        long own = servers.stream().filter(h -> !h.equals(reverseSecondary)).count();
        if (own < MIN_NAME_SERVERS) {
            boolean listsSecondary = servers.contains(reverseSecondary);
            errors.add("nserver: a reverse delegation needs at least " + MIN_NAME_SERVERS + " name servers"
                    + (reverseSecondary == null ? "" : " besides the registry's secondary " + reverseSecondary)
                    + "; " + name + " lists " + own + (listsSecondary ? " besides it" : ""));
        }
        if (reverseSecondary != null && ReverseZone.isBlock(range.get()) && !servers.contains(reverseSecondary)) {
            errors.add("nserver: " + name + " delegates a block (" + range.get().toPrefixString()
                    + ") and must also list the registry's secondary " + reverseSecondary);
        }
        return errors;
    }

    /** The host name of an {@code nserver:} value ({@code host [glue]}), lower-case, no trailing dot. */
    static String host(String nserver) {
        String h = nserver.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
