package net.whoisd.server.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.whoisd.rpsl.RpslAttribute;
import net.whoisd.rpsl.RpslObject;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * The PGP public key of a {@code key-cert} object, read from its {@code certif:} lines (an ASCII
 * armored key block, one line per attribute).
 *
 * @param ring the public key ring (master key and subkeys)
 */
public record PgpKeyCert(PGPPublicKeyRing ring) {

    /** Reads the key from an armored public key block. */
    public static Optional<PgpKeyCert> parse(String armored) {
        if (armored == null || !armored.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            return Optional.empty();
        }
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            PGPPublicKeyRing ring = new PGPPublicKeyRing(in, new JcaKeyFingerprintCalculator());
            return Optional.of(new PgpKeyCert(ring));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the key of a key-cert object: the values of its {@code certif:} attributes, one line each. */
    public static Optional<PgpKeyCert> fromObject(RpslObject keyCert) {
        return parse(armoredText(keyCert));
    }

    /** The armored text held in the {@code certif:} lines. */
    public static String armoredText(RpslObject keyCert) {
        StringBuilder sb = new StringBuilder();
        for (RpslAttribute a : keyCert.findAll("certif")) {
            String[] physical = a.value().split("\n", -1);
            for (int i = 0; i < physical.length; i++) {
                String line = physical[i];
                // continuation lines start with a blank or '+'; a base64 line may itself start with '+'
                if (i > 0 && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(0) == '+')) {
                    line = line.substring(1);
                }
                sb.append(line.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    public PGPPublicKey masterKey() {
        return ring.getPublicKey();
    }

    /** The key-cert name for this key: {@code PGPKEY-} and the low 32 bits of the key id in hex. */
    public String keyCertId() {
        return idFor(masterKey().getKeyID());
    }

    public static String idFor(long keyId) {
        return "PGPKEY-" + String.format(Locale.ROOT, "%08X", keyId & 0xFFFFFFFFL);
    }

    /** The fingerprint as RIPE prints it: groups of four hex digits, two spaces in the middle. */
    public String fingerprint() {
        byte[] fp = masterKey().getFingerprint();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fp.length; i += 2) {
            if (i > 0) {
                sb.append(i == fp.length / 2 ? "  " : " ");
            }
            sb.append(String.format(Locale.ROOT, "%02X", fp[i]));
            if (i + 1 < fp.length) {
                sb.append(String.format(Locale.ROOT, "%02X", fp[i + 1]));
            }
        }
        return sb.toString();
    }

    /** The user ids of the master key ({@code owner:} lines). */
    public List<String> owners() {
        List<String> out = new ArrayList<>();
        Iterator<String> ids = masterKey().getUserIDs();
        while (ids.hasNext()) {
            out.add(ids.next());
        }
        return out;
    }

    /** The key (master or subkey) with that id, if it is usable for verification at {@code now}. */
    public Optional<PGPPublicKey> verificationKey(long keyId, Instant now) {
        PGPPublicKey key = ring.getPublicKey(keyId);
        if (key == null || key.hasRevocation() || isExpired(masterKey(), now) || isExpired(key, now)) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    public boolean isExpired(Instant now) {
        return isExpired(masterKey(), now);
    }

    private static boolean isExpired(PGPPublicKey key, Instant now) {
        long valid = key.getValidSeconds();
        return valid > 0 && key.getCreationTime().toInstant().plusSeconds(valid).isBefore(now);
    }
}
