package net.whoisd.server.acl;

/**
 * The daily personal-data allowance of client addresses (implemented by the ACL). Trusted
 * addresses have an unlimited allowance.
 */
public interface PersonalDataAccount {
    /** How many more personal-data objects this address may receive today (0 when blocked). */
    long remaining(String address);

    /** Records that {@code count} personal-data objects were sent to this address. */
    void charge(String address, int count);
}
