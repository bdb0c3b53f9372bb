package vn.kyso.api.shared;

import java.io.OutputStream;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RawContentVerifier;

/**
 * Checks RSA PKCS#1 v1.5 signature values with the installed providers (the JDK's, as for every
 * certificate, OCSP response and time-stamp token Kyso checks) and everything else with the
 * provider a caller names (Bouncy Castle).
 *
 * <p>Why: Bouncy Castle's provider tests every RSA modulus it has not seen before for being
 * composite (a Miller-Rabin round, as costly as a private-key operation; about 130 ms of a cold
 * {@code kyso verify} of the demo letter, by hand), a check on how a key was generated that the
 * signature's mathematics and RFC 8017's verification do not include, and that the JDK, which
 * already checks every certificate's signature here, does not make either. The verdict on a
 * signature value is the same: both accept the DigestInfo with and without its NULL parameters, and
 * a value shorter than the modulus, which Bouncy Castle reads as a number and the JDK refuses, is
 * left-padded with zeros to the modulus length first; a longer one fails in both. An algorithm not
 * in the list below (PSS, RIPEMD-160) or one the JDK cannot set up for the key goes to the named
 * provider as before.
 */
final class JdkFirstRsaVerifiers implements ContentVerifierProvider {
  private static final Set<ASN1ObjectIdentifier> PKCS1_V15 =
      Set.of(
          PKCSObjectIdentifiers.md5WithRSAEncryption,
          PKCSObjectIdentifiers.sha1WithRSAEncryption,
          PKCSObjectIdentifiers.sha224WithRSAEncryption,
          PKCSObjectIdentifiers.sha256WithRSAEncryption,
          PKCSObjectIdentifiers.sha384WithRSAEncryption,
          PKCSObjectIdentifiers.sha512WithRSAEncryption,
          PKCSObjectIdentifiers.sha512_224WithRSAEncryption,
          PKCSObjectIdentifiers.sha512_256WithRSAEncryption,
          NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_224,
          NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_256,
          NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_384,
          NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_512);

  private final ContentVerifierProvider jdk;
  private final ContentVerifierProvider named;
  private final int modulusBytes;

  JdkFirstRsaVerifiers(
      ContentVerifierProvider jdk, ContentVerifierProvider named, RSAPublicKey key) {
    this.jdk = jdk;
    this.named = named;
    this.modulusBytes = (key.getModulus().bitLength() + 7) / 8;
  }

  @Override
  public boolean hasAssociatedCertificate() {
    return named.hasAssociatedCertificate();
  }

  @Override
  public X509CertificateHolder getAssociatedCertificate() {
    return named.getAssociatedCertificate();
  }

  @Override
  public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    if (PKCS1_V15.contains(algorithm.getAlgorithm())) {
      ContentVerifier byJdk;
      try {
        byJdk = jdk.get(algorithm);
      } catch (OperatorCreationException notInTheJdk) {
        return named.get(algorithm);
      }
      return byJdk instanceof RawContentVerifier
          ? new RawPadded(byJdk, modulusBytes)
          : new Padded(byJdk, modulusBytes);
    }
    return named.get(algorithm);
  }

  /**
   * The signature value at the modulus length: left-padded with zeros when shorter (as a number it
   * is the same), null when longer.
   */
  static byte[] atModulusLength(byte[] value, int modulusBytes) {
    if (value.length == modulusBytes) {
      return value;
    }
    if (value.length > modulusBytes) {
      return null;
    }
    byte[] padded = new byte[modulusBytes];
    System.arraycopy(value, 0, padded, modulusBytes - value.length, value.length);
    return padded;
  }

  private static class Padded implements ContentVerifier {
    final ContentVerifier delegate;
    final int modulusBytes;

    Padded(ContentVerifier delegate, int modulusBytes) {
      this.delegate = delegate;
      this.modulusBytes = modulusBytes;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return delegate.getAlgorithmIdentifier();
    }

    @Override
    public OutputStream getOutputStream() {
      return delegate.getOutputStream();
    }

    @Override
    public boolean verify(byte[] expected) {
      byte[] value = atModulusLength(expected, modulusBytes);
      return value != null && delegate.verify(value);
    }
  }

  /** For a signer without signed attributes, where Bouncy Castle checks the digest directly. */
  private static final class RawPadded extends Padded implements RawContentVerifier {
    RawPadded(ContentVerifier delegate, int modulusBytes) {
      super(delegate, modulusBytes);
    }

    @Override
    public boolean verify(byte[] digest, byte[] expected) {
      byte[] value = atModulusLength(expected, modulusBytes);
      return value != null && ((RawContentVerifier) delegate).verify(digest, value);
    }
  }
}
