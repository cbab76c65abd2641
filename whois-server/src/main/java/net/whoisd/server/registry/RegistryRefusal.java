package net.whoisd.server.registry;

/**
 * An operation that is not carried out, with the reason the operator sees and the HTTP status that
 * carries it (400 bad input, 404 unknown object, 409 refused by policy or the registry's state).
 * Nothing has been changed when this is thrown.
 */
public final class RegistryRefusal extends RuntimeException {
    private final int status;

    public RegistryRefusal(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static RegistryRefusal badInput(String reason) {
        return new RegistryRefusal(400, reason);
    }

    public static RegistryRefusal notFound(String reason) {
        return new RegistryRefusal(404, reason);
    }

    public static RegistryRefusal refused(String reason) {
        return new RegistryRefusal(409, reason);
    }
}
