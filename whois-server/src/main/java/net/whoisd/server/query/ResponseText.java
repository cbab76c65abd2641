package net.whoisd.server.query;

/**
 * Collects the blocks of one answer: every message block and every object is followed by exactly
 * one empty line, and the answer ends with the served-by line and two empty lines. A large answer is
 * taken a part at a time ({@link #take}), the end with {@link #finish}.
 */
final class ResponseText {
    private final StringBuilder sb = new StringBuilder(1024);
    private int objects;

    /** A {@code %} message block (its lines already end in newlines). */
    ResponseText message(String block) {
        sb.append(block).append('\n');
        return this;
    }

    /** An object's text (lines ending in newlines). */
    ResponseText object(String text) {
        sb.append(text).append('\n');
        objects++;
        return this;
    }

    /** Text that is neither a message nor an object (templates, help), followed by one empty line. */
    ResponseText text(String text) {
        sb.append(text).append('\n');
        return this;
    }

    int objects() {
        return objects;
    }

    /** Characters collected since the last {@link #take}. */
    int length() {
        return sb.length();
    }

    /** The text collected since the last take, forgotten here (for answers written a part at a time). */
    String take() {
        String text = sb.toString();
        sb.setLength(0);
        return text;
    }

    String finish(String servedBy) {
        return sb.append(servedBy).append('\n').append('\n').toString();
    }
}
