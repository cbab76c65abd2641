package net.whoisd.server.update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.server.registry.AbuseContactResolver;
import net.whoisd.server.registry.ObjectLookup;
import net.whoisd.storage.RangeQuery;

/**
 * The abuse-contact policy seen from the other side: a change to a role, an organisation or an
 * address object that other resources reach their abuse contact through (removing {@code abuse-mailbox:}
 * from the role, {@code abuse-c:} from the organisation, deleting either, or an enclosing object's
 * {@code abuse-c:}) must not leave those resources without a valid contact. Only resources whose
 * contact was valid before and is not after are counted: an already broken one is the abuse report's.
 */
final class AbuseContactOrphans {
    static final int LISTED = 10;
    private static final Set<ObjectType> RESOURCES = Set.of(ObjectType.INETNUM, ObjectType.INET6NUM, ObjectType.AUT_NUM);

    private final ObjectView view;
    private final String registryMntner;

    AbuseContactOrphans(ObjectView view, String registryMntner) {
        this.view = view;
        this.registryMntner = registryMntner;
    }

    /** A message naming the resources the change would orphan (the first {@value #LISTED} and a count), or empty. */
    Optional<String> check(Proposal p) {
        RpslObject before = p.current();
        RpslObject after = p.action() == Action.DELETE ? null : p.object();
        if (before == null || !mayOrphan(p.type(), before, after)) {
            return Optional.empty();
        }
        AbuseContactResolver was = new AbuseContactResolver(lookup(p, before), registryMntner);
        AbuseContactResolver willBe = new AbuseContactResolver(lookup(p, after), registryMntner);
        ObjectKey changed = new ObjectKey(p.type(), p.key());
        List<String> orphaned = new ArrayList<>();
        for (RpslObject resource : dependants(p.type(), p.key(), before)) {
            if (ObjectKey.of(resource).equals(changed)) {
                continue;   // the object itself is held to the policy as a resource
            }
            if (was.resolve(resource).isValid() && !willBe.resolve(resource).isValid()) {
                orphaned.add(ObjectKey.of(resource).toString());
            }
        }
        if (orphaned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("This change would leave " + orphaned.size() + " resource(s) without a valid abuse contact"
                + " (a role with abuse-mailbox, phone and address): "
                + String.join(", ", orphaned.subList(0, Math.min(LISTED, orphaned.size())))
                + (orphaned.size() > LISTED ? " and " + (orphaned.size() - LISTED) + " more" : ""));
    }

    /** Cheap test first, so ordinary changes never look for dependants. */
    private static boolean mayOrphan(ObjectType type, RpslObject before, RpslObject after) {
        return switch (type) {
            case ROLE -> AbuseContactResolver.isValidContact(before) && (after == null || !AbuseContactResolver.isValidContact(after));
            case ORGANISATION -> before.value("abuse-c") != null
                    && (after == null || !before.value("abuse-c").equalsIgnoreCase(Objects.toString(after.value("abuse-c"), "")));
            case INETNUM, INET6NUM -> after == null || !Objects.equals(before.value("abuse-c"), after.value("abuse-c"))
                    || !Objects.equals(before.value("org"), after.value("org"));
            default -> false;
        };
    }

    /** Resources that may reach their abuse contact through the object, with the space inside them. */
    private List<RpslObject> dependants(ObjectType type, String key, RpslObject before) {
        Map<ObjectKey, RpslObject> direct = new LinkedHashMap<>();
        switch (type) {
            case ROLE -> {
                view.inverse("abuse-c", key, RESOURCES).forEach(o -> direct.put(ObjectKey.of(o), o));
                for (RpslObject org : view.inverse("abuse-c", key, Set.of(ObjectType.ORGANISATION))) {
                    view.inverse("org", org.classValue(), RESOURCES).forEach(o -> direct.put(ObjectKey.of(o), o));
                }
            }
            case ORGANISATION -> view.inverse("org", key, RESOURCES).forEach(o -> direct.put(ObjectKey.of(o), o));
            default -> direct.put(ObjectKey.of(before), before);
        }
        Map<ObjectKey, RpslObject> all = new LinkedHashMap<>(direct);
        for (RpslObject o : direct.values()) {
            ObjectType t = o.type().orElseThrow();
            if (t == ObjectType.INETNUM || t == ObjectType.INET6NUM) {
                IpRange.parse(o.classValue()).ifPresent(r ->
                        view.ranges(t, r, RangeQuery.ALL_MORE).forEach(inner -> all.putIfAbsent(ObjectKey.of(inner), inner)));
            }
        }
        return new ArrayList<>(all.values());
    }

    /** The message's view of the database with the changed object as given (null: deleted). */
    private ObjectLookup lookup(Proposal p, RpslObject version) {
        ObjectKey changed = new ObjectKey(p.type(), p.key());
        return new ObjectLookup() {
            @Override
            public Optional<RpslObject> get(ObjectType type, String primaryKey) {
                if (new ObjectKey(type, ObjectKey.normalise(type, primaryKey)).equals(changed)) {
                    return Optional.ofNullable(version);
                }
                return view.get(type, primaryKey);
            }

            @Override
            public List<RpslObject> enclosing(ObjectType type, IpRange range) {
                List<RpslObject> out = new ArrayList<>();
                for (RpslObject o : view.ranges(type, range, RangeQuery.ALL_LESS)) {
                    if (!ObjectKey.of(o).equals(changed)) {
                        out.add(o);
                    } else if (version != null) {
                        out.add(version);
                    }
                }
                return out;
            }
        };
    }
}
