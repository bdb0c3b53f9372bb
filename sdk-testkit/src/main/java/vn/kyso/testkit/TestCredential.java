package vn.kyso.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import vn.kyso.api.KysoException;
import vn.kyso.api.token.Pkcs12Token;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.Certificates;

/**
 * A test certificate with its private key and chain (signer first, anchor last). Immutable.
 *
 * @since 0.1
 */
public final class TestCredential {
  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;

  TestCredential(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
    this.certificate = Objects.requireNonNull(certificate);
    this.privateKey = Objects.requireNonNull(privateKey);
    this.chain = List.copyOf(chain);
  }

  /**
   * Wraps a certificate, its key and chain made elsewhere (e.g. an EC key a test issues itself).
   *
   * @param certificate the certificate
   * @param privateKey its private key
   * @param chain the chain, the certificate first
   * @return the credential
   */
  public static TestCredential of(
      X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
    return new TestCredential(certificate, privateKey, chain);
  }

  /**
   * @return the certificate
   */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * @return the private key (test material only)
   */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * @return the chain, this certificate first and the root last
   */
  public List<X509Certificate> chain() {
    return chain;
  }

  /**
   * Exports the key and chain as PKCS#12.
   *
   * @param password the password to protect it with; not wiped
   * @return the PKCS#12 bytes
   */
  public byte[] toPkcs12(char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("signer", privateKey, password, chain.toArray(new Certificate[0]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ks.store(out, password);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException("cannot export PKCS#12", e);
    }
  }

  /**
   * Opens the credential as a software {@link SigningToken}, through a PKCS#12 round trip so the
   * production token code runs.
   *
   * @return a new token; close it
   */
  public SigningToken signingToken() {
    char[] password = "kyso-test".toCharArray();
    byte[] p12 = toPkcs12(password);
    try {
      return Pkcs12Token.load(new ByteArrayInputStream(p12), password);
    } catch (KysoException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "TestCredential["
        + Certificates.readableName(certificate.getSubjectX500Principal())
        + "]";
  }
}
