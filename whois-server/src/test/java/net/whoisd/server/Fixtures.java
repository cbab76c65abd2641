package net.whoisd.server;

import net.whoisd.server.auth.BcryptCredential;

/** The RPSL text of the persons and maintainers that tests seed and submit, written once. */
public final class Fixtures {
    /** The lowest cost bcrypt allows: a test checks many passwords. */
    public static final int BCRYPT_COST = 4;

    private Fixtures() {
    }

    /** A person with an address and an e-mail address derived from its NIC handle. */
    public static String person(String name, String nicHdl, String mntBy) {
        return "person:         " + name + "\n"
                + "address:        Street 1\n"
                + "e-mail:         " + nicHdl.toLowerCase() + "@example.net\n"
                + "nic-hdl:        " + nicHdl + "\n"
                + "mnt-by:         " + mntBy + "\n"
                + "source:         TEST\n";
    }

    /**
     * A maintainer of itself whose admin-c is AP1-TEST and whose one credential is {@code password}.
     *
     * @param extra attribute lines put before the credential ("" for none)
     */
    public static String mntner(String name, String password, String extra) {
        return "mntner:         " + name + "\n"
                + "admin-c:        AP1-TEST\n"
                + "upd-to:         " + name.toLowerCase() + "-updto@example.net\n"
                + extra
                + "auth:           " + hash(password) + "\n"
                + "mnt-by:         " + name + "\n"
                + "source:         TEST\n";
    }

    /** An {@code auth:} value for the password. */
    public static String hash(String password) {
        return "BCRYPT-PW " + BcryptCredential.hash(password, BCRYPT_COST);
    }
}
