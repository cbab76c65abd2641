package net.whoisd.storage;

import java.time.Instant;
import net.whoisd.rpsl.RpslObject;

/**
 * One historical version of an object, for {@code --list-versions} and {@code --show-version}.
 *
 * @param version   1-based version number within the object's current life (RIPE numbering)
 * @param operation what made this version (a DELETE version holds the object as it was deleted)
 * @param serial    the journal serial of the change
 * @param time      when the change was committed
 * @param object    the object text of that version
 */
public record ObjectVersion(int version, Operation operation, long serial, Instant time, RpslObject object) {
}
