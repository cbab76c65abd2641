package net.whoisd.server.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/** A real Ed25519 OpenPGP key made in the test, to sign mail the way gpg, Thunderbird and mutt do. */
final class TestPgpKey {
    private final PGPKeyPair pair;
    private final PGPPublicKeyRing publicRing;

    private TestPgpKey(PGPKeyPair pair, PGPPublicKeyRing publicRing) {
        this.pair = pair;
        this.publicRing = publicRing;
    }

    static TestPgpKey generate(String userId) {
        try {
            Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
            generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            AsymmetricCipherKeyPair keys = generator.generateKeyPair();
            PGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, keys, new Date());
            PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                    sha1, null, null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256),
                    new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).build("unused".toCharArray()));
            return new TestPgpKey(pair, rings.generatePublicKeyRing());
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code PGPKEY-XXXXXXXX}: the last eight hex digits of the key id, as RPSL names key-certs. */
    String keyCertId() {
        return "PGPKEY-" + String.format("%016X", pair.getKeyID()).substring(8).toUpperCase(Locale.ROOT);
    }

    String armoredPublicKey() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
            publicRing.encode(armor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** A detached binary-document signature over exactly these bytes, armoured. */
    String detachedSignature(byte[] data) {
        try {
            PGPSignatureGenerator generator = signer(PGPSignature.BINARY_DOCUMENT);
            generator.update(data);
            return armor(generator.generate());
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same, with the armour's CRC line left out (some mail programs do, RIPE-NCC/whois#423). */
    String detachedSignatureWithoutCrc(byte[] data) {
        List<String> kept = new ArrayList<>();
        for (String line : detachedSignature(data).split("\r?\n")) {
            if (!(line.startsWith("=") && line.length() == 5)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept) + "\n";
    }

    /** A clear-signed (inline PGP) message around {@code text} (which ends with a line break). */
    String clearSign(String text) {
        try {
            PGPSignatureGenerator generator = signer(PGPSignature.CANONICAL_TEXT_DOCUMENT);
            String[] lines = text.split("\r?\n", -1);
            int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    generator.update("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                generator.update(lines[i].replaceAll("[ \\t]+$", "").getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ArmoredOutputStream armor = new ArmoredOutputStream(out);
            armor.beginClearText(HashAlgorithmTags.SHA256);
            for (int i = 0; i < count; i++) {
                armor.write((lines[i] + "\n").getBytes(StandardCharsets.UTF_8));
            }
            armor.endClearText();
            generator.generate().encode(new BCPGOutputStream(armor));
            armor.close();
            return out.toString(StandardCharsets.UTF_8);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies an armoured detached signature with this key (to check what the parser extracted). */
    boolean verifies(byte[] data, String armoredSignature) {
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armoredSignature.getBytes(StandardCharsets.US_ASCII)))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            PGPSignature signature = ((PGPSignatureList) object).get(0);
            PGPPublicKey key = pair.getPublicKey();
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(data);
            return signature.verify();
        } catch (IOException | PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private PGPSignatureGenerator signer(int type) throws PGPException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256),
                pair.getPublicKey());
        generator.init(type, pair.getPrivateKey());
        return generator;
    }

    private static String armor(PGPSignature signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
            signature.encode(new BCPGOutputStream(armor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
