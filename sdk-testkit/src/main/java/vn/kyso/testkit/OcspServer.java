package vn.kyso.testkit;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A loopback OCSP responder (RFC 6960, POST) for a {@link TestPki}. Responses about the
 * intermediate's certificates are signed by its delegated responder; the others by the CA itself.
 *
 * @since 0.1
 */
public final class OcspServer extends LoopbackServer {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Starts the responder on an ephemeral loopback port. */
  public OcspServer() {
    super("/");
  }

  /**
   * @return the responder URL to put in certificates' AIA
   */
  public URI uri() {
    return baseUri().resolve("ocsp");
  }

  @Override
  Answer answer(String path, byte[] body, ServerMode mode) throws Exception {
    if (mode == ServerMode.ERROR_STATUS) {
      return ocsp(new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded());
    }
    return ocsp(respond(pki(), new OCSPReq(body), mode));
  }

  /**
   * Builds the DER OCSP response the server would send, for tests that embed responses.
   *
   * @param pki the PKI
   * @param requestDer a DER OCSP request
   * @param mode how to answer
   * @return the DER {@code OCSPResponse}
   * @throws Exception when the request cannot be answered
   */
  public static byte[] respond(TestPki pki, byte[] requestDer, ServerMode mode) throws Exception {
    return respond(pki, new OCSPReq(requestDer), mode);
  }

  private static byte[] respond(TestPki pki, OCSPReq request, ServerMode mode) throws Exception {
    DigestCalculatorProvider dcp = new JcaDigestCalculatorProviderBuilder().build();
    Instant now = pki.clock().instant();
    Instant thisUpdate = mode == ServerMode.STALE ? now.minus(Duration.ofDays(10)) : now;
    Instant nextUpdate =
        mode == ServerMode.STALE ? now.minus(Duration.ofDays(3)) : now.plus(Duration.ofDays(1));
    TestCredential issuerCa = null;
    List<Object[]> answers = new ArrayList<>();
    for (Req r : request.getRequestList()) {
      CertificateID id = r.getCertID();
      TestCredential ca = null;
      for (TestCredential candidate : pki.certificateAuthorities()) {
        if (id.matchesIssuer(new JcaX509CertificateHolder(candidate.certificate()), dcp)) {
          ca = candidate;
        }
      }
      CertificateStatus status;
      if (ca == null || mode == ServerMode.UNKNOWN) {
        status = new UnknownStatus();
      } else {
        issuerCa = ca;
        Instant revokedAt = pki.revokedBy(ca).get(id.getSerialNumber());
        if (mode == ServerMode.REVOKED) {
          revokedAt = now.minus(Duration.ofHours(1));
        } else if (mode == ServerMode.GOOD) {
          revokedAt = null;
        }
        status =
            revokedAt == null
                ? CertificateStatus.GOOD
                : new RevokedStatus(Date.from(revokedAt), CRLReason.keyCompromise);
      }
      answers.add(new Object[] {id, status});
    }
    TestCredential signer;
    if (mode == ServerMode.UNAUTHORISED_SIGNER) {
      signer = pki.tsa();
    } else if (issuerCa == null || issuerCa == pki.intermediate()) {
      signer = pki.ocspResponder();
    } else {
      signer = issuerCa;
    }
    BasicOCSPRespBuilder builder =
        new BasicOCSPRespBuilder(
            new RespID(new JcaX509CertificateHolder(signer.certificate()).getSubject()));
    for (Object[] a : answers) {
      builder.addResponse(
          (CertificateID) a[0],
          (CertificateStatus) a[1],
          Date.from(thisUpdate),
          Date.from(nextUpdate),
          null);
    }
    Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (mode == ServerMode.WRONG_NONCE) {
      byte[] other = new byte[16];
      RANDOM.nextBytes(other);
      nonce =
          new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(other));
    }
    if (nonce != null) {
      builder.setResponseExtensions(new Extensions(nonce));
    }
    X509CertificateHolder[] chain = {new JcaX509CertificateHolder(signer.certificate())};
    var basic =
        builder.build(
            new JcaContentSignerBuilder("SHA256withRSA").build(signer.privateKey()),
            chain,
            Date.from(now));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }

  private static Answer ocsp(byte[] body) {
    return new Answer(200, "application/ocsp-response", body);
  }
}
