package net.whoisd.server.update;

import java.util.List;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslObject;

/**
 * The outcome for one object of an update message.
 *
 * @param action     what was (or would have been) done
 * @param succeeded  true if it was applied (or, in a dry run, would have been)
 * @param type       the object's class
 * @param key        the normalised primary key ({@code JD1-TEST}, {@code 192.0.2.0 - 192.0.2.255})
 * @param displayKey the key as the acknowledgement shows it after {@code [class] } (person/role add their name)
 * @param object     the object as submitted (after AUTO keys and normalisation) or, for a success, as stored
 * @param messages   errors, warnings and infos; {@code attribute} names the attribute concerned or is null
 */
public record ObjectResult(Action action, boolean succeeded, ObjectType type, String key, String displayKey,
                           RpslObject object, List<Problem> messages) {
    public ObjectResult {
        messages = List.copyOf(messages);
    }

    /** The result line tools look for, e.g. {@code Create SUCCEEDED: [person] JD1-TEST   John Doe}. */
    public String resultLine() {
        String formatted = "[" + type.attributeName() + "] " + displayKey;
        if (action == Action.NOOP) {
            return "No operation: " + formatted;
        }
        return action.label() + (succeeded ? " SUCCEEDED: " : " FAILED: ") + formatted;
    }
}
