package vn.kyso.api.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.internal.Http;
import vn.kyso.api.validation.Finding;

/**
 * An RFC 3161 time-stamp client over HTTP. Built once, immutable and thread-safe.
 *
 * <pre>{@code
 * TsaClient tsa = TsaClient.builder(URI.create("http://tsa.example.vn/"))
 *     .verifier(certificateVerifier)          // trust the TSA only if it chains to an anchor
 *     .build();
 * TimestampToken token = tsa.timestamp(DigestAlgorithm.SHA256.digest(signatureValue));
 * }</pre>
 *
 * <p><b>Security notes.</b> Every request carries a random 64-bit nonce and asks for the TSA
 * certificate. A response is accepted only when its status is granted, its nonce, imprint and (when
 * one was requested) policy match the request, its CMS signature verifies with the TSA certificate,
 * and, when a verifier is configured, that certificate validates for time-stamping (critical
 * id-kp-timeStamping) against the anchors.
 *
 * @since 0.1
 */
public final class TsaClient {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI uri;
  private final String policy;
  private final CertificateVerifier verifier;
  private final Http http;

  private TsaClient(Builder b) {
    this.uri = b.uri;
    this.policy = b.policy;
    this.verifier = b.verifier;
    this.http = new Http(b.connectTimeout, b.timeout, TimestampToken.MAX_SIZE + 64L * 1024);
  }

  /**
   * Returns a builder for a TSA at a URL.
   *
   * @param uri the TSA's http or https URL
   * @return the builder
   */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /**
   * Returns the TSA URL.
   *
   * @return the URL
   */
  public URI uri() {
    return uri;
  }

  /**
   * Obtains a time-stamp token over a digest.
   *
   * @param digest the digest to time-stamp (SHA-256 or stronger)
   * @return the checked token
   * @throws ServiceException {@code SERVICE_UNAVAILABLE} when the TSA cannot be reached in time,
   *     {@code SERVICE_BAD_RESPONSE} when it refuses, answers garbage or an answer that does not
   *     match the request, or its certificate does not validate
   */
  public TimestampToken timestamp(Digest digest) throws ServiceException {
    Objects.requireNonNull(digest, "digest");
    if (!digest.algorithm().isAllowedForNewSignatures()) {
      throw new IllegalArgumentException(
          "refusing to time-stamp a " + digest.algorithm() + " digest");
    }
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    if (policy != null) {
      generator.setReqPolicy(new ASN1ObjectIdentifier(policy));
    }
    BigInteger nonce = new BigInteger(64, RANDOM);
    TimeStampRequest request =
        generator.generate(
            new ASN1ObjectIdentifier(digest.algorithm().oid()), digest.value(), nonce);
    byte[] body;
    try {
      body = http.post(uri, "application/timestamp-query", request.getEncoded());
    } catch (IOException e) {
      throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, e, uri, "request encoding");
    }
    TimeStampResponse response;
    try {
      response = new TimeStampResponse(body);
    } catch (TSPException | IOException | RuntimeException e) {
      throw new ServiceException(
          ErrorCode.SERVICE_BAD_RESPONSE, e, uri, "not a time-stamp response");
    }
    int status = response.getStatus();
    if (status != 0 && status != 1 || response.getTimeStampToken() == null) {
      throw new ServiceException(
          ErrorCode.SERVICE_BAD_RESPONSE,
          null,
          uri,
          "status "
              + status
              + Optional.ofNullable(response.getStatusString()).map(s -> " " + s).orElse(""));
    }
    try {
      response.validate(request);
    } catch (TSPException | RuntimeException e) {
      throw new ServiceException(ErrorCode.SERVICE_BAD_RESPONSE, e, uri, e.getMessage());
    }
    TimestampToken token;
    try {
      token =
          TimestampToken.check(
              response.getTimeStampToken(), response.getTimeStampToken().getEncoded());
    } catch (DocumentException | IOException e) {
      throw new ServiceException(ErrorCode.SERVICE_BAD_RESPONSE, e, uri, e.getMessage());
    }
    if (!token.covers(digest)) {
      throw new ServiceException(ErrorCode.SERVICE_BAD_RESPONSE, null, uri, "imprint mismatch");
    }
    if (verifier != null) {
      CertificateResult r =
          verifier.verify(
              token.tsaCertificate(),
              ValidationContext.builder()
                  .purpose(CertificatePurpose.TIMESTAMPING)
                  .certificates(certificatesOf(response))
                  .build());
      if (!r.isPassed()) {
        String why =
            r.findings().stream().findFirst().map(Finding::messageEn).orElse(r.indication().name());
        throw new ServiceException(
            ErrorCode.SERVICE_BAD_RESPONSE, null, uri, "TSA certificate: " + why);
      }
    }
    return token;
  }

  private static List<X509Certificate> certificatesOf(TimeStampResponse response) {
    List<X509Certificate> out = new ArrayList<>();
    var converter = new JcaX509CertificateConverter();
    for (Object o : response.getTimeStampToken().getCertificates().getMatches(null)) {
      try {
        out.add(converter.getCertificate((X509CertificateHolder) o));
      } catch (CertificateException e) {
        // a damaged extra certificate is simply not used for path building
      }
    }
    return out;
  }

  /** Builds a {@link TsaClient}. */
  public static final class Builder {
    private final URI uri;
    private String policy;
    private CertificateVerifier verifier;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofSeconds(15);

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("TSA URL must be http or https: " + uri);
      }
    }

    /**
     * Requests a TSA policy and requires the token to carry it.
     *
     * @param oid the policy OID in dotted form
     * @return this builder
     */
    public Builder policy(String oid) {
      new ASN1ObjectIdentifier(Objects.requireNonNull(oid, "oid"));
      this.policy = oid;
      return this;
    }

    /**
     * Validates the TSA certificate with a verifier (recommended).
     *
     * @param value the verifier
     * @return this builder
     */
    public Builder verifier(CertificateVerifier value) {
      this.verifier = Objects.requireNonNull(value, "verifier");
      return this;
    }

    /**
     * Sets the connect time-out (default 5 s).
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /**
     * Sets the time-out for the whole exchange (default 15 s).
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public TsaClient build() {
      return new TsaClient(this);
    }
  }
}
