package net.whoisd.server.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/** A PGP key generated for a test, able to clearsign text and to print itself as key-cert {@code certif:} lines. */
public final class TestPgp {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final PGPPublicKeyRing publicRing;
    private final PGPPrivateKey privateKey;
    private final PGPPublicKey publicKey;

    private TestPgp(PGPPublicKeyRing publicRing, PGPPrivateKey privateKey) {
        this.publicRing = publicRing;
        this.privateKey = privateKey;
        this.publicKey = publicRing.getPublicKey();
    }

    public static TestPgp generate(String userId) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA", BC);
        kpg.initialize(2048);
        KeyPair kp = kpg.generateKeyPair();
        PGPKeyPair pair = new JcaPGPKeyPair(PGPPublicKey.RSA_GENERAL, kp, new Date());
        PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build().get(HashAlgorithmTags.SHA1);
        PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId, sha1, null, null,
                new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(BC),
                null);
        return new TestPgp(gen.generatePublicKeyRing(), pair.getPrivateKey());
    }

    /** {@code PGPKEY-XXXXXXXX}. */
    public String keyCertId() {
        return PgpKeyCert.idFor(publicKey.getKeyID());
    }

    public String armoredPublicKey() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
            publicRing.encode(armor);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** The key as {@code certif:} lines of a key-cert object. */
    public String certifLines() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : armoredPublicKey().split("\r?\n")) {
            sb.append("certif:         ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** The text clearsigned now. */
    public String clearSign(String text) throws Exception {
        return clearSign(text, Instant.now());
    }

    /** The text clearsigned with the given signature time. */
    public String clearSign(String text, Instant signedAt) throws Exception {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        StringBuilder canonical = new StringBuilder();
        StringBuilder escaped = new StringBuilder();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            canonical.append(i > 0 ? "\r\n" : "").append(lines[i].replaceAll("[ \t]+$", ""));
            escaped.append(lines[i].startsWith("-") ? "- " + lines[i] : lines[i]).append('\n');
        }
        PGPSignature signature = sign(canonical.toString().getBytes(StandardCharsets.UTF_8),
                PGPSignature.CANONICAL_TEXT_DOCUMENT, signedAt);
        return "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + escaped + armor(signature);
    }

    /** A detached signature (as in PGP/MIME) over the bytes. */
    public String detachedSignature(byte[] data) throws Exception {
        return detachedSignature(data, Instant.now());
    }

    /** A detached signature made at the given time. */
    public String detachedSignature(byte[] data, Instant signedAt) throws Exception {
        return armor(sign(data, PGPSignature.BINARY_DOCUMENT, signedAt));
    }

    private PGPSignature sign(byte[] data, int type, Instant signedAt) throws PGPException {
        PGPSignatureGenerator gen = new PGPSignatureGenerator(
                new JcaPGPContentSignerBuilder(publicKey.getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(BC), publicKey);
        gen.init(type, privateKey);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, Date.from(signedAt));
        hashed.setIssuerKeyID(false, publicKey.getKeyID());
        gen.setHashedSubpackets(hashed.generate());
        gen.update(data);
        return gen.generate();
    }

    private static String armor(PGPSignature signature) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out); OutputStream packets = new BCPGOutputStream(armor)) {
            signature.encode(packets);
        }
        return out.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n");
    }
}
