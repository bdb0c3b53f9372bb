package vn.kyso.api.internal;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import vn.kyso.api.shared.SuppressForbidden;

/**
 * A certificate that answers the lookup of an extension it does not carry with null at once. The
 * JDK's certificate (17) builds and throws two exceptions, stack traces filled, for every such
 * lookup and returns null from the catch; Bouncy Castle's PKIX validator looks up a dozen
 * extensions per certificate of a path, most of them absent: about 200 exceptions for a letter with
 * four signatures, the larger part of what its verification allocated. Everything else is the
 * wrapped certificate's own answer; the encoding, and so equality, is the same.
 */
public final class QuietCertificate extends X509Certificate {
  private static final long serialVersionUID = 1L;

  private final X509Certificate certificate;
  private final Set<String> present;

  private QuietCertificate(X509Certificate certificate) {
    this.certificate = certificate;
    Set<String> oids = new HashSet<>();
    Set<String> critical = certificate.getCriticalExtensionOIDs();
    Set<String> other = certificate.getNonCriticalExtensionOIDs();
    if (critical != null) {
      oids.addAll(critical);
    }
    if (other != null) {
      oids.addAll(other);
    }
    this.present = Set.copyOf(oids);
  }

  /**
   * Wraps a certificate, once.
   *
   * @param certificate the certificate
   * @return the quiet view of it
   */
  public static X509Certificate of(X509Certificate certificate) {
    return certificate instanceof QuietCertificate
        ? certificate
        : new QuietCertificate(certificate);
  }

  @Override
  public byte[] getExtensionValue(String oid) {
    return present.contains(oid) ? certificate.getExtensionValue(oid) : null;
  }

  @Override
  public boolean hasUnsupportedCriticalExtension() {
    return certificate.hasUnsupportedCriticalExtension();
  }

  @Override
  public Set<String> getCriticalExtensionOIDs() {
    return certificate.getCriticalExtensionOIDs();
  }

  @Override
  public Set<String> getNonCriticalExtensionOIDs() {
    return certificate.getNonCriticalExtensionOIDs();
  }

  @Override
  public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
    certificate.checkValidity();
  }

  @Override
  public void checkValidity(Date date)
      throws CertificateExpiredException, CertificateNotYetValidException {
    certificate.checkValidity(date);
  }

  @Override
  public int getVersion() {
    return certificate.getVersion();
  }

  @Override
  public BigInteger getSerialNumber() {
    return certificate.getSerialNumber();
  }

  @Override
  @SuppressWarnings("deprecation")
  @SuppressForbidden(reason = "a wrapper answers every method of the certificate it wraps")
  public Principal getIssuerDN() {
    return certificate.getIssuerDN();
  }

  @Override
  public X500Principal getIssuerX500Principal() {
    return certificate.getIssuerX500Principal();
  }

  @Override
  @SuppressWarnings("deprecation")
  @SuppressForbidden(reason = "a wrapper answers every method of the certificate it wraps")
  public Principal getSubjectDN() {
    return certificate.getSubjectDN();
  }

  @Override
  public X500Principal getSubjectX500Principal() {
    return certificate.getSubjectX500Principal();
  }

  @Override
  public Date getNotBefore() {
    return certificate.getNotBefore();
  }

  @Override
  public Date getNotAfter() {
    return certificate.getNotAfter();
  }

  @Override
  public byte[] getTBSCertificate() throws CertificateEncodingException {
    return certificate.getTBSCertificate();
  }

  @Override
  public byte[] getSignature() {
    return certificate.getSignature();
  }

  @Override
  public String getSigAlgName() {
    return certificate.getSigAlgName();
  }

  @Override
  public String getSigAlgOID() {
    return certificate.getSigAlgOID();
  }

  @Override
  public byte[] getSigAlgParams() {
    return certificate.getSigAlgParams();
  }

  @Override
  public boolean[] getIssuerUniqueID() {
    return certificate.getIssuerUniqueID();
  }

  @Override
  public boolean[] getSubjectUniqueID() {
    return certificate.getSubjectUniqueID();
  }

  @Override
  public boolean[] getKeyUsage() {
    return certificate.getKeyUsage();
  }

  @Override
  public List<String> getExtendedKeyUsage() throws CertificateParsingException {
    return certificate.getExtendedKeyUsage();
  }

  @Override
  public int getBasicConstraints() {
    return certificate.getBasicConstraints();
  }

  @Override
  public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
    return certificate.getSubjectAlternativeNames();
  }

  @Override
  public Collection<List<?>> getIssuerAlternativeNames() throws CertificateParsingException {
    return certificate.getIssuerAlternativeNames();
  }

  @Override
  public byte[] getEncoded() throws CertificateEncodingException {
    return certificate.getEncoded();
  }

  @Override
  public void verify(PublicKey key)
      throws java.security.cert.CertificateException,
          NoSuchAlgorithmException,
          InvalidKeyException,
          NoSuchProviderException,
          SignatureException {
    certificate.verify(key);
  }

  @Override
  public void verify(PublicKey key, String sigProvider)
      throws java.security.cert.CertificateException,
          NoSuchAlgorithmException,
          InvalidKeyException,
          NoSuchProviderException,
          SignatureException {
    certificate.verify(key, sigProvider);
  }

  @Override
  public void verify(PublicKey key, Provider sigProvider)
      throws java.security.cert.CertificateException,
          NoSuchAlgorithmException,
          InvalidKeyException,
          SignatureException {
    certificate.verify(key, sigProvider);
  }

  @Override
  public PublicKey getPublicKey() {
    return certificate.getPublicKey();
  }

  @Override
  public boolean equals(Object other) {
    return certificate.equals(other instanceof QuietCertificate q ? q.certificate : other);
  }

  @Override
  public int hashCode() {
    return certificate.hashCode();
  }

  @Override
  public String toString() {
    return certificate.toString();
  }
}
