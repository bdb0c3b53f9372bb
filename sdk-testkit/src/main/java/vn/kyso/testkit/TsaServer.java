package vn.kyso.testkit;

import java.math.BigInteger;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A loopback RFC 3161 time-stamping authority for a {@link TestPki}, signing with its TSA
 * certificate at the PKI clock's time under the policy {@link #POLICY}.
 *
 * @since 0.1
 */
public final class TsaServer extends LoopbackServer {
  /** The test TSA policy OID (a private arc reserved for documentation, RFC 5612 example range). */
  public static final String POLICY = "1.3.6.1.4.1.32473.1.1";

  private final AtomicLong serial = new AtomicLong(1);

  /** Starts the TSA on an ephemeral loopback port. */
  public TsaServer() {
    super("/");
  }

  /**
   * Starts the TSA over TLS on an ephemeral loopback port, for tests of TSAs that authenticate
   * their clients by certificate.
   *
   * @param tls the server's TLS context (its certificate must name {@code 127.0.0.1})
   * @param needClientAuth whether a client certificate is required
   */
  public TsaServer(javax.net.ssl.SSLContext tls, boolean needClientAuth) {
    super("/", java.util.Objects.requireNonNull(tls, "tls"), needClientAuth);
  }

  /**
   * @return the TSA URL
   */
  public URI uri() {
    return baseUri().resolve("tsa");
  }

  @Override
  Answer answer(String path, byte[] body, ServerMode mode) throws Exception {
    TimeStampRequest request = new TimeStampRequest(body);
    TestCredential tsa = pki().tsa();
    TimeStampTokenGenerator tokens =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withRSA", tsa.privateKey(), tsa.certificate()),
            new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
            new ASN1ObjectIdentifier(POLICY));
    tokens.addCertificates(new JcaCertStore(tsa.chain()));
    TimeStampResponseGenerator responses =
        new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
    Date now = Date.from(pki().clock().instant());
    BigInteger number = BigInteger.valueOf(serial.getAndIncrement());
    byte[] out;
    if (mode == ServerMode.ERROR_STATUS) {
      out =
          responses
              .generateFailResponse(
                  PKIStatus.REJECTION, PKIFailureInfo.systemFailure, "test TSA refuses")
              .getEncoded();
    } else if (mode == ServerMode.WRONG_IMPRINT) {
      TimeStampRequestGenerator g = new TimeStampRequestGenerator();
      g.setCertReq(request.getCertReq());
      if (request.getReqPolicy() != null) {
        g.setReqPolicy(request.getReqPolicy());
      }
      byte[] other = MessageDigest.getInstance("SHA-256").digest(request.getMessageImprintDigest());
      TimeStampRequest forged =
          g.generate(
              request.getMessageImprintAlgOID(),
              Arrays.copyOf(other, request.getMessageImprintDigest().length),
              request.getNonce());
      out = responses.generate(forged, number, now).getEncoded();
    } else if (mode == ServerMode.OTHER_REQUEST) {
      TimeStampRequestGenerator g = new TimeStampRequestGenerator();
      g.setCertReq(request.getCertReq());
      if (request.getReqPolicy() != null) {
        g.setReqPolicy(request.getReqPolicy());
      }
      BigInteger otherNonce =
          request.getNonce() == null ? BigInteger.ONE : request.getNonce().add(BigInteger.ONE);
      TimeStampRequest other =
          g.generate(
              request.getMessageImprintAlgOID(), request.getMessageImprintDigest(), otherNonce);
      out = responses.generate(other, number, now).getEncoded();
    } else {
      out = responses.generate(request, number, now).getEncoded();
    }
    return new Answer(200, "application/timestamp-reply", out);
  }
}
