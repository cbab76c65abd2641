package net.whoisd.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.whoisd.rpsl.RpslObject;
import org.junit.jupiter.api.Test;

/** Base64 lines of a key block may start with '+'; on a certif: line that is key material, not a continuation marker. */
class PgpKeyCertArmourTest {
    @Test
    void base64LineStartingWithPlusIsKept() {
        RpslObject keyCert = RpslObject.parse("key-cert:       PGPKEY-12345678\n"
                + "certif:         -----BEGIN PGP PUBLIC KEY BLOCK-----\n"
                + "certif:\n"
                + "certif:         +0nGAhf1i06m+oxUeeHoL65yDlOuew\n"
                + "certif:         mQENBGk=\n"
                + "+               +continued\n"
                + "certif:         -----END PGP PUBLIC KEY BLOCK-----\n"
                + "source:         TEST\n");
        assertEquals("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n+0nGAhf1i06m+oxUeeHoL65yDlOuew\nmQENBGk=\n+continued\n"
                + "-----END PGP PUBLIC KEY BLOCK-----\n", PgpKeyCert.armoredText(keyCert));
    }
}
