package vn.kyso.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The integrator's side of remote signing callbacks in a test: an HTTP endpoint on 127.0.0.1 (an
 * ephemeral port) that hands every POST to a handler, as the integrator's web framework would, and
 * writes back the handler's reply; a GET answers a file given to {@link #serveFile} (the documents
 * a signing plug-in downloads), else 404. Bodies over 64 MiB are answered 413 without calling the
 * handler.
 *
 * <pre>{@code
 * try (CallbackEndpoint endpoint = new CallbackEndpoint((path, headers, body) -> {
 *       CallbackOutcome o = csc.receive(CallbackRequest.of(headers, body), store::find);
 *       return new CallbackEndpoint.Reply(o.httpStatus(), o.responseBody());
 *     })) {
 *   CscSigner csc = CscSigner.builder(server.v2())....responseUri(endpoint.uri("csc")).build();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class CallbackEndpoint implements AutoCloseable {
  private static final int MAX_BODY = 64 * 1024 * 1024;

  /** What the handler answers. */
  public record Reply(int status, byte[] body) {
    /** Copies the body. */
    public Reply {
      body = body.clone();
    }
  }

  /** Handles one callback. */
  @FunctionalInterface
  public interface Handler {
    /**
     * @param path the request path with its query, e.g. {@code /csc} or {@code /upload/42?token=…}
     * @param headers the request headers
     * @param body the request body
     * @return the reply
     * @throws Exception any failure, answered 500
     */
    Reply handle(String path, Map<String, List<String>> headers, byte[] body) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Starts the endpoint.
   *
   * @param handler what handles each callback
   */
  public CallbackEndpoint(Handler handler) {
    Objects.requireNonNull(handler, "handler");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback port", e);
    }
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "kyso-callback-endpoint");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, handler, files));
    server.start();
  }

  /**
   * Serves a file to GET requests.
   *
   * @param path its path, e.g. {@code files/cv-42.pdf}
   * @param content its bytes (copied)
   */
  public void serveFile(String path, byte[] content) {
    files.put("/" + path.replaceFirst("^/", ""), content.clone());
  }

  private static void serve(HttpExchange exchange, Handler handler, Map<String, byte[]> files)
      throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      Reply reply;
      String method = exchange.getRequestMethod();
      if (method.equals("GET")) {
        byte[] file = files.get(exchange.getRequestURI().getPath());
        reply = file == null ? new Reply(404, new byte[0]) : new Reply(200, file);
      } else if (!method.equals("POST")) {
        reply = new Reply(405, new byte[0]);
      } else if (body.length > MAX_BODY) {
        reply = new Reply(413, new byte[0]);
      } else {
        try {
          reply =
              handler.handle(
                  exchange.getRequestURI().getRawQuery() == null
                      ? exchange.getRequestURI().getPath()
                      : exchange.getRequestURI().getPath()
                          + "?"
                          + exchange.getRequestURI().getRawQuery(),
                  exchange.getRequestHeaders(),
                  body);
        } catch (Exception e) {
          reply = new Reply(500, new byte[0]);
        }
      }
      exchange
          .getResponseHeaders()
          .set("Content-Type", method.equals("GET") ? "application/pdf" : "application/json");
      exchange.sendResponseHeaders(
          reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
      if (reply.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body());
        }
      }
    }
  }

  /**
   * @param path a path below the endpoint, e.g. {@code csc} or {@code mysign/token}
   * @return its URL, e.g. {@code http://127.0.0.1:40123/csc}
   */
  public URI uri(String path) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path.replaceFirst("^/", ""));
  }

  /** Stops the endpoint. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
