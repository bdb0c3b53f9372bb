package vn.kyso.api.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.shared.Http;
import vn.kyso.api.validation.Finding;

/**
 * An RFC 3161 time-stamp client over HTTP: one time-stamping authority or an ordered list of them
 * with failover, retries with back-off, a cap on concurrent requests per authority, a total time
 * budget, and authentication. Built once, immutable and thread-safe.
 *
 * <pre>{@code
 * TsaClient tsa = TsaClient.builder(URI.create("https://tsa.ca.gov.vn/"))  // hypothetical URL
 *     .authentication(TsaAuthentication.basic("so-noi-vu", password))
 *     .fallback(URI.create("http://tsa2.example.vn/"))
 *     .verifier(certificateVerifier)          // trust a TSA only if it chains to an anchor
 *     .budget(Duration.ofMinutes(3))          // the government TSA can take minutes
 *     .build();
 * TimestampToken token = tsa.timestamp(DigestAlgorithm.SHA256.digest(signatureValue));
 * URI answered = token.source().orElseThrow();
 * }</pre>
 *
 * <p><b>Failover and retries.</b> The authorities are asked in order. One that cannot be reached,
 * times out, or answers HTTP 429 or 5xx is asked again after an exponential back-off with full
 * jitter ({@code Retry-After} is honoured when it fits in the budget), up to {@link
 * Builder#retries(int)} more times; then the next one is asked. An answer that is refused on its
 * merits (not a time-stamp response, a rejection, a nonce, imprint or policy that does not match, a
 * TSA certificate that does not validate, HTTP 4xx) is not retried at the same authority: the next
 * one is asked. Every request waits for a slot of its authority ({@link
 * Builder#maxConcurrentRequests(int)}), and nothing runs past the budget ({@link
 * Builder#budget(Duration)}). When every authority failed, the error names what each one did.
 *
 * <p><b>Security notes.</b> Every request carries a random 64-bit nonce and asks for the TSA
 * certificate. A response is accepted only when its status is granted, its nonce, imprint and (when
 * one was requested) policy match the request, its CMS signature verifies with the TSA certificate,
 * and, when a verifier is configured, that certificate validates for time-stamping (critical
 * id-kp-timeStamping) against the anchors. Credentials are never logged.
 *
 * @since 0.1
 */
public final class TsaClient {
  private static final Logger LOG = LoggerFactory.getLogger(TsaClient.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One authority: its URL, how to authenticate, its HTTP client and its request slots. */
  private record Endpoint(URI uri, TsaAuthentication auth, Http http, Semaphore slots) {}

  private final List<Endpoint> endpoints;
  private final String policy;
  private final CertificateVerifier verifier;
  private final int retries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration budget;

  private TsaClient(Builder b) {
    List<Endpoint> list = new ArrayList<>();
    for (int i = 0; i < b.uris.size(); i++) {
      TsaAuthentication auth = b.auths.get(i);
      list.add(
          new Endpoint(
              b.uris.get(i),
              auth,
              new Http(
                  b.connectTimeout, b.timeout, TimestampToken.MAX_SIZE + 64L * 1024, auth.tls()),
              new Semaphore(b.maxConcurrent, true)));
    }
    this.endpoints = List.copyOf(list);
    this.policy = b.policy;
    this.verifier = b.verifier;
    this.retries = b.retries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.budget = b.budget;
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
   * Returns the first TSA's URL.
   *
   * @return the URL
   */
  public URI uri() {
    return endpoints.get(0).uri();
  }

  /**
   * Returns every TSA's URL, in the order they are asked.
   *
   * @return the URLs
   */
  public List<URI> uris() {
    return endpoints.stream().map(Endpoint::uri).toList();
  }

  /** Why one attempt failed, and whether asking the same authority again may help. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient ServiceException error;
    final boolean retry;
    final Duration retryAfter;

    Failed(ServiceException error, boolean retry, Duration retryAfter) {
      super(error.getMessage(), error, false, false);
      this.error = error;
      this.retry = retry;
      this.retryAfter = retryAfter;
    }
  }

  /**
   * Obtains a time-stamp token over a digest.
   *
   * @param digest the digest to time-stamp (SHA-256 or stronger)
   * @return the checked token, recording which TSA issued it ({@link TimestampToken#source()})
   * @throws ServiceException {@code SERVICE_UNAVAILABLE} when no TSA could be reached in time,
   *     {@code SERVICE_BAD_RESPONSE} when the last TSA asked refused, answered garbage or an answer
   *     that does not match the request, or its certificate does not validate; the message names
   *     what each TSA did
   */
  public TimestampToken timestamp(Digest digest) throws ServiceException {
    Objects.requireNonNull(digest, "digest");
    if (!digest.algorithm().isAllowedForNewSignatures()) {
      throw new IllegalArgumentException(
          "refusing to time-stamp a " + digest.algorithm() + " digest");
    }
    long deadline = System.nanoTime() + budget.toNanos();
    List<String> story = new ArrayList<>();
    ServiceException last = null;
    for (Endpoint e : endpoints) {
      for (int attempt = 0; attempt <= retries; attempt++) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
          story.add(e.uri() + ": time budget spent");
          return fail(last, story);
        }
        try {
          TimestampToken token = once(e, digest, left);
          if (!story.isEmpty()) {
            LOG.info("time-stamp from {} after: {}", e.uri(), String.join("; ", story));
          }
          return token.from(e.uri());
        } catch (Failed f) {
          last = f.error;
          story.add(f.error.getMessage());
          if (!f.retry || attempt == retries) {
            break;
          }
          Duration wait = backoff(attempt, f.retryAfter);
          if (System.nanoTime() + wait.toNanos() >= deadline) {
            // No time to wait for this authority: try the next one at once.
            break;
          }
          try {
            Thread.sleep(wait.toMillis());
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, x, e.uri(), "interrupted");
          }
        }
      }
    }
    return fail(last, story);
  }

  private static TimestampToken fail(ServiceException last, List<String> story)
      throws ServiceException {
    String what = String.join("; ", story);
    if (last == null) {
      throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, null, "TSA", what);
    }
    throw new ServiceException(last.code(), last, "TSA", what);
  }

  /** Full jitter: a random wait up to the exponential bound, or the server's Retry-After. */
  private Duration backoff(int attempt, Duration retryAfter) {
    long bound =
        Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() * (1L << Math.min(attempt, 20)));
    long wait = bound <= 0 ? 0 : RANDOM.nextLong(bound + 1);
    if (retryAfter != null) {
      wait = Math.max(wait, retryAfter.toMillis());
    }
    return Duration.ofMillis(wait);
  }

  private TimestampToken once(Endpoint e, Digest digest, Duration left) throws Failed {
    URI uri = e.uri();
    long start = System.nanoTime();
    try {
      if (!e.slots().tryAcquire(left.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new Failed(
            new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, null, uri, "no free slot"),
            false,
            null);
      }
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new Failed(
          new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, x, uri, "interrupted"), false, null);
    }
    try {
      Duration remaining = left.minusNanos(System.nanoTime() - start);
      return exchange(e, digest, remaining);
    } finally {
      e.slots().release();
    }
  }

  private TimestampToken exchange(Endpoint e, Digest digest, Duration remaining) throws Failed {
    URI uri = e.uri();
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    if (policy != null) {
      generator.setReqPolicy(new ASN1ObjectIdentifier(policy));
    }
    BigInteger nonce = new BigInteger(64, RANDOM);
    TimeStampRequest request =
        generator.generate(
            new ASN1ObjectIdentifier(digest.algorithm().oid()), digest.value(), nonce);
    Http.Response answer;
    try {
      answer =
          e.http()
              .exchange(
                  uri,
                  "application/timestamp-query",
                  request.getEncoded(),
                  e.auth().headers(),
                  remaining);
    } catch (ServiceException x) {
      throw new Failed(x, x.code() == ErrorCode.SERVICE_UNAVAILABLE, null);
    } catch (IOException | RuntimeException x) {
      throw new Failed(
          new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, x, uri, "request"), false, null);
    }
    int http = answer.status();
    if (http != 200) {
      boolean retry = http == 429 || http >= 500;
      throw new Failed(
          new ServiceException(
              retry ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.SERVICE_BAD_RESPONSE,
              null,
              uri,
              "HTTP " + http),
          retry,
          answer.retryAfter().map(TsaClient::retryAfter).orElse(null));
    }
    try {
      return check(uri, request, answer.body(), digest);
    } catch (ServiceException x) {
      throw new Failed(x, false, null);
    }
  }

  /** Retry-After in seconds or as an HTTP date (RFC 9110 10.2.3); null when unreadable. */
  private static Duration retryAfter(String value) {
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException x) {
        return null;
      }
    }
  }

  private TimestampToken check(URI uri, TimeStampRequest request, byte[] body, Digest digest)
      throws ServiceException {
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
                  .certificates(token.certificates())
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

  /** Builds a {@link TsaClient}. */
  public static final class Builder {
    private final List<URI> uris = new ArrayList<>();
    private final List<TsaAuthentication> auths = new ArrayList<>();
    private String policy;
    private CertificateVerifier verifier;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofSeconds(15);
    private int retries = 2;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration budget = Duration.ofSeconds(60);
    private int maxConcurrent = 4;

    private Builder(URI uri) {
      add(uri);
    }

    private void add(URI uri) {
      Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("TSA URL must be http or https: " + uri);
      }
      uris.add(uri);
      auths.add(TsaAuthentication.none());
    }

    /**
     * Adds a TSA to ask when the ones before it fail.
     *
     * @param uri its http or https URL
     * @return this builder
     */
    public Builder fallback(URI uri) {
      add(uri);
      return this;
    }

    /**
     * Sets how the most recently added TSA is authenticated (default: not at all).
     *
     * @param value the authentication
     * @return this builder
     */
    public Builder authentication(TsaAuthentication value) {
      auths.set(auths.size() - 1, Objects.requireNonNull(value, "authentication"));
      return this;
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
      this.connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /**
     * Sets the time-out of one exchange (default 15 s).
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder timeout(Duration value) {
      this.timeout = positive(value, "timeout");
      return this;
    }

    /**
     * Sets how many more times a TSA that cannot be reached, times out or answers 429/5xx is asked
     * before the next one (default 2).
     *
     * @param value zero or more
     * @return this builder
     */
    public Builder retries(int value) {
      if (value < 0 || value > 20) {
        throw new IllegalArgumentException("retries must be between 0 and 20");
      }
      this.retries = value;
      return this;
    }

    /**
     * Sets the back-off between retries: a random wait up to {@code initial × 2^attempt}, capped
     * (defaults 500 ms and 8 s).
     *
     * @param initial the first bound
     * @param max the largest bound
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("0 <= initial <= max");
      }
      return this;
    }

    /**
     * Sets the time one {@link TsaClient#timestamp} call may take in all, retries and failover
     * included (default 60 s).
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder budget(Duration value) {
      this.budget = positive(value, "budget");
      return this;
    }

    /**
     * Sets how many requests may be in flight to each TSA at once (default 4); more wait for a slot
     * within the budget.
     *
     * @param value one or more
     * @return this builder
     */
    public Builder maxConcurrentRequests(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("at least one request at a time");
      }
      this.maxConcurrent = value;
      return this;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
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
