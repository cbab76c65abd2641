package net.whoisd.server.http;

/** A form body that cannot be decoded. Its message says what is wrong and never quotes the body. */
public final class MalformedFormException extends IllegalArgumentException {
    public MalformedFormException(String problem) {
        super(problem);
    }
}
