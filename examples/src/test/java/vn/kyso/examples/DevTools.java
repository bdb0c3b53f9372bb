package vn.kyso.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import vn.kyso.api.shared.Json;

/**
 * Debian's headless Chromium driven through the DevTools protocol (a WebSocket, no Selenium and no
 * driver): navigate, then evaluate an expression and wait for its promise.
 */
final class DevTools implements AutoCloseable {
  private final Process process;
  private final Path profile;
  private final WebSocketClient socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending =
      new ConcurrentHashMap<>();

  private DevTools(Process process, Path profile, URI page) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket =
        new WebSocketClient(page) {
          @Override
          public void onOpen(ServerHandshake handshake) {}

          @Override
          public void onMessage(String message) {
            try {
              Map<String, Object> m = Json.object(message.getBytes(StandardCharsets.UTF_8));
              Object id = m.get("id");
              if (id instanceof Number n) {
                CompletableFuture<Map<String, Object>> f = pending.remove(n.intValue());
                if (f != null) {
                  f.complete(m);
                }
              }
            } catch (IOException e) {
              // an event we cannot read: ignored
            }
          }

          @Override
          public void onClose(int code, String reason, boolean remote) {
            pending.values().forEach(f -> f.completeExceptionally(new IOException("closed")));
          }

          @Override
          public void onError(Exception ex) {}
        };
    if (!socket.connectBlocking(20, TimeUnit.SECONDS)) {
      throw new IOException("cannot reach Chromium's DevTools");
    }
  }

  /** Starts Chromium with an empty profile and attaches to its first page. */
  static DevTools launch(Path work) throws Exception {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    Process p =
        new ProcessBuilder(
                List.of(
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    // the fake plug-in's certificate is self-signed, like the real service's
                    "--ignore-certificate-errors",
                    "--remote-allow-origins=*",
                    "--remote-debugging-port=0",
                    "--user-data-dir=" + profile,
                    "about:blank"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > end || !p.isAlive()) {
        p.destroyForcibly();
        throw new IOException("Chromium did not open its DevTools port");
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    URI page = null;
    while (page == null) {
      String list =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"")
              .matcher(list);
      if (m.find()) {
        page = URI.create(m.group(1));
      } else if (System.nanoTime() > end) {
        p.destroyForcibly();
        throw new IOException("no page in Chromium: " + list);
      } else {
        Thread.sleep(100);
      }
    }
    return new DevTools(p, profile, page);
  }

  private Map<String, Object> send(String method, Map<String, Object> params, Duration timeout)
      throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
    pending.put(id, f);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("method", method);
    m.put("params", params);
    socket.send(new String(Json.write(m), StandardCharsets.UTF_8));
    return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Opens a URL and waits until the page has loaded and its script defined {@code ready}. */
  void open(String url, String ready) throws Exception {
    send("Page.navigate", Map.of("url", url), Duration.ofSeconds(30));
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"true"
        .equals(evaluate("String(document.readyState === 'complete' && " + ready + ")"))) {
      if (System.nanoTime() > end) {
        throw new IOException("the page did not load: " + url);
      }
      Thread.sleep(100);
    }
  }

  /** Evaluates an expression, waits for its promise, and returns its value as a string. */
  String evaluate(String expression) throws Exception {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("expression", expression);
    params.put("awaitPromise", true);
    params.put("returnByValue", true);
    Map<String, Object> answer = send("Runtime.evaluate", params, Duration.ofSeconds(90));
    Map<String, Object> result = Json.object(Json.object(answer, "result"), "result");
    Object value = result.get("value");
    if (value == null) {
      throw new IOException("no value: " + answer);
    }
    return String.valueOf(value);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    // Chromium's helpers (its network service writes into the profile) can outlive the browser
    // process for a moment: each is ended and waited for, so that nothing writes while the profile
    // is removed.
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    helpers.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle helper : helpers) {
        try {
          helper.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          helper.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      helpers.forEach(ProcessHandle::destroyForcibly);
    }
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(profile)) {
      walk.forEach(files::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      // a file went while the folder was listed: the temporary folder is removed with the test's
      return;
    }
    java.util.Collections.reverse(files);
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // Chromium may still hold a file: the temporary folder is removed with the test's
      }
    }
  }
}
