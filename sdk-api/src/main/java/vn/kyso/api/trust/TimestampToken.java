package vn.kyso.api.trust;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.shared.CmsEncoding;
import vn.kyso.api.shared.CmsSignatures;

/**
 * An RFC 3161 time-stamp token whose CMS signature has been checked against the TSA certificate it
 * carries. Immutable and thread-safe.
 *
 * <p>Parsing checks the token's structure and signature; whether the TSA is trusted is a separate
 * question answered by {@link CertificateVerifier} with {@link CertificatePurpose#TIMESTAMPING}
 * (done by {@link TsaClient} when it is given a verifier).
 *
 * @since 0.1
 */
public final class TimestampToken {
  /** Largest token accepted. */
  public static final int MAX_SIZE = 1024 * 1024;

  private final byte[] encoded;
  private final Instant genTime;
  private final Digest imprint;
  private final String policy;
  private final BigInteger serialNumber;
  private final Optional<BigInteger> nonce;
  private final X509Certificate tsaCertificate;
  private final java.net.URI source;

  private TimestampToken(
      byte[] encoded,
      Instant genTime,
      Digest imprint,
      String policy,
      BigInteger serialNumber,
      Optional<BigInteger> nonce,
      X509Certificate tsaCertificate,
      java.net.URI source) {
    this.source = source;
    this.encoded = encoded;
    this.genTime = genTime;
    this.imprint = imprint;
    this.policy = policy;
    this.serialNumber = serialNumber;
    this.nonce = nonce;
    this.tsaCertificate = tsaCertificate;
  }

  /**
   * Parses a DER time-stamp token (a CMS {@code ContentInfo}) and verifies its signature with the
   * TSA certificate inside it.
   *
   * @param der the token
   * @return the token
   * @throws DocumentException {@code MALFORMED_TIMESTAMP} when it is not a valid token, has no TSA
   *     certificate, uses an unknown or weak imprint algorithm, or its signature fails; {@code
   *     INPUT_TOO_LARGE} past {@link #MAX_SIZE}
   */
  public static TimestampToken parse(byte[] der) throws DocumentException {
    Objects.requireNonNull(der, "der");
    if (der.length > MAX_SIZE) {
      throw new DocumentException(ErrorCode.INPUT_TOO_LARGE, null, "time-stamp token", MAX_SIZE);
    }
    TimeStampToken token;
    CMSSignedData cms;
    try {
      cms = new CMSSignedData(der);
      token = new TimeStampToken(cms);
    } catch (Exception e) {
      throw new DocumentException(ErrorCode.MALFORMED_TIMESTAMP, e, e.getClass().getSimpleName());
    }
    // RFC 5652 5.1 and 5.3: the versions are not signed; values it does not allow are malformed.
    int signedDataVersion = cms.getVersion();
    int signerInfoVersion = cms.getSignerInfos().getSigners().iterator().next().getVersion();
    if ((signedDataVersion != 1
            && signedDataVersion != 3
            && signedDataVersion != 4
            && signedDataVersion != 5)
        || (signerInfoVersion != 1 && signerInfoVersion != 3)) {
      throw new DocumentException(
          ErrorCode.MALFORMED_TIMESTAMP,
          null,
          "SignedData version " + signedDataVersion + ", SignerInfo version " + signerInfoVersion);
    }
    var tsaSigner = cms.getSignerInfos().getSigners().iterator().next().toASN1Structure();
    String parameters =
        CmsSignatures.algorithmParametersProblem(
            tsaSigner.getDigestAlgorithm(), tsaSigner.getDigestEncryptionAlgorithm());
    if (parameters == null
        && !cms.getDigestAlgorithmIDs().stream().allMatch(CmsSignatures::absentOrNull)) {
      parameters = "a digest algorithm identifier has parameters RFC 5754 does not allow";
    }
    if (parameters != null) {
      throw new DocumentException(ErrorCode.MALFORMED_TIMESTAMP, null, parameters);
    }
    if (!CmsEncoding.signedAttributesAreDer(der)) {
      throw new DocumentException(
          ErrorCode.MALFORMED_TIMESTAMP, null, "signed attributes not DER-encoded");
    }
    return check(token, der.clone());
  }

  static TimestampToken check(TimeStampToken token, byte[] encoded) throws DocumentException {
    try {
      var info = token.getTimeStampInfo();
      DigestAlgorithm alg =
          DigestAlgorithm.fromOid(info.getMessageImprintAlgOID().getId())
              .orElseThrow(
                  () ->
                      new DocumentException(
                          ErrorCode.MALFORMED_TIMESTAMP,
                          null,
                          "imprint algorithm " + info.getMessageImprintAlgOID().getId()));
      if (!alg.isAllowedForNewSignatures()) {
        throw new DocumentException(
            ErrorCode.MALFORMED_TIMESTAMP, null, "weak imprint algorithm " + alg);
      }
      @SuppressWarnings("unchecked")
      Selector<X509CertificateHolder> selector =
          (Selector<X509CertificateHolder>) (Selector<?>) token.getSID();
      var matches = token.getCertificates().getMatches(selector);
      if (matches.isEmpty()) {
        throw new DocumentException(
            ErrorCode.MALFORMED_TIMESTAMP, null, "no TSA certificate in the token");
      }
      X509CertificateHolder holder = matches.iterator().next();
      X509Certificate tsa = new JcaX509CertificateConverter().getCertificate(holder);
      SignerInformationVerifier verifier = CmsSignatures.verifier(tsa, null);
      token.validate(verifier);
      return new TimestampToken(
          encoded,
          info.getGenTime().toInstant(),
          new Digest(alg, info.getMessageImprintDigest()),
          info.getPolicy().getId(),
          info.getSerialNumber(),
          Optional.ofNullable(info.getNonce()),
          tsa,
          null);
    } catch (DocumentException e) {
      throw e;
    } catch (Exception e) {
      throw new DocumentException(ErrorCode.MALFORMED_TIMESTAMP, e, e.getClass().getSimpleName());
    }
  }

  /**
   * Returns the certificates the token carries (the TSA's certificate and, usually, its chain), for
   * path building; they are not trusted for that.
   *
   * @return the certificates, empty when none can be read
   */
  public List<X509Certificate> certificates() {
    List<X509Certificate> out = new java.util.ArrayList<>();
    try {
      var converter = new JcaX509CertificateConverter();
      for (X509CertificateHolder h :
          new CMSSignedData(encoded).getCertificates().getMatches(null)) {
        out.add(converter.getCertificate(h));
      }
    } catch (Exception e) {
      // a token that parsed once always parses; a damaged extra certificate is left out
    }
    return List.copyOf(out);
  }

  /** The same token, recording the TSA URL that issued it. */
  TimestampToken from(java.net.URI tsa) {
    return new TimestampToken(
        encoded, genTime, imprint, policy, serialNumber, nonce, tsaCertificate, tsa);
  }

  /**
   * Returns the URL of the time-stamping authority that issued this token, when a {@link TsaClient}
   * obtained it (with failover, the one that answered); empty for a token read from a document.
   *
   * @return the TSA URL
   */
  public Optional<java.net.URI> source() {
    return Optional.ofNullable(source);
  }

  /**
   * Returns the time the TSA asserts.
   *
   * @return the generation time
   */
  public Instant genTime() {
    return genTime;
  }

  /**
   * Returns the message imprint: what was time-stamped.
   *
   * @return the digest
   */
  public Digest imprint() {
    return imprint;
  }

  /**
   * Says whether the token time-stamps this digest (same algorithm and value).
   *
   * @param digest the digest of the time-stamped data
   * @return whether the imprint matches
   */
  public boolean covers(Digest digest) {
    return imprint.algorithm() == digest.algorithm()
        && MessageDigest.isEqual(imprint.value(), digest.value());
  }

  /**
   * Returns the TSA policy OID.
   *
   * @return the dotted OID
   */
  public String policy() {
    return policy;
  }

  /**
   * Returns the token's serial number.
   *
   * @return the serial
   */
  public BigInteger serialNumber() {
    return serialNumber;
  }

  /**
   * Returns the nonce the token carries.
   *
   * @return the nonce, if any
   */
  public Optional<BigInteger> nonce() {
    return nonce;
  }

  /**
   * Returns the certificate that signed the token.
   *
   * @return the TSA certificate
   */
  public X509Certificate tsaCertificate() {
    return tsaCertificate;
  }

  /**
   * Returns the DER token.
   *
   * @return a copy of the bytes
   */
  public byte[] encoded() {
    return encoded.clone();
  }

  @Override
  public String toString() {
    return "TimestampToken["
        + genTime
        + ", "
        + Certificates.readableName(tsaCertificate.getSubjectX500Principal())
        + "]";
  }
}
