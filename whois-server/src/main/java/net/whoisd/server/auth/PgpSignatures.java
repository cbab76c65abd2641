package net.whoisd.server.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import net.whoisd.rpsl.RpslObject;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Verifies PGP signatures against the keys in {@code key-cert} objects. Signatures older than
 * {@link #MAX_AGE} are refused (as RIPE does), so that a captured signed message cannot be replayed
 * later.
 */
public final class PgpSignatures {
    /** The oldest signature accepted. */
    public static final Duration MAX_AGE = Duration.ofHours(1);
    /** Tolerated clock difference for signatures from the future. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private PgpSignatures() {
    }

    /** What a verification found: the key-cert that verified, or why none did. */
    public record Verification(Optional<String> keyCertId, String failure) {
        static Verification ok(String id) {
            return new Verification(Optional.of(id), null);
        }

        static Verification failed(String why) {
            return new Verification(Optional.empty(), why);
        }

        public boolean verified() {
            return keyCertId.isPresent();
        }
    }

    /**
     * Verifies a detached signature (PGP/MIME) over {@code signedBytes}; returns the key-cert id
     * ({@code PGPKEY-XXXXXXXX}) whose key verified it.
     */
    public static Optional<String> verifyDetached(byte[] signedBytes, String armoredSignature,
                                                  Function<String, Optional<RpslObject>> keyCertLookup) {
        return verify(signedBytes, armoredSignature, keyCertLookup, Instant.now()).keyCertId();
    }

    /**
     * The same, with the reason when it fails, judging the signature's age at {@code at}: the mail
     * door gives the time it received the message, so that mail which waited in its spool (server
     * stopped) is judged as it arrived.
     */
    public static Verification verifyDetached(byte[] signedBytes, String armoredSignature,
                                              Function<String, Optional<RpslObject>> keyCertLookup, Instant at) {
        return verify(signedBytes, armoredSignature, keyCertLookup, at);
    }

    /** Verifies an inline clearsigned block. */
    public static Verification verifyClearSigned(ClearSignedBlock block,
                                                 Function<String, Optional<RpslObject>> keyCertLookup, Instant now) {
        return verify(block.canonicalBytes(), block.armoredSignature(), keyCertLookup, now);
    }

    static Verification verify(byte[] signedBytes, String armoredSignature,
                               Function<String, Optional<RpslObject>> keyCertLookup, Instant now) {
        PGPSignature signature;
        try {
            signature = readSignature(armoredSignature);
        } catch (IOException | PGPException | RuntimeException e) {
            return Verification.failed("the PGP signature cannot be read");
        }
        if (signature == null) {
            return Verification.failed("no PGP signature found");
        }
        String keyCertId = PgpKeyCert.idFor(signature.getKeyID());
        Optional<PgpKeyCert> cert = keyCertLookup.apply(keyCertId).flatMap(PgpKeyCert::fromObject);
        if (cert.isEmpty()) {
            return Verification.failed("no key-cert object " + keyCertId + " holds the signing key");
        }
        Optional<PGPPublicKey> key = cert.get().verificationKey(signature.getKeyID(), now);
        if (key.isEmpty()) {
            return Verification.failed("the key of " + keyCertId + " is expired, revoked or unknown");
        }
        Instant created = signature.getCreationTime().toInstant();
        if (created.isBefore(now.minus(MAX_AGE))) {
            return Verification.failed("the PGP signature by " + keyCertId + " was made more than "
                    + MAX_AGE.toMinutes() + " minutes ago");
        }
        if (created.isAfter(now.plus(MAX_SKEW))) {
            return Verification.failed("the PGP signature by " + keyCertId + " is dated in the future");
        }
        try {
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(PROVIDER), key.get());
            signature.update(signedBytes);
            return signature.verify() ? Verification.ok(keyCertId)
                    : Verification.failed("the PGP signature by " + keyCertId + " does not match the signed text");
        } catch (PGPException | RuntimeException e) {
            return Verification.failed("the PGP signature by " + keyCertId + " cannot be checked");
        }
    }

    private static PGPSignature readSignature(String armored) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            JcaPGPObjectFactory factory = new JcaPGPObjectFactory(in);
            Object o = factory.nextObject();
            if (o instanceof PGPCompressedData compressed) {
                o = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            if (o instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
            return null;
        }
    }
}
