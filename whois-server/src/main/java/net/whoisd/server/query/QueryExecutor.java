package net.whoisd.server.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectTemplate;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.ObjectValidator;
import net.whoisd.rpsl.ValidationMode;
import net.whoisd.rpsl.ReverseDomain;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.rpsl.RpslWriter;
import net.whoisd.server.acl.PersonalDataAccount;
import net.whoisd.server.metrics.QueryOutcome;
import net.whoisd.server.registry.AbuseContactResolver;
import net.whoisd.server.registry.ObjectLookup;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;

/**
 * Runs a parsed {@link Query} against the database and writes the RIPE-layout answer: lookups
 * (key, inverse, IP hierarchy), type filter, referenced contacts, abuse contacts, irt, filtering,
 * personal-data accounting. Thread-safe; one instance serves every connection.
 */
public final class QueryExecutor {
    /** Attributes through which referenced contacts and organisations are added (stage 2). */
    private static final List<String> CONTACT_ATTRIBUTES = List.of("admin-c", "tech-c", "zone-c", "author", "ping-hdl");
    private static final Set<ObjectType> RESOURCE_TYPES = EnumSet.of(ObjectType.AUT_NUM, ObjectType.INETNUM,
            ObjectType.INET6NUM, ObjectType.ROUTE, ObjectType.ROUTE6, ObjectType.DOMAIN);
    /**
     * Index searches ask for every class and filter here: a class filter inside the index costs time
     * proportional to the number of objects of those classes, the hits of one key are few.
     */
    private static final Set<ObjectType> ALL_TYPES = Collections.unmodifiableSet(EnumSet.allOf(ObjectType.class));
    private static final Set<ObjectType> ABUSE_TYPES = EnumSet.of(ObjectType.INETNUM, ObjectType.INET6NUM, ObjectType.AUT_NUM);
    /** Related objects print organisation, role, person, then by key. */
    private static final Comparator<StoredObject> RELATED_ORDER = Comparator
            .comparingInt((StoredObject o) -> switch (o.key().type()) {
                case IRT -> 0;
                case ORGANISATION -> 1;
                case ROLE -> 2;
                case PERSON -> 3;
                default -> 4;
            })
            .thenComparing(o -> o.key().key());

    private final WhoisDatabase db;
    private final PersonalDataAccount account;
    private final String servedBy;
    private final String version;
    private final AbuseContactResolver abuseContacts;
    private final VersionQueries versions;
    private final ObjectValidator validator;

    public QueryExecutor(WhoisDatabase db, PersonalDataAccount account, String version, String host, String registryMntner) {
        this.db = db;
        this.account = account;
        this.version = version;
        this.servedBy = QueryMessages.servedBy(version, host);
        this.abuseContacts = new AbuseContactResolver(ObjectLookup.of(db), registryMntner.toUpperCase(Locale.ROOT));
        this.versions = new VersionQueries(db);
        this.validator = new ObjectValidator(ValidationMode.STRICT, db.source());
    }

    public String servedBy() {
        return servedBy;
    }

    /** True while the database is showing a commit, so a lookup started now would wait for it. */
    public boolean lookupsWouldWait() {
        return db.showingCommit();
    }

    /** The whole answer in one text. */
    public QueryAnswer execute(Query q, QueryClient client) {
        return answer(q, client).whole();
    }

    /**
     * The answer to be written a part at a time: a search's objects are read and formatted as the
     * parts are asked for, so a large answer is never held whole.
     */
    public AnswerStream answer(Query q, QueryClient client) {
        ResponseText out = new ResponseText();
        if (client.convertedToLatin1()) {
            out.message(QueryMessages.convertedToLatin1());
        }
        if (q.isRejected()) {
            return AnswerStream.of(new QueryAnswer(out.message(q.error()).finish(servedBy), 0, 0, false, QueryOutcome.ERROR));
        }
        for (String warning : q.warnings()) {
            out.message(warning);
        }
        String accountable = client.address();
        String proxyFor = q.value(QueryFlag.CLIENT);
        if (proxyFor != null && proxyFor.indexOf(',') >= 0) {
            if (!client.trusted()) {
                return AnswerStream.of(new QueryAnswer(out.message(QueryMessages.notAllowedToProxy()).finish(servedBy), 0, 0, true, QueryOutcome.DENIED));
            }
            accountable = proxyFor.substring(proxyFor.indexOf(',') + 1);
        }
        switch (q.kind()) {
            case HELP -> out.text(HelpText.TEXT);
            case SYSTEM_INFO -> systemInfo(q, out);
            case TEMPLATE -> template(q, out);
            case PERSISTENT_ONLY -> { }
            case VERSIONS -> {
                if (account.remaining(accountable) <= 0) {
                    return AnswerStream.of(denied(out, accountable));
                }
                versions.answer(q, out);
            }
            case SEARCH -> {
                long allowance = account.remaining(accountable);
                if (allowance <= 0) {
                    return AnswerStream.of(denied(out, accountable));
                }
                return search(q, client, accountable, allowance, out);
            }
            default -> throw new IllegalStateException("query kind " + q.kind());
        }
        return AnswerStream.of(new QueryAnswer(out.finish(servedBy), out.objects(), 0, false, QueryOutcome.OK));
    }

    private QueryAnswer denied(ResponseText out, String address) {
        return new QueryAnswer(out.message(QueryMessages.accessDeniedTemporarily(address)).finish(servedBy), 0, 0, true,
                QueryOutcome.PERSONAL_DATA_LIMIT);
    }

    private void systemInfo(Query q, ResponseText out) {
        String what = q.value(QueryFlag.SYSTEM_INFO);
        if (q.has(QueryFlag.VERSION) || "version".equals(what)) {
            out.message("% whois-server-" + version + "\n");
        } else if (q.has(QueryFlag.TYPES) || "types".equals(what)) {
            StringBuilder sb = new StringBuilder();
            for (ObjectType t : ObjectType.values()) {
                sb.append(t.attributeName()).append('\n');
            }
            out.text(sb.toString());
        } else {
            out.text(db.source() + ":3:N:0-0\n");
        }
    }

    private static void template(Query q, ResponseText out) {
        boolean verbose = q.has(QueryFlag.VERBOSE);
        ObjectType type = QueryParser.typeNamed(q.value(verbose ? QueryFlag.VERBOSE : QueryFlag.TEMPLATE)).orElseThrow();
        ObjectTemplate t = ObjectTemplate.of(type);
        out.text(verbose ? t.verboseText() : t.templateText());
    }

    // ---------------------------------------------------------------- search

    private AnswerStream search(Query q, QueryClient client, String accountable, long allowance, ResponseText out) {
        List<String> sources = new ArrayList<>();
        if (q.sources().isEmpty() || q.has(QueryFlag.ALL_SOURCES)) {
            sources.add(db.source());
        } else {
            for (String s : q.sources()) {
                if (s.equals(db.source())) {
                    sources.add(s);
                } else {
                    out.message(QueryMessages.unknownSource(s));
                }
            }
        }
        if (sources.isEmpty()) {
            return AnswerStream.of(new QueryAnswer(out.finish(servedBy), 0, 0, false, QueryOutcome.ERROR));
        }
        Set<ObjectType> types = selectableTypes(q);
        if (!q.isInverse() && searchedClasses(q, types).isEmpty() && (q.key().isIpKey() || !q.types().isEmpty())) {
            return AnswerStream.of(new QueryAnswer(out.message(QueryMessages.invalidSearchKey()).finish(servedBy), 0, 0, false, QueryOutcome.ERROR));
        }
        if (q.has(QueryFlag.PRIMARY_KEYS)) {
            out.message(QueryMessages.primaryKeysOnlyNotice());
        } else if (q.filtersEmail()) {
            out.message(QueryMessages.filterNotice());
        }
        if (q.has(QueryFlag.NO_PERSONAL) && !q.has(QueryFlag.SHOW_PERSONAL)) {
            out.message(QueryMessages.noPersonalNotice());
        }
        ObjectSequence primary = ObjectSequence.of(primaryObjects(q, client, types, out), db);
        return new SearchAnswer(q, sources, primary, new Output(q, out, allowance, accountable));
    }

    /**
     * A search's answer, written primary object by primary object (with its group of related
     * objects) as the parts are asked for. Personal data is charged as each part is taken.
     */
    private final class SearchAnswer implements AnswerStream {
        /** A part is taken once it holds this many characters (or the answer is complete). */
        private static final int PART_CHARS = 32 * 1024;

        private final Query q;
        private final List<String> sources;
        private final ObjectSequence primary;
        private final Output o;
        private final Set<Long> shown = new HashSet<>();
        private ObjectSequence relatedToAll;
        private int nextPrimary;
        private int nextRelated;
        private int charged;
        private boolean done;

        SearchAnswer(Query q, List<String> sources, ObjectSequence primary, Output o) {
            this.q = q;
            this.sources = sources;
            this.primary = primary;
            this.o = o;
        }

        @Override
        public String next() {
            while (!done && o.out.length() < PART_CHARS) {
                done = !step();
            }
            if (!done) {
                chargePersonal();
                return o.out.take();
            }
            if (o.sent == 0 && !o.stopped) {
                o.out.message(QueryMessages.noResults(sources));
            }
            chargePersonal();
            return o.out.finish(servedBy);
        }

        @Override
        public QueryAnswer whole() {
            while (!done) {
                done = !step();
            }
            if (o.sent == 0 && !o.stopped) {
                o.out.message(QueryMessages.noResults(sources));
            }
            chargePersonal();
            return new QueryAnswer(o.out.finish(servedBy), o.sent, o.personal, o.stopped, outcome());
        }

        private void chargePersonal() {
            if (o.personal > charged) {
                account.charge(o.address, o.personal - charged);
                charged = o.personal;
            }
        }

        /** Writes the next primary object (or related object without grouping); false when there is none. */
        private boolean step() {
            if (q.has(QueryFlag.ABUSE_CONTACT)) {
                if (nextPrimary == primary.size()) {
                    return false;
                }
                StoredObject p = primary.get(nextPrimary++);
                if (p != null && ABUSE_TYPES.contains(p.key().type())) {
                    o.abuseBrief(p);
                }
                return true;
            }
            if (q.grouped()) {
                if (nextPrimary == primary.size() || o.stopped) {
                    return false;
                }
                StoredObject p = primary.get(nextPrimary++);
                if (p == null) {
                    return true;
                }
                o.out.message(QueryMessages.relatedTo(displayKey(p)));
                o.primary(p);
                shown.add(p.id());
                for (StoredObject r : related(q, List.of(p))) {
                    if (shown.add(r.id())) {
                        o.object(r);
                    }
                }
                return true;
            }
            if (nextPrimary < primary.size()) {
                StoredObject p = primary.get(nextPrimary++);
                if (p != null) {
                    o.primary(p);
                }
                return true;
            }
            if (relatedToAll == null) {
                relatedToAll = ObjectSequence.of(related(q, primary), db);
            }
            if (nextRelated == relatedToAll.size()) {
                return false;
            }
            StoredObject r = relatedToAll.get(nextRelated++);
            if (r != null && !primary.containsId(r.id())) {
                o.object(r);
            }
            return true;
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public int objects() {
            return o.sent;
        }

        @Override
        public int personalObjects() {
            return o.personal;
        }

        @Override
        public boolean close() {
            return o.stopped;
        }

        @Override
        public QueryOutcome outcome() {
            return o.stopped ? QueryOutcome.PERSONAL_DATA_LIMIT : o.sent == 0 ? QueryOutcome.NOT_FOUND : QueryOutcome.OK;
        }
    }

    /** Writes objects in their output form and counts personal data, stopping at the allowance. */
    private final class Output {
        final Query q;
        final ResponseText out;
        final long allowance;
        final String address;
        int sent;
        int personal;
        boolean stopped;

        Output(Query q, ResponseText out, long allowance, String address) {
            this.q = q;
            this.out = out;
            this.allowance = allowance;
            this.address = address;
        }

        void primary(StoredObject p) {
            if (!stopped && ABUSE_TYPES.contains(p.key().type())) {
                String key = displayKey(p);
                out.message(abuseMailbox(p).map(m -> QueryMessages.abuseContact(key, m)).orElse(QueryMessages.noAbuseContact(key)));
            }
            object(p);
        }

        void object(StoredObject s) {
            if (stopped) {
                return;
            }
            RpslObject obj = s.object();
            ObjectType type = s.key().type();
            if (q.has(QueryFlag.PRIMARY_KEYS)) {
                out.object(ObjectFilter.text(ObjectFilter.keysOnly(obj, type)));
                sent++;
                return;
            }
            if (q.has(QueryFlag.VALID_SYNTAX) || q.has(QueryFlag.NO_VALID_SYNTAX)) {
                boolean valid = validator.validate(obj).isValid();
                if (valid == q.has(QueryFlag.NO_VALID_SYNTAX)) {
                    out.message(valid ? QueryMessages.validSyntax(displayKey(s)) : QueryMessages.invalidSyntax(displayKey(s)));
                    return;
                }
            }
            if (isPersonalData(s)) {
                if (personal >= allowance) {
                    out.message(QueryMessages.accessDeniedTemporarily(address));
                    stopped = true;
                    return;
                }
                personal++;
            }
            RpslObject shown = ObjectFilter.filter(obj, q.filtersEmail());
            out.object(q.has(QueryFlag.BRIEF) ? ObjectFilter.brief(shown) : ObjectFilter.text(shown));
            sent++;
        }

        void abuseBrief(StoredObject p) {
            StringBuilder sb = new StringBuilder();
            RpslWriter.appendAttribute(sb, p.object().attributes().get(0));
            abuseMailbox(p).ifPresent(m -> RpslWriter.appendAttribute(sb, "abuse-mailbox", m));
            out.object(sb.toString());
            sent++;
        }
    }

    private static boolean isPersonalData(StoredObject s) {
        ObjectType t = s.key().type();
        return t == ObjectType.PERSON || (t == ObjectType.ROLE && !s.object().has("abuse-mailbox"));
    }

    private static Set<ObjectType> selectableTypes(Query q) {
        Set<ObjectType> types = q.types().isEmpty() ? EnumSet.allOf(ObjectType.class) : EnumSet.copyOf(q.types());
        if (q.has(QueryFlag.NO_PERSONAL) || q.has(QueryFlag.PRIMARY_KEYS)) {
            types.remove(ObjectType.PERSON);
            types.remove(ObjectType.ROLE);
        }
        if (q.has(QueryFlag.PRIMARY_KEYS)) {
            types.remove(ObjectType.ORGANISATION);
        }
        if (q.has(QueryFlag.RESOURCE)) {
            types.retainAll(RESOURCE_TYPES);
        }
        return types;
    }

    /** The classes a non-inverse search looks in: address classes for IP keys, else by key shape. */
    private static Set<ObjectType> searchedClasses(Query q, Set<ObjectType> types) {
        SearchKey key = q.key();
        Set<ObjectType> classes = EnumSet.noneOf(ObjectType.class);
        if (key.isIpKey()) {
            classes.addAll(addressClasses(q, key, types));
            return classes;
        }
        classes.addAll(KeyShapes.classesFor(key.text()));
        if (key.isReverseDomain()) {
            classes.add(ObjectType.DOMAIN);
        }
        classes.retainAll(types);
        return classes;
    }

    /** The primary results in RIPE's class order. */
    private List<StoredObject> primaryObjects(Query q, QueryClient client, Set<ObjectType> types, ResponseText out) {
        SearchKey key = q.key();
        Map<Long, StoredObject> found = new LinkedHashMap<>();
        if (q.isInverse()) {
            for (String attribute : q.inverseAttributes()) {
                if (!InverseKeys.isSearchable(attribute, client.trusted())) {
                    out.message(QueryMessages.attributeNotSearchable(attribute));
                    continue;
                }
                String upper = key.text().toUpperCase(Locale.ROOT);
                if (attribute.equals("auth") && (upper.startsWith("MD5-PW") || upper.startsWith("BCRYPT-PW")
                        || upper.startsWith("CRYPT-PW") || (upper.startsWith("SSO") && !client.trusted()))) {
                    out.message(QueryMessages.inverseAuthRefused());
                    continue;
                }
                for (StoredObject s : db.inverse(attribute, key.text(), ALL_TYPES)) {
                    if (types.contains(s.key().type())) {
                        found.putIfAbsent(s.id(), s);
                    }
                }
            }
            return byClass(found);
        }
        if (key.isIpKey()) {
            for (ObjectType type : addressClasses(q, key, types)) {
                for (StoredObject s : rangeLookup(type, key, q.ipRelation())) {
                    found.putIfAbsent(s.id(), s);
                }
            }
            return byClass(found);
        }
        Set<ObjectType> classes = searchedClasses(q, types);
        if (key.isReverseDomain() && q.has(QueryFlag.REVERSE_DOMAIN)) {
            // -d with a reverse domain: the address space it delegates is looked up as well
            Optional<IpRange> zone = ReverseDomain.toRange(key.lowerDomain());
            if (zone.isPresent()) {
                ObjectType addressClass = zone.get().ipv6() ? ObjectType.INET6NUM : ObjectType.INETNUM;
                if (types.contains(addressClass)) {
                    SearchKey asRange = new SearchKey(key.text(), zone, null);
                    for (StoredObject s : rangeLookup(addressClass, asRange, q.ipRelation())) {
                        found.putIfAbsent(s.id(), s);
                    }
                }
            }
        }
        if (classes.isEmpty()) {
            return byClass(found);
        }
        for (StoredObject s : db.lookup(key.text(), ALL_TYPES)) {
            if (classes.contains(s.key().type())) {
                found.putIfAbsent(s.id(), s);
            }
        }
        for (Map.Entry<String, Set<ObjectType>> normalised : NormalisedKeys.of(key.text(), classes).entrySet()) {
            for (StoredObject s : db.lookup(normalised.getKey(), ALL_TYPES)) {
                if (normalised.getValue().contains(s.key().type())) {
                    found.putIfAbsent(s.id(), s);
                }
            }
        }
        List<StoredObject> sorted = new ArrayList<>(found.values());
        sorted.sort(Comparator.comparingInt((StoredObject s) -> s.key().type().ordinal()).thenComparing(s -> s.key().key()));
        return sorted;
    }

    /** Keeps the database's order within a class (tree order for IP results), classes in RIPE order. */
    private static List<StoredObject> byClass(Map<Long, StoredObject> found) {
        List<StoredObject> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparingInt(s -> s.key().type().ordinal()));
        return out;
    }

    private static List<ObjectType> addressClasses(Query q, SearchKey key, Set<ObjectType> types) {
        boolean v6 = key.ip().get().ipv6();
        List<ObjectType> classes = new ArrayList<>(3);
        if (!key.isRouteKey()) {
            classes.add(v6 ? ObjectType.INET6NUM : ObjectType.INETNUM);
        }
        classes.add(v6 ? ObjectType.ROUTE6 : ObjectType.ROUTE);
        if (q.has(QueryFlag.REVERSE_DOMAIN) && !key.isRouteKey()) {
            classes.add(ObjectType.DOMAIN);
        }
        classes.retainAll(types);
        return classes;
    }

    /** Default: exact match, else the smallest enclosing object; a route key defaults to exact. */
    private List<StoredObject> rangeLookup(ObjectType type, SearchKey key, RangeQuery relation) {
        IpRange range = key.ip().get();
        List<StoredObject> result;
        if (relation == null) {
            result = db.ranges(type, range, key.isRouteKey() ? RangeQuery.EXACT : RangeQuery.EXACT_ELSE_ONE_LESS);
        } else {
            result = db.ranges(type, range, relation);
        }
        if (key.isRouteKey()) {
            List<StoredObject> filtered = new ArrayList<>();
            for (StoredObject s : result) {
                if (key.origin().equals(ObjectKey.normalise(ObjectType.AUT_NUM, s.object().value("origin")))) {
                    filtered.add(s);
                }
            }
            return filtered;
        }
        return result;
    }

    // ---------------------------------------------------------------- related objects

    /** Referenced contacts and organisations (and irt with -c) of these objects, in RIPE's order. */
    private List<StoredObject> related(Query q, Iterable<StoredObject> primary) {
        Map<Long, StoredObject> out = new LinkedHashMap<>();
        boolean personal = !q.has(QueryFlag.NO_PERSONAL);
        for (StoredObject p : primary) {
            if (q.has(QueryFlag.IRT)) {
                irt(p).forEach(s -> out.putIfAbsent(s.id(), s));
            }
            if (!q.addsReferenced()) {
                continue;
            }
            RpslObject obj = p.object();
            if (personal) {
                for (String attribute : CONTACT_ATTRIBUTES) {
                    for (String handle : obj.values(attribute)) {
                        contact(handle).ifPresent(s -> out.putIfAbsent(s.id(), s));
                    }
                }
            }
            for (String org : obj.values("org")) {
                db.get(ObjectType.ORGANISATION, org).ifPresent(s -> out.putIfAbsent(s.id(), s));
            }
        }
        List<StoredObject> sorted = new ArrayList<>(out.values());
        sorted.sort(RELATED_ORDER);
        return sorted;
    }

    private Optional<StoredObject> contact(String handle) {
        Optional<StoredObject> person = db.get(ObjectType.PERSON, handle);
        return person.isPresent() ? person : db.get(ObjectType.ROLE, handle);
    }

    /**
     * The irt objects for {@code -c}: those the object names in {@code mnt-irt:}; if none, those of
     * the first enclosing inet(6)num that has {@code mnt-irt:}, outermost first (RIPE's order).
     */
    private List<StoredObject> irt(StoredObject p) {
        List<StoredObject> out = new ArrayList<>();
        List<String> names = p.object().values("mnt-irt");
        ObjectType type = p.key().type();
        if (names.isEmpty() && (type == ObjectType.INETNUM || type == ObjectType.INET6NUM)) {
            Optional<IpRange> range = IpRange.parse(p.object().classValue());
            if (range.isPresent()) {
                for (StoredObject parent : db.ranges(type, range.get(), RangeQuery.ALL_LESS)) {
                    if (parent.id() != p.id() && parent.object().has("mnt-irt")) {
                        names = parent.object().values("mnt-irt");
                        break;
                    }
                }
            }
        }
        for (String name : names) {
            db.get(ObjectType.IRT, name).ifPresent(out::add);
        }
        return out;
    }

    // ---------------------------------------------------------------- abuse contact

    /**
     * The abuse mailbox of a resource, resolved as updates and the abuse report resolve it: its own
     * {@code abuse-c:} role, else its organisation's; for inet(6)num, else the closest enclosing
     * object's, climbing until an object maintained by the registry's own maintainer.
     */
    Optional<String> abuseMailbox(StoredObject resource) {
        return abuseContacts.abuseMailbox(resource.object());
    }

    /** The key as "Information related to" and the abuse line show it. */
    static String displayKey(StoredObject s) {
        RpslObject o = s.object();
        return switch (s.key().type()) {
            case INETNUM -> IpRange.parse(o.classValue()).map(IpRange::toString).orElse(o.classValue());
            case ROUTE, ROUTE6 -> o.classValue() + (o.value("origin") == null ? "" : o.value("origin"));
            case PERSON, ROLE -> o.value("nic-hdl") == null ? o.classValue() : o.value("nic-hdl");
            default -> o.classValue();
        };
    }
}
