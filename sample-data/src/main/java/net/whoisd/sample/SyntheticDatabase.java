package net.whoisd.sample;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;

/**
 * Writes a registry-shaped database of any size, deterministically for a seed and in constant
 * memory: the registry's maintainers, organisation, contacts and address pools, then LIR after LIR
 * (organisation, maintainer, persons, roles with abuse-mailbox, end-user organisations, an IPv4
 * allocation with assignments and a sub-allocation, an IPv6 allocation with assignments, reverse
 * domains, an aut-num, an as-set, route and route6). Every reference resolves and every range
 * nests inside a parent of an allowed status. Whole LIRs are written until at least the requested
 * number of objects exists.
 */
public final class SyntheticDatabase {

    /** Receives each object's text (ending with its blank line) in output order. */
    @FunctionalInterface
    public interface ObjectSink {
        void accept(ObjectType type, String text) throws IOException;
    }

    /** IPv4 /8 blocks the registry hands out from (77/8 up to 223/8): room for about 500,000 LIRs. */
    private static final int FIRST_SLASH8 = 77;
    private static final int LAST_SLASH8 = 223;
    /** IPv6 registry block 2a00::/12 holds one /32 per LIR for 2^20 LIRs. */
    private static final long V6_BLOCK = 0x2a00_0000_0000_0000L;
    private static final int MAX_LIRS = 1 << 20;
    private static final long FIRST_ASN = 200_000;
    private static final Instant EPOCH = Instant.parse("2004-01-01T00:00:00Z");

    private static final String HM = "TEST-NCC-HM-MNT";
    private static final String END = "TEST-NCC-END-MNT";
    private static final String REGISTRY_ORG = "ORG-TNCC1-TEST";
    /** The documented test password "synthetic-secret" at bcrypt cost 4 (cheap to verify in load tests). */
    private static final String LIR_AUTH = "BCRYPT-PW $2b$04$OHjz6Y45cIDZd/ubICIGIO83oYCzvSCLIq9fbK8dker1u0H9K/xi2";
    private static final String REGISTRY_AUTH = "BCRYPT-PW $2b$10$VYkfiJFCZxzSu8PEFpOnauA6NOAS/NsVUYFwVrSZXCzjNSXPjtayu";
    private static final String[] COUNTRIES = {"NL", "DE", "GB", "FR", "SE", "PL", "IT", "ES", "CZ", "AT", "CH", "RU", "UA", "NO", "FI"};
    private static final String[] WORDS = {"Nord", "Alpen", "Delta", "Fibre", "Metro", "Blue", "Oak", "Iron", "Baltic", "Carpathian",
        "Rhine", "Danube", "Harbour", "Summit", "Meridian", "Polar", "Vista", "Granite", "Coastal", "Linden"};
    private static final String[] KINDS = {"Networks", "Telecom", "Hosting", "Broadband", "Data", "Internet", "Connect", "Cloud"};
    private static final String[] FIRST_NAMES = {"Anna", "Lukas", "Emma", "Jan", "Sofia", "Mateo", "Olga", "Pieter", "Marta", "Tomas",
        "Ingrid", "Karim", "Elena", "Noah", "Zofia", "Henrik"};
    private static final String[] LAST_NAMES = {"Jansen", "Mueller", "Smith", "Dubois", "Nowak", "Rossi", "Garcia", "Novak", "Berg",
        "Virtanen", "Huber", "Ivanova", "Olsen", "Kowalski", "Moreau", "Lindgren"};

    private final long seed;
    private final String source;
    private Random random;
    private ObjectSink sink;
    private long written;
    private int nicCounter;
    private int currentSlash8;
    private long v4Cursor;

    public SyntheticDatabase(long seed, String source) {
        this.seed = seed;
        this.source = source.toUpperCase();
    }

    /** Writes at least {@code objects} objects (whole LIRs) and returns how many were written. */
    public synchronized long write(long objects, ObjectSink out) throws IOException {
        random = new Random(seed);
        sink = out;
        written = 0;
        nicCounter = 0;
        currentSlash8 = FIRST_SLASH8 - 1;
        v4Cursor = (long) FIRST_SLASH8 << 24;
        registry();
        for (int lir = 0; written < objects; lir++) {
            if (lir >= MAX_LIRS) {
                throw new IllegalArgumentException("at most " + MAX_LIRS + " LIRs fit the synthetic address plan; asked for " + objects + " objects");
            }
            lir(lir);
        }
        return written;
    }

    // ---------------------------------------------------------------- the registry

    private void registry() throws IOException {
        String t = stamp(0);
        emit(ObjectType.MNTNER, new ObjectText().add("mntner", HM).add("descr", "TEST NCC hostmaster maintainer")
                .add("org", REGISTRY_ORG).add("admin-c", "AR1-TEST").add("upd-to", "hostmaster@test-ncc.example")
                .add("auth", REGISTRY_AUTH).add("mnt-by", HM).end(t, t, source));
        emit(ObjectType.MNTNER, new ObjectText().add("mntner", END).add("descr", "TEST NCC end-user resources")
                .add("org", REGISTRY_ORG).add("admin-c", "AR1-TEST").add("upd-to", "hostmaster@test-ncc.example")
                .add("auth", REGISTRY_AUTH).add("mnt-by", HM).end(t, t, source));
        emit(ObjectType.PERSON, new ObjectText().add("person", "Anna Registrar").add("address", "Amsterdam")
                .add("e-mail", "anna.registrar@test-ncc.example").add("nic-hdl", "AR1-TEST").add("mnt-by", HM).end(t, t, source));
        emit(ObjectType.ROLE, new ObjectText().add("role", "TEST NCC Abuse Desk").add("address", "Amsterdam")
                .add("e-mail", "abuse@test-ncc.example").add("abuse-mailbox", "abuse@test-ncc.example")
                .add("admin-c", "AR1-TEST").add("tech-c", "AR1-TEST").add("nic-hdl", "TNA1-TEST").add("mnt-by", HM).end(t, t, source));
        emit(ObjectType.ORGANISATION, new ObjectText().add("organisation", REGISTRY_ORG)
                .add("org-name", "TEST Network Coordination Centre").add("org-type", "RIR").add("address", "Amsterdam")
                .add("country", "NL").add("e-mail", "info@test-ncc.example").add("abuse-c", "TNA1-TEST")
                .add("mnt-ref", HM).add("mnt-by", HM).end(t, t, source));
        IpRange v6 = IpRange.prefix(true, V6_BLOCK, 0, 12);
        emit(ObjectType.INET6NUM, new ObjectText().add("inet6num", v6.toPrefixString()).add("netname", "EU-ZZ-2A00")
                .add("country", "EU").add("org", REGISTRY_ORG).add("admin-c", "AR1-TEST").add("tech-c", "AR1-TEST")
                .add("status", "ALLOCATED-BY-RIR").add("mnt-by", HM).end(t, t, source));
    }

    /** The free-pool /8 the cursor is in, written when the cursor first enters it. */
    private void enterSlash8() throws IOException {
        int slash8 = (int) (v4Cursor >>> 24);
        if (slash8 > LAST_SLASH8) {
            throw new IllegalArgumentException("the synthetic IPv4 plan is exhausted (" + LAST_SLASH8 + "/8 reached)");
        }
        if (slash8 != currentSlash8) {
            currentSlash8 = slash8;
            String t = stamp(0);
            emit(ObjectType.INETNUM, new ObjectText().add("inetnum", IpRange.prefix(false, 0, (long) slash8 << 24, 8).toString())
                    .add("netname", "EU-ZZ-" + slash8).add("country", "EU").add("org", REGISTRY_ORG)
                    .add("admin-c", "AR1-TEST").add("tech-c", "AR1-TEST").add("status", "ALLOCATED UNSPECIFIED")
                    .add("mnt-by", HM).end(t, t, source));
        }
    }

    // ---------------------------------------------------------------- one LIR

    private void lir(int lir) throws IOException {
        int number = lir + 1;
        String org = "ORG-LIR" + number + "-" + source;
        String mnt = "LIR" + number + "-MNT";
        String name = WORDS[random.nextInt(WORDS.length)] + " " + KINDS[random.nextInt(KINDS.length)] + " " + number;
        String domain = "lir" + number + ".example";
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        long day = 30 + random.nextInt(7000);
        String created = stamp(day);
        String modified = stamp(day + random.nextInt(800));
        String admin = nicHandle();
        String tech = nicHandle();
        String noc = nicHandle();
        String abuse = nicHandle();

        emit(ObjectType.ORGANISATION, new ObjectText().add("organisation", org).add("org-name", name).add("org-type", "LIR")
                .add("address", name).add("address", country).add("country", country).add("phone", phone())
                .add("e-mail", "info@" + domain).add("admin-c", admin).add("tech-c", noc).add("abuse-c", abuse)
                .add("mnt-ref", HM).add("mnt-ref", mnt).add("mnt-by", HM).add("mnt-by", mnt).end(created, modified, source));
        emit(ObjectType.MNTNER, new ObjectText().add("mntner", mnt).add("descr", name + " maintainer").add("org", org)
                .add("admin-c", admin).add("tech-c", noc).add("upd-to", "noc@" + domain).add("auth", LIR_AUTH)
                .add("mnt-by", mnt).end(created, modified, source));
        person(admin, org, mnt, domain, created);
        person(tech, org, mnt, domain, created);
        emit(ObjectType.ROLE, new ObjectText().add("role", name + " NOC").add("address", name).add("e-mail", "noc@" + domain)
                .add("org", org).add("admin-c", admin).add("tech-c", tech).add("nic-hdl", noc).add("mnt-by", mnt)
                .end(created, created, source));
        emit(ObjectType.ROLE, new ObjectText().add("role", name + " Abuse").add("address", name).add("e-mail", "abuse@" + domain)
                .add("abuse-mailbox", "abuse@" + domain).add("org", org).add("admin-c", admin).add("tech-c", noc)
                .add("nic-hdl", abuse).add("mnt-by", mnt).end(created, created, source));

        int endUsers = 1 + random.nextInt(3);
        String[] endUserOrgs = new String[endUsers];
        String[] endUserRoles = new String[endUsers];
        for (int e = 0; e < endUsers; e++) {
            endUserOrgs[e] = "ORG-E" + (char) ('A' + e) + number + "-" + source;
            endUserRoles[e] = nicHandle();
            String customer = LAST_NAMES[random.nextInt(LAST_NAMES.length)] + " " + KINDS[random.nextInt(KINDS.length)] + " Customer";
            String mail = "it@c" + (e + 1) + "." + domain;
            emit(ObjectType.ROLE, new ObjectText().add("role", customer + " Contact").add("address", customer)
                    .add("e-mail", mail).add("abuse-mailbox", mail).add("admin-c", admin).add("nic-hdl", endUserRoles[e])
                    .add("mnt-by", mnt).end(created, created, source));
            emit(ObjectType.ORGANISATION, new ObjectText().add("organisation", endUserOrgs[e]).add("org-name", customer)
                    .add("org-type", "OTHER").add("address", customer).add("address", country).add("e-mail", mail)
                    .add("abuse-c", endUserRoles[e]).add("mnt-ref", mnt).add("mnt-by", mnt).end(created, created, source));
        }

        // IPv4: an allocation of /19../22, assignments from its start, a sub-allocation in its second half
        int length = 19 + random.nextInt(4);
        long size = 1L << (32 - length);
        v4Cursor = (v4Cursor + size - 1) / size * size;
        if ((v4Cursor >>> 24) != ((v4Cursor + size - 1) >>> 24)) {
            v4Cursor = ((v4Cursor >>> 24) + 1) << 24;
        }
        enterSlash8();
        long start = v4Cursor;
        v4Cursor += size;
        IpRange allocation = IpRange.prefix(false, 0, start, length);
        String netname = country + "-LIR" + number;
        emit(ObjectType.INETNUM, new ObjectText().add("inetnum", allocation.toString()).add("netname", netname)
                .add("country", country).add("org", org).add("admin-c", admin).add("tech-c", noc).add("abuse-c", abuse)
                .add("status", "ALLOCATED PA").add("mnt-by", HM).add("mnt-lower", mnt).add("mnt-routes", mnt)
                .add("mnt-domains", mnt).end(created, modified, source));
        long half = size / 2;
        long pos = start;
        int assignments = 2 + random.nextInt(6);
        for (int a = 0; a < assignments && pos < start + half; a++) {
            long block = 1L << (8 - Math.min(4, random.nextInt(5)));   // /24../28
            pos = (pos + block - 1) / block * block;
            if (pos + block > start + half) {
                break;
            }
            int e = random.nextInt(endUsers);
            String when = stamp(day + 30 + random.nextInt(2000));
            emit(ObjectType.INETNUM, new ObjectText().add("inetnum", IpRange.ipv4(pos, pos + block - 1).toString())
                    .add("netname", netname + "-A" + (a + 1)).add("country", country).add("org", endUserOrgs[e])
                    .add("admin-c", endUserRoles[e]).add("tech-c", noc).add("abuse-c", endUserRoles[e])
                    .add("status", "ASSIGNED PA").add("mnt-by", mnt).end(when, when, source));
            pos += block;
        }
        long subStart = start + half;
        long subSize = half / 2;
        String when = stamp(day + 60 + random.nextInt(2000));
        emit(ObjectType.INETNUM, new ObjectText().add("inetnum", IpRange.ipv4(subStart, subStart + subSize - 1).toString())
                .add("netname", netname + "-SUB").add("country", country).add("org", endUserOrgs[0])
                .add("admin-c", endUserRoles[0]).add("tech-c", noc).add("status", "SUB-ALLOCATED PA")
                .add("mnt-by", mnt).add("mnt-lower", mnt).end(when, when, source));
        emit(ObjectType.INETNUM, new ObjectText().add("inetnum", IpRange.ipv4(subStart, subStart + 63).toString())
                .add("netname", netname + "-SUB-A1").add("country", country).add("org", endUserOrgs[0])
                .add("admin-c", endUserRoles[0]).add("tech-c", noc).add("status", "ASSIGNED PA").add("mnt-by", mnt)
                .end(when, when, source));

        // IPv6: one /32 per LIR inside 2a00::/12, two /48 assignments
        long hi = V6_BLOCK | ((long) lir << 32);
        IpRange v6 = IpRange.prefix(true, hi, 0, 32);
        emit(ObjectType.INET6NUM, new ObjectText().add("inet6num", v6.toPrefixString()).add("netname", netname + "-V6")
                .add("country", country).add("org", org).add("admin-c", admin).add("tech-c", noc).add("abuse-c", abuse)
                .add("status", "ALLOCATED-BY-RIR").add("mnt-by", HM).add("mnt-lower", mnt).add("mnt-routes", mnt)
                .add("mnt-domains", mnt).end(created, modified, source));
        for (int a = 1; a <= 2; a++) {
            int e = random.nextInt(endUsers);
            emit(ObjectType.INET6NUM, new ObjectText().add("inet6num", IpRange.prefix(true, hi | ((long) a << 16), 0, 48).toPrefixString())
                    .add("netname", netname + "-V6-A" + a).add("country", country).add("org", endUserOrgs[e])
                    .add("admin-c", endUserRoles[e]).add("tech-c", noc).add("status", "ASSIGNED").add("mnt-by", mnt)
                    .end(when, when, source));
        }

        // reverse DNS for the first /24 and the /32
        String[] ns = {"ns1." + domain, "ns2." + domain};
        emit(ObjectType.DOMAIN, domain(reverse4(start), admin, noc, ns, mnt, created));
        emit(ObjectType.DOMAIN, domain(reverse6(hi), admin, noc, ns, mnt, created));

        // routing
        long asn = FIRST_ASN + lir;
        String as = "AS" + asn;
        String peer = "AS" + (FIRST_ASN + random.nextInt(lir + 1));
        emit(ObjectType.AUT_NUM, new ObjectText().add("aut-num", as).add("as-name", "LIR" + number + "-AS")
                .add("descr", name).add("import", "from " + peer + " accept ANY")
                .add("export", "to " + peer + " announce " + as + ":AS-CUSTOMERS").add("org", org)
                .add("admin-c", admin).add("tech-c", noc).add("abuse-c", abuse).add("status", "ASSIGNED")
                .add("mnt-by", END).add("mnt-by", mnt).end(created, modified, source));
        emit(ObjectType.AS_SET, new ObjectText().add("as-set", as + ":AS-CUSTOMERS").add("descr", "Customers of " + name)
                .add("members", as).add("tech-c", noc).add("admin-c", admin).add("mnt-by", mnt).end(created, created, source));
        emit(ObjectType.ROUTE, new ObjectText().add("route", allocation.toPrefixString()).add("descr", name)
                .add("origin", as).add("mnt-by", mnt).end(created, created, source));
        emit(ObjectType.ROUTE6, new ObjectText().add("route6", v6.toPrefixString()).add("descr", name)
                .add("origin", as).add("mnt-by", mnt).end(created, created, source));
    }

    private void person(String handle, String org, String mnt, String domain, String created) throws IOException {
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        emit(ObjectType.PERSON, new ObjectText().add("person", first + " " + last).add("address", domain)
                .add("phone", phone()).add("e-mail", first.toLowerCase() + "." + last.toLowerCase() + "@" + domain)
                .add("org", org).add("nic-hdl", handle).add("mnt-by", mnt).end(created, created, source));
    }

    private String domain(String zone, String admin, String noc, String[] ns, String mnt, String created) {
        return new ObjectText().add("domain", zone).add("admin-c", admin).add("tech-c", noc).add("zone-c", noc)
                .add("nserver", ns[0]).add("nserver", ns[1]).add("mnt-by", mnt).end(created, created, source);
    }

    private static String reverse4(long start) {
        return ((start >>> 8) & 0xFF) + "." + ((start >>> 16) & 0xFF) + "." + ((start >>> 24) & 0xFF) + ".in-addr.arpa";
    }

    private static String reverse6(long hi) {
        StringBuilder zone = new StringBuilder(24);
        for (int nibble = 8; nibble >= 1; nibble--) {
            zone.append(Long.toHexString((hi >>> (64 - 4 * nibble)) & 0xF)).append('.');
        }
        return zone.append("ip6.arpa").toString();
    }

    /** Distinct handles: L, two letters (from the counter's high part) and a 1..999999 number. */
    private String nicHandle() {
        int n = nicCounter++;
        int letters = n / 999_999;
        return "L" + (char) ('A' + letters / 26 % 26) + (char) ('A' + letters % 26) + (n % 999_999 + 1) + "-" + source;
    }

    private String phone() {
        return "+" + (30 + random.nextInt(60)) + " " + (10 + random.nextInt(89)) + " " + (100000 + random.nextInt(899999));
    }

    private static String stamp(long day) {
        return EPOCH.plus(day, ChronoUnit.DAYS).plusSeconds(day * 7919 % 86400).toString();
    }

    private void emit(ObjectType type, String text) throws IOException {
        sink.accept(type, text);
        written++;
    }
}
