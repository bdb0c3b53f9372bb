package vn.kyso.api.shared;

import java.io.ByteArrayOutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;

/**
 * Bounded HTTP for OCSP, CRL, AIA and TSA: a hard limit on the whole exchange's time and on the
 * response size, only {@code http} and {@code https}, no redirects.
 */
public final class Http {
  private final HttpClient client;
  private final Duration timeout;
  private final long maxBytes;

  /**
   * Creates a client.
   *
   * @param connectTimeout time allowed to connect
   * @param timeout time allowed for the whole exchange
   * @param maxBytes largest response body accepted
   */
  public Http(Duration connectTimeout, Duration timeout, long maxBytes) {
    this(connectTimeout, timeout, maxBytes, null);
  }

  /**
   * Creates a client with its own TLS context (a client certificate for services that ask for one).
   *
   * @param connectTimeout time allowed to connect
   * @param timeout time allowed for the whole exchange
   * @param maxBytes largest response body accepted
   * @param tls the TLS context, or null for the JVM's default
   */
  public Http(Duration connectTimeout, Duration timeout, long maxBytes, SSLContext tls) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(ProxySelector.getDefault());
    if (tls != null) {
      b.sslContext(tls);
    }
    this.client = b.build();
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /**
   * An answer of any status.
   *
   * @param status the HTTP status
   * @param retryAfter the {@code Retry-After} header, when sent
   * @param body the body (bounded)
   */
  public record Response(int status, Optional<String> retryAfter, byte[] body) {}

  /**
   * Posts a body with extra headers within a time limit and returns the answer whatever its status.
   *
   * @param uri the URL
   * @param contentType the request content type
   * @param body the request body
   * @param headers extra request headers (e.g. Authorization)
   * @param limit the time allowed, at most this client's time-out
   * @return the answer
   * @throws ServiceException {@code SERVICE_UNAVAILABLE} when unreachable or slow, {@code
   *     SERVICE_BAD_RESPONSE} when the body is too large
   */
  public Response exchange(
      URI uri, String contentType, byte[] body, Map<String, String> headers, Duration limit)
      throws ServiceException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(checked(uri))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    Duration within = limit.compareTo(timeout) < 0 ? limit : timeout;
    HttpResponse<byte[]> r = await(uri, request.timeout(within).build(), within);
    return new Response(r.statusCode(), r.headers().firstValue("Retry-After"), r.body());
  }

  /**
   * Fetches a URL with GET.
   *
   * @param uri the URL
   * @return the body
   * @throws ServiceException when the service is unreachable, slow, too large or not 200
   */
  public byte[] get(URI uri) throws ServiceException {
    return send(uri, HttpRequest.newBuilder(checked(uri)).GET());
  }

  /**
   * Posts a body and returns the response body.
   *
   * @param uri the URL
   * @param contentType the request content type
   * @param body the request body
   * @return the response body
   * @throws ServiceException when the service is unreachable, slow, too large or not 200
   */
  public byte[] post(URI uri, String contentType, byte[] body) throws ServiceException {
    return send(
        uri,
        HttpRequest.newBuilder(checked(uri))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private byte[] send(URI uri, HttpRequest.Builder request) throws ServiceException {
    HttpResponse<byte[]> response = await(uri, request.timeout(timeout).build(), timeout);
    if (response.statusCode() != 200) {
      throw new ServiceException(
          ErrorCode.SERVICE_BAD_RESPONSE, null, uri, "HTTP " + response.statusCode());
    }
    return response.body();
  }

  private HttpResponse<byte[]> await(URI uri, HttpRequest request, Duration within)
      throws ServiceException {
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, info -> new LimitedBody(maxBytes));
    try {
      return future.get(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, e, uri, "time-out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, e, uri, "interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TooLarge) {
        throw new ServiceException(
            ErrorCode.SERVICE_BAD_RESPONSE,
            cause,
            uri,
            "response larger than " + maxBytes + " bytes");
      }
      throw new ServiceException(
          ErrorCode.SERVICE_UNAVAILABLE,
          cause,
          uri,
          cause == null ? "failed" : cause.getClass().getSimpleName());
    }
  }

  private static URI checked(URI uri) throws ServiceException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, null, uri, "unsupported URL");
    }
    return uri;
  }

  /** Thrown inside the body subscriber when the body passes the limit. */
  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("response too large", null, false, false);
    }
  }

  /** Collects a body up to a limit, cancelling the exchange past it. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBody(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        if (out.size() + (long) b.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
