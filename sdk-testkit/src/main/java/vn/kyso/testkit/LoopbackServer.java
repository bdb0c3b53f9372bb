package vn.kyso.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 with an ephemeral port. Thread-safe; close it when done.
 *
 * <p>The JDK's server writes a response's headers and body in two writes; with Nagle's algorithm on
 * its sockets, the body then waits for the client's delayed acknowledgement of the headers, about
 * 40 ms on Linux, on every request. Unless the JVM says otherwise, these servers turn on {@code
 * TCP_NODELAY} (the JDK's {@code sun.net.httpserver.nodelay} property, read once, when the JVM's
 * first JDK HTTP server starts), so a test or benchmark measures the client and not that pause. A
 * production OCSP, CRL or time-stamp server answers without it as well.
 *
 * @since 0.1
 */
public abstract class LoopbackServer implements AutoCloseable {
  private static final int MAX_REQUEST = 1024 * 1024;

  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final String scheme;
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile ServerMode mode = ServerMode.NORMAL;
  private volatile Duration delay = Duration.ofSeconds(10);
  private volatile TestPki pki;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile ServerMode failureMode = ServerMode.NORMAL;
  private volatile int retryAfterSeconds = 1;
  private volatile String requiredAuthorization;
  private final java.util.concurrent.atomic.AtomicReference<String> lastAuthorization =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final java.util.List<Delivery> deliveries =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.ScheduledExecutorService callbackThread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kyso-loopback-callbacks");
            t.setDaemon(true);
            return t;
          });
  private volatile Duration callbackDelay = Duration.ofMillis(50);

  LoopbackServer(String path) {
    this(path, null, false);
  }

  /**
   * A server over TLS when {@code tls} is given, asking for a client certificate when {@code
   * needClientAuth}.
   */
  LoopbackServer(String path, javax.net.ssl.SSLContext tls, boolean needClientAuth) {
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      if (tls == null) {
        server = HttpServer.create(address, 16);
      } else {
        com.sun.net.httpserver.HttpsServer https =
            com.sun.net.httpserver.HttpsServer.create(address, 16);
        https.setHttpsConfigurator(
            new com.sun.net.httpserver.HttpsConfigurator(tls) {
              @Override
              public void configure(com.sun.net.httpserver.HttpsParameters params) {
                javax.net.ssl.SSLParameters p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
              }
            });
        server = https;
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback port", e);
    }
    this.scheme = tls == null ? "http" : "https";
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "kyso-" + getClass().getSimpleName());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(path, this::handle);
    server.start();
  }

  /**
   * @return the base URL of this server, e.g. {@code http://127.0.0.1:40123/} ({@code https} for a
   *     server over TLS)
   */
  public URI baseUri() {
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /**
   * Sets how the server answers from now on.
   *
   * @param value the mode
   */
  public void mode(ServerMode value) {
    this.mode = Objects.requireNonNull(value, "mode");
  }

  /**
   * @return the current mode
   */
  public ServerMode mode() {
    return mode;
  }

  /**
   * Sets the wait of {@link ServerMode#SLOW}.
   *
   * @param value the delay
   */
  public void delay(Duration value) {
    this.delay = Objects.requireNonNull(value, "delay");
  }

  /**
   * Answers the next {@code count} requests in a failure mode, then as {@link #mode()} says: a
   * service that fails a few times and recovers.
   *
   * @param count how many requests fail
   * @param failure how they fail, e.g. {@link ServerMode#SERVER_ERROR}
   */
  public void failNext(int count, ServerMode failure) {
    this.failureMode = Objects.requireNonNull(failure, "failure");
    this.failuresLeft.set(count);
  }

  /**
   * Sets the {@code Retry-After} seconds of {@link ServerMode#TOO_MANY_REQUESTS} (default 1).
   *
   * @param seconds the seconds
   */
  public void retryAfter(int seconds) {
    this.retryAfterSeconds = seconds;
  }

  /**
   * Requires every request to carry this {@code Authorization} header value (HTTP 401 otherwise),
   * e.g. {@code "Basic dXNlcjpwYXNz"} or {@code "Bearer abc"}; null accepts any request.
   *
   * @param value the exact header value
   */
  public void requireAuthorization(String value) {
    this.requiredAuthorization = value;
  }

  /**
   * @return the {@code Authorization} header of the last request, if any
   */
  public java.util.Optional<String> lastAuthorization() {
    return java.util.Optional.ofNullable(lastAuthorization.get());
  }

  /**
   * @return the most requests this server was answering at the same time since the last reset
   */
  public int mostConcurrentRequests() {
    return mostInFlight.get();
  }

  /**
   * @return how many requests have been served since the start or the last {@link #reset()}
   */
  public int requestCount() {
    return requests.get();
  }

  /** Back to {@link ServerMode#NORMAL}, the default delay and a zero request count. */
  public void reset() {
    mode = ServerMode.NORMAL;
    delay = Duration.ofSeconds(10);
    requests.set(0);
    failuresLeft.set(0);
    failureMode = ServerMode.NORMAL;
    retryAfterSeconds = 1;
    requiredAuthorization = null;
    lastAuthorization.set(null);
    mostInFlight.set(0);
    deliveries.clear();
    callbackDelay = Duration.ofMillis(50);
  }

  /**
   * Sets the PKI whose truth the server tells.
   *
   * @param value the PKI
   */
  public void pki(TestPki value) {
    this.pki = Objects.requireNonNull(value, "pki");
  }

  TestPki pki() {
    TestPki p = pki;
    if (p == null) {
      throw new IllegalStateException("no TestPki attached to " + getClass().getSimpleName());
    }
    return p;
  }

  /**
   * A callback this service sent to an integrator's endpoint, and what the endpoint answered.
   *
   * @param target where it was sent
   * @param headers the headers sent (an {@code Authorization} among them, where the protocol has
   *     one)
   * @param body the body sent
   * @param status the HTTP status answered, or -1 when the endpoint could not be reached
   * @param answer the body answered
   */
  public record Delivery(
      URI target, java.util.Map<String, String> headers, byte[] body, int status, byte[] answer) {
    /** Copies the parts. */
    public Delivery {
      headers = java.util.Map.copyOf(headers);
      body = body.clone();
      answer = answer.clone();
    }

    /**
     * @return the body as text
     */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * @param value how long after a request the user answers when the service calls back (default 50
   *     ms)
   */
  public void callbackDelay(Duration value) {
    this.callbackDelay = Objects.requireNonNull(value, "callbackDelay");
  }

  /**
   * @return the callbacks sent so far, oldest first
   */
  public java.util.List<Delivery> deliveries() {
    return java.util.List.copyOf(deliveries);
  }

  /**
   * Waits until at least {@code count} callbacks were sent.
   *
   * @param count how many
   * @param timeout the longest wait
   * @return the callbacks sent
   * @throws InterruptedException when interrupted
   * @throws AssertionError when fewer were sent in time
   */
  public java.util.List<Delivery> awaitDeliveries(int count, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (deliveries.size() < count) {
      if (System.nanoTime() > end) {
        throw new AssertionError(deliveries.size() + " callbacks sent, " + count + " expected");
      }
      Thread.sleep(10);
    }
    return deliveries();
  }

  /**
   * Sends a callback as this service would: also a replay of an earlier one ({@link
   * Delivery#target()}, {@link Delivery#headers()}, {@link Delivery#body()}) or a forged one.
   *
   * @param target the integrator's endpoint
   * @param headers the headers
   * @param body the body
   * @return what was sent and answered
   */
  public Delivery send(URI target, java.util.Map<String, String> headers, byte[] body) {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::setHeader);
    Delivery d;
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      java.net.http.HttpResponse<byte[]> r =
          client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      d = new Delivery(target, headers, body, r.statusCode(), r.body());
    } catch (IOException e) {
      d = new Delivery(target, headers, body, -1, new byte[0]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      d = new Delivery(target, headers, body, -1, new byte[0]);
    }
    deliveries.add(d);
    return d;
  }

  /** Runs the user's answer and the callback after {@link #callbackDelay}. */
  void later(Runnable task) {
    callbackThread.schedule(task, callbackDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the server and its threads, interrupting slow answers. */
  @Override
  public void close() {
    server.stop(0);
    callbackThread.shutdownNow();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An answer: HTTP status, content type, body and extra headers. */
  record Answer(
      int status, String contentType, byte[] body, java.util.Map<String, String> headers) {
    Answer(int status, String contentType, byte[] body) {
      this(status, contentType, body, java.util.Map.of());
    }
  }

  abstract Answer answer(String path, byte[] request, ServerMode mode) throws Exception;

  /**
   * Answers with the request's {@code Authorization} and {@code Content-Type} headers at hand; by
   * default ignores them.
   */
  Answer answer(
      String path, byte[] request, ServerMode mode, String authorization, String contentType)
      throws Exception {
    return answer(path, request, mode);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      serve(exchange);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try (exchange) {
      byte[] request;
      try (InputStream in = exchange.getRequestBody()) {
        request = in.readNBytes(MAX_REQUEST);
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      lastAuthorization.set(authorization);
      ServerMode current =
          failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? failureMode : mode;
      String required = requiredAuthorization;
      if (required != null && !required.equals(authorization)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"kyso-test\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      if (current == ServerMode.DROP) {
        // Close the connection without a status line.
        exchange.getResponseBody().close();
        return;
      }
      if (current == ServerMode.TOO_MANY_REQUESTS || current == ServerMode.SERVER_ERROR) {
        if (current == ServerMode.TOO_MANY_REQUESTS) {
          exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
        }
        exchange.sendResponseHeaders(current == ServerMode.SERVER_ERROR ? 503 : 429, -1);
        return;
      }
      if (current == ServerMode.SLOW) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Answer a;
      if (current == ServerMode.MALFORMED) {
        a =
            new Answer(
                200,
                "application/octet-stream",
                "<html>this is not DER</html>".getBytes(StandardCharsets.US_ASCII));
      } else {
        try {
          a =
              answer(
                  exchange.getRequestURI().getPath(),
                  request,
                  current,
                  authorization,
                  exchange.getRequestHeaders().getFirst("Content-Type"));
        } catch (Exception e) {
          a = new Answer(500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
      }
      exchange.getResponseHeaders().add("Content-Type", a.contentType());
      a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      if (a.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(a.body());
        }
      }
    }
  }
}
