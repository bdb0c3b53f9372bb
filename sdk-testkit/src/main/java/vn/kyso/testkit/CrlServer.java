package vn.kyso.testkit;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A loopback CRL distribution point and AIA certificate server for a {@link TestPki}: {@code GET
 * /<ca serial hex>.crl} returns that CA's CRL with the revoked certificates it issued, {@code GET
 * /<ca serial hex>.crt} the CA's certificate (DER).
 *
 * @since 0.1
 */
public final class CrlServer extends LoopbackServer {

  /** Starts the server on an ephemeral loopback port. */
  public CrlServer() {
    super("/");
  }

  /**
   * @return the base URL under which CRLs are served
   */
  public URI uri() {
    return baseUri();
  }

  @Override
  Answer answer(String path, byte[] body, ServerMode mode) throws Exception {
    if (mode == ServerMode.ERROR_STATUS) {
      return new Answer(500, "text/plain", "unavailable".getBytes(StandardCharsets.US_ASCII));
    }
    for (TestCredential ca : pki().certificateAuthorities()) {
      if (path.equals("/" + TestPki.crlFileName(ca))) {
        return new Answer(200, "application/pkix-crl", crl(pki(), ca, mode));
      }
      if (path.equals("/" + TestPki.certificateFileName(ca))) {
        return new Answer(200, "application/pkix-cert", ca.certificate().getEncoded());
      }
    }
    return new Answer(404, "text/plain", "no such CRL".getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Builds the DER CRL the server would send, for tests that embed CRLs.
   *
   * @param pki the PKI
   * @param ca the issuing CA
   * @param mode {@link ServerMode#NORMAL} or {@link ServerMode#STALE}
   * @return the DER CRL
   * @throws Exception when it cannot be built
   */
  public static byte[] crl(TestPki pki, TestCredential ca, ServerMode mode) throws Exception {
    Instant now = pki.clock().instant();
    Instant thisUpdate =
        mode == ServerMode.STALE ? now.minus(Duration.ofDays(20)) : now.minus(Duration.ofHours(1));
    Instant nextUpdate =
        mode == ServerMode.STALE ? now.minus(Duration.ofDays(13)) : now.plus(Duration.ofDays(7));
    X509v2CRLBuilder b =
        new X509v2CRLBuilder(
            X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
            Date.from(thisUpdate));
    b.setNextUpdate(Date.from(nextUpdate));
    for (Map.Entry<BigInteger, Instant> e : pki.revokedBy(ca).entrySet()) {
      b.addCRLEntry(e.getKey(), Date.from(e.getValue()), CRLReason.keyCompromise);
    }
    b.addExtension(Extension.cRLNumber, false, new ASN1Integer(now.getEpochSecond()));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
    return b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.privateKey()))
        .getEncoded();
  }
}
