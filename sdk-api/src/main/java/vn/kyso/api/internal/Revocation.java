package vn.kyso.api.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.trust.RevocationEvidence;

/**
 * Parses and checks OCSP responses (RFC 6960) and CRLs (RFC 5280) for one certificate and its
 * issuer. Every check that fails throws {@link Rejected} with a reason for the report.
 */
public final class Revocation {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Revocation() {}

  /** Revocation data that cannot be used, with the reason. */
  public static class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    Rejected(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }

    /**
     * Returns the reason.
     *
     * @return the reason text (English, technical)
     */
    public String reason() {
      return reason;
    }
  }

  /** The refusal of a response whose reading or checking failed on {@code e}. */
  private static Rejected cannotCheck(Exception e) {
    return new Rejected("cannot check the response: " + e.getClass().getSimpleName());
  }

  /** Revocation data about other certificates (a document's DSS holds many): silently skipped. */
  public static final class NotApplicable extends Rejected {
    private static final long serialVersionUID = 1L;

    NotApplicable(String reason) {
      super(reason);
    }
  }

  /**
   * Returns the signal that a response is about other certificates.
   *
   * @param reason the reason
   * @return the signal
   */
  public static NotApplicable notApplicable(String reason) {
    return new NotApplicable(reason);
  }

  /** A freshly built OCSP request and the nonce it carries. */
  public record OcspRequest(byte[] encoded, byte[] nonce) {}

  /**
   * Builds an OCSP request for a certificate, with a 16-byte nonce.
   *
   * @param certificate the certificate
   * @param issuer its issuer
   * @return the request
   */
  public static OcspRequest ocspRequest(X509Certificate certificate, X509Certificate issuer) {
    try {
      DigestCalculatorProvider dcp = new JcaDigestCalculatorProviderBuilder().build();
      CertificateID id =
          new CertificateID(
              dcp.get(CertificateID.HASH_SHA1),
              new JcaX509CertificateHolder(issuer),
              certificate.getSerialNumber());
      byte[] nonce = new byte[16];
      RANDOM.nextBytes(nonce);
      OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id);
      b.setRequestExtensions(
          new Extensions(
              new Extension(
                  OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))));
      return new OcspRequest(b.build().getEncoded(), nonce);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build OCSP request", e);
    }
  }

  /**
   * Parses an {@code OCSPResponse} or a bare {@code BasicOCSPResponse}.
   *
   * @param der the bytes
   * @return the basic response
   * @throws DocumentException {@code MALFORMED_OCSP_RESPONSE} when it is neither, or not successful
   */
  public static BasicOCSPResp parseOcsp(byte[] der) throws DocumentException {
    return new BasicOCSPResp(readOcsp(der));
  }

  /**
   * Parses an {@code OCSPResponse} or a bare {@code BasicOCSPResponse} into its ASN.1 structure, as
   * {@link #parseOcsp} does, for {@link #claimedOcsp}.
   *
   * @param der the bytes
   * @return the basic response's structure
   * @throws DocumentException {@code MALFORMED_OCSP_RESPONSE} when it is neither, or not successful
   */
  public static BasicOCSPResponse readOcsp(byte[] der) throws DocumentException {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(der);
      try {
        OCSPResponse response = OCSPResponse.getInstance(p);
        int status = response.getResponseStatus().getIntValue();
        if (status != OCSPResponseStatus.SUCCESSFUL) {
          throw new DocumentException(ErrorCode.MALFORMED_OCSP_RESPONSE, null, "status " + status);
        }
        ResponseBytes rb = response.getResponseBytes();
        if (rb == null || !rb.getResponseType().equals(OCSPObjectIdentifiers.id_pkix_ocsp_basic)) {
          throw new DocumentException(
              ErrorCode.MALFORMED_OCSP_RESPONSE, null, "not a basic response");
        }
        try {
          // What OCSPResp.getResponseObject does, and how it reports a failure.
          return BasicOCSPResponse.getInstance(
              ASN1Primitive.fromByteArray(rb.getResponse().getOctets()));
        } catch (Exception e) {
          throw new OCSPException("problem decoding object: " + e, e);
        }
      } catch (IllegalArgumentException | ClassCastException notResponse) {
        return BasicOCSPResponse.getInstance(p);
      }
    } catch (DocumentException e) {
      throw e;
    } catch (Exception e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_OCSP_RESPONSE, e, e.getClass().getSimpleName());
    }
  }

  /**
   * An issuer as OCSP names it (RFC 6960, 4.1.1): the hashes of its name and key, computed once per
   * hash algorithm, as {@link CertificateID#matchesIssuer} computes them for each call.
   * Thread-safe.
   */
  public static final class OcspIssuer {
    private final X509CertificateHolder holder;
    private final Map<AlgorithmIdentifier, CertID> ids = new ConcurrentHashMap<>();

    private OcspIssuer(X509CertificateHolder holder) {
      this.holder = holder;
    }

    /**
     * Reads the issuer's certificate.
     *
     * @param issuer the issuer
     * @return the issuer as OCSP names it
     * @throws Rejected when its certificate cannot be read
     */
    public static OcspIssuer of(X509Certificate issuer) throws Rejected {
      try {
        return new OcspIssuer(new JcaX509CertificateHolder(issuer));
      } catch (CertificateEncodingException | RuntimeException e) {
        throw cannotCheck(e);
      }
    }

    /** Whether {@code id} names this issuer (its serial number is not looked at). */
    boolean named(CertID id) throws OperatorCreationException, OCSPException {
      AlgorithmIdentifier alg = id.getHashAlgorithm();
      CertID mine = ids.get(alg);
      if (mine == null) {
        mine = new CertificateID(DIGESTS.get(alg), holder, BigInteger.ONE).toASN1Primitive();
        if (ids.size() < 8) {
          ids.put(alg, mine);
        }
      }
      return mine.getIssuerNameHash().equals(id.getIssuerNameHash())
          && mine.getIssuerKeyHash().equals(id.getIssuerKeyHash());
    }
  }

  private static final DigestCalculatorProvider DIGESTS = digests();

  private static DigestCalculatorProvider digests() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses a DER CRL.
   *
   * @param der the bytes
   * @return the CRL
   * @throws DocumentException {@code MALFORMED_CRL} when it is not a CRL
   */
  public static X509CRL parseCrl(byte[] der) throws DocumentException {
    try {
      return (X509CRL)
          CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    } catch (Exception e) {
      throw new DocumentException(ErrorCode.MALFORMED_CRL, e, e.getClass().getSimpleName());
    }
  }

  /**
   * Checks an OCSP response about {@code certificate} and turns it into evidence: {@link
   * #claimedOcsp} and then {@link #signedOcsp}.
   *
   * @param encoded the DER
   * @param certificate the certificate asked about
   * @param issuer its issuer
   * @param expectedNonce the nonce sent, or null for embedded responses
   * @param origin where it came from
   * @return the evidence
   * @throws Rejected when the response does not check out
   * @throws DocumentException when it cannot be parsed
   */
  public static RevocationEvidence checkOcsp(
      byte[] encoded,
      X509Certificate certificate,
      X509Certificate issuer,
      byte[] expectedNonce,
      RevocationEvidence.Origin origin)
      throws Rejected, DocumentException {
    BasicOCSPResponse response = readOcsp(encoded);
    RevocationEvidence claimed =
        claimedOcsp(response, encoded, certificate, OcspIssuer.of(issuer), expectedNonce, origin);
    return signedOcsp(new BasicOCSPResp(response), claimed, issuer);
  }

  /**
   * What an OCSP response says about {@code certificate}, with every check but the one of who
   * signed it: the signature algorithm is not weak, the nonce matches, and a single response names
   * the certificate (its serial number and its issuer's name and key hashes). The evidence has no
   * signer chain; it is not evidence until {@link #signedOcsp} has checked the signature.
   *
   * @param response the response, as {@link #readOcsp} returned it
   * @param encoded the DER it was parsed from
   * @param certificate the certificate asked about
   * @param issuer its issuer
   * @param expectedNonce the nonce sent, or null for embedded responses
   * @param origin where it came from
   * @return what the response claims, with an empty signer chain
   * @throws NotApplicable when no single response is about the certificate
   * @throws Rejected when the response does not check out
   */
  public static RevocationEvidence claimedOcsp(
      BasicOCSPResponse response,
      byte[] encoded,
      X509Certificate certificate,
      OcspIssuer issuer,
      byte[] expectedNonce,
      RevocationEvidence.Origin origin)
      throws Rejected {
    try {
      String algorithm = response.getSignatureAlgorithm().getAlgorithm().getId();
      if (X509Extensions.WEAK_SIGNATURE_ALGORITHMS.contains(algorithm)) {
        throw new Rejected("weak signature algorithm " + algorithm);
      }
      ResponseData data = response.getTbsResponseData();
      if (expectedNonce != null) {
        Extensions extensions = data.getResponseExtensions();
        Extension n =
            extensions == null
                ? null
                : extensions.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (n != null) {
          byte[] got = n.getExtnValue().getOctets();
          byte[] inner = unwrapOctets(got);
          if (!Arrays.equals(got, expectedNonce) && !Arrays.equals(inner, expectedNonce)) {
            throw new Rejected("nonce does not match the request (replayed response)");
          }
        }
      }
      SingleResponse match = null;
      BigInteger serial = certificate.getSerialNumber();
      for (ASN1Encodable e : data.getResponses()) {
        SingleResponse single = SingleResponse.getInstance(e);
        CertID id = single.getCertID();
        if (id.getSerialNumber().hasValue(serial) && issuer.named(id)) {
          match = single;
          break;
        }
      }
      if (match == null) {
        throw new NotApplicable("the response is not about this certificate");
      }
      Instant thisUpdate = DerTimes.instant(match.getThisUpdate());
      Optional<Instant> nextUpdate =
          match.getNextUpdate() == null
              ? Optional.empty()
              : Optional.of(DerTimes.instant(match.getNextUpdate()));
      // As Bouncy Castle's SingleResp.getCertStatus reads the choice: [0] good, [1] revoked,
      // anything else unknown.
      CertStatus status = match.getCertStatus();
      RevocationEvidence.Status said;
      Optional<Instant> revocationTime = Optional.empty();
      Optional<String> reason = Optional.empty();
      if (status.getTagNo() == 0) {
        said = RevocationEvidence.Status.GOOD;
      } else if (status.getTagNo() == 1) {
        RevokedInfo r = RevokedInfo.getInstance(status.getStatus());
        said = RevocationEvidence.Status.REVOKED;
        revocationTime = Optional.of(DerTimes.instant(r.getRevocationTime()));
        reason =
            r.getRevocationReason() != null
                ? Optional.of(reasonName(r.getRevocationReason().getValue().intValue()))
                : Optional.empty();
      } else {
        said = RevocationEvidence.Status.UNKNOWN;
      }
      return new RevocationEvidence(
          certificate,
          RevocationEvidence.Kind.OCSP,
          origin,
          said,
          thisUpdate,
          nextUpdate,
          revocationTime,
          reason,
          List.of(),
          encoded);
    } catch (Rejected e) {
      throw e;
    } catch (Exception e) {
      throw cannotCheck(e);
    }
  }

  /**
   * Checks who signed an OCSP response: the issuer of the certificate, or a responder it authorised
   * (RFC 6960, 4.2.2.2), and returns the claim as evidence with that signer chain.
   *
   * @param basic the response
   * @param claimed what {@link #claimedOcsp} made of it
   * @param issuer the issuer of the certificate it is about
   * @return the evidence
   * @throws Rejected when neither the issuer nor an authorised responder signed it
   */
  public static RevocationEvidence signedOcsp(
      BasicOCSPResp basic, RevocationEvidence claimed, X509Certificate issuer) throws Rejected {
    List<X509Certificate> signer;
    try {
      signer = responderChain(basic, issuer);
    } catch (Rejected e) {
      throw e;
    } catch (RuntimeException e) {
      throw cannotCheck(e);
    }
    return new RevocationEvidence(
        claimed.certificate(),
        claimed.kind(),
        claimed.origin(),
        claimed.status(),
        claimed.thisUpdate(),
        claimed.nextUpdate(),
        claimed.revocationTime(),
        claimed.reason(),
        signer,
        claimed.encoded());
  }

  /**
   * Says whether evidence can speak for time {@code t}, judged at {@code now}.
   *
   * @param e the evidence
   * @param t the validation time
   * @param now the current time
   * @param maxAge how long data without nextUpdate stays usable
   * @param skew tolerated clock difference
   * @return null when fresh, else the reason it is not
   */
  public static String staleness(
      RevocationEvidence e, Instant t, Instant now, Duration maxAge, Duration skew) {
    return staleness(e.thisUpdate(), e.nextUpdate(), t, now, maxAge, skew);
  }

  /** The reason given for revocation data produced after now (plus the skew). */
  static final String FUTURE = "produced in the future";

  /**
   * Says whether revocation data produced at {@code thisUpdate} can speak for time {@code t}.
   *
   * @param thisUpdate when it was produced
   * @param nextUpdate when newer data is promised, if stated
   * @param t the time it must speak for
   * @param now the current time
   * @param maxAge how long data without nextUpdate stays usable
   * @param skew tolerated clock difference
   * @return null when fresh, else the reason it is not (starting with {@link #FUTURE} for data from
   *     the future)
   */
  static String staleness(
      Instant thisUpdate,
      Optional<Instant> nextUpdate,
      Instant t,
      Instant now,
      Duration maxAge,
      Duration skew) {
    if (thisUpdate.isAfter(now.plus(skew))) {
      return FUTURE + " (" + thisUpdate + ")";
    }
    Instant until = nextUpdate.orElse(thisUpdate.plus(maxAge));
    if (until.isBefore(t)) {
      return "stale: valid until " + until + ", needed for " + t;
    }
    return null;
  }

  private static List<X509Certificate> responderChain(BasicOCSPResp basic, X509Certificate issuer)
      throws Rejected {
    // The responder ID says who signed; the issuer's key is tried first when it names the issuer,
    // last otherwise. Both are always tried before a rejection: the ID only orders the attempts.
    boolean namesIssuer = namesIssuer(basic, issuer);
    if (namesIssuer && signedByIssuer(basic, issuer)) {
      return List.of(issuer);
    }
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    Instant produced = basic.getProducedAt().toInstant();
    for (X509CertificateHolder holder : basic.getCerts()) {
      try {
        X509Certificate responder = converter.getCertificate(holder);
        if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
          continue;
        }
        responder.verify(issuer.getPublicKey());
        List<String> eku = responder.getExtendedKeyUsage();
        if (eku == null || !eku.contains(X509Extensions.EKU_OCSP_SIGNING)) {
          continue;
        }
        if (produced.isBefore(responder.getNotBefore().toInstant())
            || produced.isAfter(responder.getNotAfter().toInstant())) {
          continue;
        }
        if (basic.isSignatureValid(
            new JcaContentVerifierProviderBuilder().build(responder.getPublicKey()))) {
          return List.of(responder, issuer);
        }
      } catch (Exception e) {
        // this certificate is not an authorised responder; try the next
      }
    }
    if (!namesIssuer && signedByIssuer(basic, issuer)) {
      return List.of(issuer);
    }
    throw new Rejected("not signed by the issuer or a responder it authorised (RFC 6960, 4.2.2.2)");
  }

  private static boolean signedByIssuer(BasicOCSPResp basic, X509Certificate issuer) {
    try {
      return basic.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()));
    } catch (Exception e) {
      return false; // not signed by the issuer itself
    }
  }

  /** Whether the responder ID (RFC 6960 4.2.1) is the issuer's name or the hash of its key. */
  private static boolean namesIssuer(BasicOCSPResp basic, X509Certificate issuer) {
    try {
      ResponderID id = basic.getResponderId().toASN1Primitive();
      if (id.getName() != null) {
        return Arrays.equals(
            id.getName().getEncoded(ASN1Encoding.DER),
            issuer.getSubjectX500Principal().getEncoded());
      }
      byte[] keyHash = id.getKeyHash();
      if (keyHash == null) {
        return true;
      }
      byte[] key =
          SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded())
              .getPublicKeyData()
              .getBytes();
      return Arrays.equals(keyHash, MessageDigest.getInstance("SHA-1").digest(key));
    } catch (Exception e) {
      return true; // unreadable: the issuer first, as before
    }
  }

  /**
   * The content of a nonce written as an OCTET STRING inside the extension's value (RFC 8954), or
   * the value itself when it is not one (responders that echo the bare bytes).
   */
  private static byte[] unwrapOctets(byte[] value) {
    if (value.length < 2 || value[0] != 0x04) {
      return value; // no OCTET STRING tag: the bare nonce
    }
    try {
      return ASN1OctetString.getInstance(value).getOctets();
    } catch (RuntimeException e) {
      return value;
    }
  }

  private static String reasonName(int code) {
    CRLReason[] all = CRLReason.values();
    return code >= 0 && code < all.length ? all[code].name() : "UNSPECIFIED";
  }

  /**
   * Returns a serial number as hex, for messages.
   *
   * @param serial the serial
   * @return upper-case hex
   */
  public static String hex(BigInteger serial) {
    return serial.toString(16).toUpperCase(Locale.ROOT);
  }

  static byte[] der(ASN1Encodable e) throws IOException {
    return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
  }
}
