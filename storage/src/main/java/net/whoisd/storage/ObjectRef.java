package net.whoisd.storage;

import net.whoisd.rpsl.ObjectKey;

/** An object named by its id and key, without its text: what an answer too large to hold whole keeps. */
public record ObjectRef(long id, ObjectKey key) {
}
