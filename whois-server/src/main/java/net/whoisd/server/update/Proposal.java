package net.whoisd.server.update;

import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;

/**
 * One object change being checked.
 *
 * @param action  create, modify or delete (no-ops are never checked further)
 * @param type    the class
 * @param key     the normalised primary key
 * @param object  the submitted object (normalised, AUTO keys resolved)
 * @param current the stored version, or null for a create
 */
record Proposal(Action action, ObjectType type, String key, RpslObject object, RpslObject current) {

    /** The version whose maintainers guard the object: the stored one if there is one. */
    RpslObject guarding() {
        return current != null ? current : object;
    }

    String subject() {
        return "[" + type.attributeName() + "] " + key;
    }
}
