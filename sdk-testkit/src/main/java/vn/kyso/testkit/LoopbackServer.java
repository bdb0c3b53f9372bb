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
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile ServerMode mode = ServerMode.NORMAL;
  private volatile Duration delay = Duration.ofSeconds(10);
  private volatile TestPki pki;

  LoopbackServer(String path) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback port", e);
    }
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
   * @return the base URL of this server, e.g. {@code http://127.0.0.1:40123/}
   */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
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

  /** Stops the server and its threads, interrupting slow answers. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An answer: HTTP status, content type and body. */
  record Answer(int status, String contentType, byte[] body) {}

  abstract Answer answer(String path, byte[] request, ServerMode mode) throws Exception;

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      byte[] request;
      try (InputStream in = exchange.getRequestBody()) {
        request = in.readNBytes(MAX_REQUEST);
      }
      ServerMode current = mode;
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
          a = answer(exchange.getRequestURI().getPath(), request, current);
        } catch (Exception e) {
          a = new Answer(500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
      }
      exchange.getResponseHeaders().add("Content-Type", a.contentType());
      exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      if (a.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(a.body());
        }
      }
    }
  }
}
