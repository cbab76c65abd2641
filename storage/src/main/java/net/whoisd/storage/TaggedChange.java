package net.whoisd.storage;

/**
 * A committed change and the tag its committer gave it (see {@link WhoisDatabase#commit(java.util.List, Runnable,
 * java.util.List)}).
 *
 * @param tag    the committer's tag
 * @param serial the change's journal serial
 * @param change what was changed
 */
public record TaggedChange(String tag, long serial, Change change) {
}
