package vn.kyso.api.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.kyso.api.TestCertificates;

/**
 * RSA PKCS#1 v1.5 values checked by the JDK give Bouncy Castle's verdict on every value, honest or
 * not, and the algorithms the JDK lacks still reach Bouncy Castle.
 */
class JdkFirstRsaVerifiersTest {
  private static final Provider BC = new BouncyCastleProvider();
  private static final byte[] DATA = "Công văn số 12/UBND".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {7});

  private static KeyPair keys;
  private static X509Certificate cert;

  @BeforeAll
  static void keys() throws Exception {
    keys = TestCertificates.rsa(1024);
    cert = TestCertificates.selfSigned(new X500Principal("CN=Ký thử"), keys, false).certificate();
  }

  /** Bouncy Castle's own verifier for the certificate: the reference verdict. */
  private static boolean byBouncyCastle(String algorithm, byte[] data, byte[] value)
      throws Exception {
    return check(
        new JcaContentVerifierProviderBuilder().setProvider(BC).build(cert),
        algorithm,
        data,
        value);
  }

  private static boolean byKyso(String algorithm, byte[] data, byte[] value) throws Exception {
    ContentVerifierProvider named =
        new JcaContentVerifierProviderBuilder().setProvider(BC).build(cert);
    ContentVerifierProvider jdk = new JcaContentVerifierProviderBuilder().build(cert);
    return check(
        new JdkFirstRsaVerifiers(jdk, named, (RSAPublicKey) cert.getPublicKey()),
        algorithm,
        data,
        value);
  }

  private static boolean check(
      ContentVerifierProvider provider, String algorithm, byte[] data, byte[] value)
      throws Exception {
    AlgorithmIdentifier id = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
    ContentVerifier v = provider.get(id);
    v.getOutputStream().write(data);
    return v.verify(value);
  }

  private static byte[] sign(String algorithm, byte[] data) throws Exception {
    Signature s = Signature.getInstance(algorithm, BC);
    s.initSign(keys.getPrivate());
    s.update(data);
    return s.sign();
  }

  /** Variants of one value: itself, each byte flipped in turn at a few places, cut, lengthened. */
  private static List<byte[]> variants(byte[] value) {
    byte[] flippedFirst = value.clone();
    flippedFirst[0] ^= 1;
    byte[] flippedLast = value.clone();
    flippedLast[value.length - 1] ^= (byte) 0x80;
    byte[] zeroFirst = value.clone();
    zeroFirst[0] = 0;
    byte[] longer = new byte[value.length + 1];
    System.arraycopy(value, 0, longer, 1, value.length);
    byte[] allOnes = new byte[value.length];
    Arrays.fill(allOnes, (byte) 0xff);
    return List.of(
        value,
        flippedFirst,
        flippedLast,
        zeroFirst,
        Arrays.copyOf(value, value.length - 1),
        Arrays.copyOfRange(value, 1, value.length),
        longer,
        allOnes,
        new byte[0]);
  }

  @Test
  void everyVariantOfEveryAlgorithm_getsBouncyCastlesVerdict() throws Exception {
    for (String algorithm :
        List.of(
            "SHA1WITHRSA",
            "SHA256WITHRSA",
            "SHA384WITHRSA",
            "SHA512WITHRSA",
            "SHA512(224)WITHRSA",
            "SHA3-256WITHRSA",
            "SHA256WITHRSAANDMGF1")) {
      byte[] value = sign(algorithm, DATA);
      byte[] otherData = DATA.clone();
      otherData[3] ^= 1;
      for (byte[] variant : variants(value)) {
        for (byte[] data : List.of(DATA, otherData)) {
          assertThat(byKyso(algorithm, data, variant))
              .as(
                  "%s, value %s",
                  algorithm, HexFormat.of().formatHex(variant, 0, Math.min(4, variant.length)))
              .isEqualTo(byBouncyCastle(algorithm, data, variant));
        }
      }
      assertThat(byKyso(algorithm, DATA, value)).as(algorithm).isTrue();
    }
  }

  @Test
  void valueShorterThanTheModulus_verifiesAsBouncyCastleReadsIt() throws Exception {
    // About one honest value in 256 starts with a zero byte; some signers drop it.
    byte[] data;
    byte[] value;
    int tries = 0;
    do {
      data = new byte[16];
      RANDOM.nextBytes(data);
      value = sign("SHA256WITHRSA", data);
      tries++;
    } while (value[0] != 0 && tries < 20_000);
    assertThat(value[0]).as("a value with a leading zero in %d tries", tries).isZero();
    byte[] trimmed = Arrays.copyOfRange(value, 1, value.length);

    assertThat(byBouncyCastle("SHA256WITHRSA", data, trimmed)).isTrue();
    assertThat(byKyso("SHA256WITHRSA", data, trimmed)).isTrue();
    assertThat(byKyso("SHA256WITHRSA", data, Arrays.copyOfRange(value, 2, value.length))).isFalse();
  }

  @Test
  void digestInfoWithoutNullParameters_verifiesAsWithBouncyCastle() throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
    byte[] prefix = HexFormat.of().parseHex("302f300b06096086480165030402010420");
    byte[] digestInfo = new byte[prefix.length + hash.length];
    System.arraycopy(prefix, 0, digestInfo, 0, prefix.length);
    System.arraycopy(hash, 0, digestInfo, prefix.length, hash.length);
    Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    rsa.init(Cipher.ENCRYPT_MODE, keys.getPrivate());
    byte[] value = rsa.doFinal(digestInfo);

    assertThat(byKyso("SHA256WITHRSA", DATA, value))
        .isEqualTo(byBouncyCastle("SHA256WITHRSA", DATA, value))
        .isTrue();
  }

  /** A provider whose every verifier creation fails, naming itself. */
  private static ContentVerifierProvider refusing(String name) {
    return new ContentVerifierProvider() {
      @Override
      public boolean hasAssociatedCertificate() {
        return false;
      }

      @Override
      public X509CertificateHolder getAssociatedCertificate() {
        return null;
      }

      @Override
      public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        throw new OperatorCreationException(name + ": " + algorithm.getAlgorithm());
      }
    };
  }

  @Test
  void pkcs1ByTheJdk_othersByTheNamedProvider() throws Exception {
    ContentVerifierProvider jdk = new JcaContentVerifierProviderBuilder().build(cert);
    RSAPublicKey key = (RSAPublicKey) cert.getPublicKey();
    JdkFirstRsaVerifiers verifiers = new JdkFirstRsaVerifiers(jdk, refusing("named"), key);

    for (String algorithm :
        List.of("SHA256WITHRSA", "SHA1WITHRSA", "SHA512(224)WITHRSA", "SHA3-512WITHRSA")) {
      assertThat(check(verifiers, algorithm, DATA, sign(algorithm, DATA))).as(algorithm).isTrue();
    }
    assertThatThrownBy(() -> check(verifiers, "SHA256WITHRSAANDMGF1", DATA, new byte[128]))
        .hasMessageContaining("named");
  }

  @Test
  void whatTheJdkCannotSetUp_goesToTheNamedProvider() throws Exception {
    ContentVerifierProvider named =
        new JcaContentVerifierProviderBuilder().setProvider(BC).build(cert);
    JdkFirstRsaVerifiers verifiers =
        new JdkFirstRsaVerifiers(refusing("jdk"), named, (RSAPublicKey) cert.getPublicKey());

    assertThat(check(verifiers, "SHA256WITHRSA", DATA, sign("SHA256WITHRSA", DATA))).isTrue();
    assertThat(check(verifiers, "SHA256WITHRSA", DATA, new byte[128])).isFalse();
  }

  @Test
  void cmsSigner_withAndWithoutSignedAttributes_asBouncyCastleSays() throws Exception {
    for (boolean signedAttributes : new boolean[] {true, false}) {
      JcaSignerInfoGeneratorBuilder b =
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
      if (!signedAttributes) {
        b.setDirectSignature(true);
      } else {
        b.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator());
      }
      CMSSignedDataGenerator g = new CMSSignedDataGenerator();
      g.addSignerInfoGenerator(
          b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()), cert));
      g.addCertificates(new JcaCertStore(List.of(cert)));
      CMSSignedData signed = g.generate(new CMSProcessableByteArray(DATA), false);
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
      byte[] otherHash = hash.clone();
      otherHash[0] ^= 1;
      for (byte[] digest : List.of(hash, otherHash)) {
        SignerInformation si =
            new CMSSignedData(
                    Map.of(
                        signed.getSignerInfos().getSigners().iterator().next().getDigestAlgOID(),
                        digest),
                    signed.getEncoded())
                .getSignerInfos()
                .getSigners()
                .iterator()
                .next();
        boolean expected = Arrays.equals(digest, hash);
        boolean verified;
        try {
          verified = si.verify(CmsSignatures.verifier(cert, BC));
        } catch (CMSSignerDigestMismatchException mismatch) {
          verified = false; // Bouncy Castle's answer when the message-digest attribute differs
        }
        assertThat(verified)
            .as("signed attributes %s, digest matches %s", signedAttributes, expected)
            .isEqualTo(expected);
      }
    }
  }
}
