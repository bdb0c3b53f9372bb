package vn.kyso.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.KysoException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.shared.ForwardingKey;
import vn.kyso.api.shared.Json;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;

/**
 * A loopback fake of the government signing plug-in (VGCA Sign Service) for browser and server
 * tests: a WebSocket server over TLS on 127.0.0.1 (an ephemeral port, a self-signed certificate for
 * 127.0.0.1), one JSON frame in and one out per connection, then closed, as the real service does
 * at {@code wss://127.0.0.1:8987/<Verb>}. It holds the key of a {@link TestCredential} and serves:
 *
 * <ul>
 *   <li>{@code GetCertInfo} (the plain text {@code get_cert_info}) → {@code {Status 0, CertInfo}};
 *   <li>{@code SignMsg} {@code {HashAlg, HashValue, Encode "RSA"}} (or a bare base64 digest) → a
 *       PKCS#1 v1.5 signature over the DigestInfo, with {@code CertBase64}; the digest's length is
 *       checked against {@code HashAlg};
 *   <li>minimal {@code SignXML} and {@code SignJson} (a raw signature over the content's SHA-256);
 *   <li>the file round trip {@code SignApproved}, {@code SignIssued}, {@code SignAppendix}, {@code
 *       SignCopy}, {@code SignIncome}, {@code Comment}, {@code SignFile}: it downloads {@code
 *       FileName}, has the {@link FileSigner} add a signature, posts the result as the multipart
 *       part {@code uploadfile} to {@code FileUploadHandler} and answers Status 0 when the
 *       handler's JSON says {@code Status true}, else its {@code Message}.
 * </ul>
 *
 * <p>Faults on request ({@link Fault}): the user cancelling (with a configurable Status), the token
 * removed, a signature by another key, a garbage frame, an opening slower than 3 s; a download that
 * fails and a handler that refuses are relayed as the real service does. An absent service is
 * simply a closed one.
 *
 * @since 0.1
 */
public final class VgcaPluginServer implements AutoCloseable {
  static {
    // Java-WebSocket's SSLSocketChannel2.processHandshake asserts a handshake state that the JDK's
    // TLS engine can leave there (its own comment names the case, issue #190). Under assertions,
    // as every surefire run has them, the AssertionError ends the server's selector thread, and
    // every later connection to the fake is refused (seen once in about eight CI runs, in
    // VgcaPluginTest). Its assertions are switched off for its classes, before they initialise.
    ClassLoader loader = WebSocketServer.class.getClassLoader();
    if (loader != null) {
      loader.setPackageAssertionStatus("org.java_websocket", false);
    }
  }

  /** What goes wrong on the next calls. */
  public enum Fault {
    /** Nothing. */
    NONE,
    /** The user closes the PIN dialog. */
    CANCEL,
    /** The USB token is not there. */
    TOKEN_REMOVED,
    /** The service signs with a key that is not the certificate's. */
    WRONG_KEY,
    /** The answer is not JSON. */
    GARBAGE,
    /** The WebSocket opening takes 3.5 s (the helper's probe gives up after 3 s). */
    SLOW_OPEN
  }

  /** Adds a signature to a downloaded document, as the plug-in's own PDF engine would. */
  @FunctionalInterface
  public interface FileSigner {
    /**
     * @param document the downloaded bytes
     * @param verb the verb, e.g. {@code SignApproved}
     * @param parameters the page's parameters ({@code DocNumber}, {@code IssuedDate}, …)
     * @param key the key the plug-in holds (under {@link Fault#WRONG_KEY}, one that signs with
     *     another key than its certificate's)
     * @return the signed document
     * @throws Exception any failure, answered as the plug-in's error
     */
    byte[] sign(byte[] document, String verb, Map<String, Object> parameters, SigningKey key)
        throws Exception;
  }

  private static final char[] STORE_PASSWORD = "kyso".toCharArray();

  private final SigningKey key;
  private final SigningToken ownedToken;
  private final Server server;
  private final SSLContext serverTls;
  private final X509Certificate tlsCertificate;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "kyso-vgca-fake");
            t.setDaemon(true);
            return t;
          });
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  /**
   * The frames of {@link #call}'s connections by call number: {@code true} once the fake took the
   * frame, {@code false} once the caller gave up waiting for it to be taken. Whichever comes first
   * wins, so a frame is answered and recorded at most once.
   */
  private final Map<Long, Boolean> frames = new ConcurrentHashMap<>();

  private final AtomicLong callNumbers = new AtomicLong();

  /** How long {@link #call} waits for its frame to be taken before it asks again. */
  volatile Duration frameWait = Duration.ofSeconds(5);

  /** For the test kit's own tests: the next frame is taken only after this long. */
  final AtomicReference<Duration> lateFrame = new AtomicReference<>();

  private volatile Fault fault = Fault.NONE;
  private volatile int cancelStatus = 1;
  private volatile FileSigner fileSigner;

  /**
   * Starts the fake with a test credential, opened as a PKCS#12 token.
   *
   * @param credential the key and chain the official's token holds
   */
  public VgcaPluginServer(TestCredential credential) {
    this(Objects.requireNonNull(credential, "credential").signingToken(), null);
  }

  /**
   * Starts the fake with a key of any token (SoftHSM2, PKCS#12); the caller keeps the token open
   * and closes it.
   *
   * @param key the official's key
   */
  public VgcaPluginServer(SigningKey key) {
    this(null, Objects.requireNonNull(key, "key"));
  }

  private VgcaPluginServer(SigningToken owned, SigningKey given) {
    this.ownedToken = owned;
    try {
      this.key = given != null ? given : owned.keys().get(0);
    } catch (KysoException e) {
      throw new IllegalStateException("the token lists no key", e);
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      KeyPair keys = g.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=127.0.0.1, O=VGCA Sign Service (Kyso test fake)");
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minusSeconds(60)),
              Date.from(now.plus(Duration.ofDays(2))),
              name,
              keys.getPublic());
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
      tlsCertificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "tls", keys.getPrivate(), STORE_PASSWORD, new X509Certificate[] {tlsCertificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, STORE_PASSWORD);
      serverTls = SSLContext.getInstance("TLS");
      serverTls.init(kmf.getKeyManagers(), null, null);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the fake's TLS certificate", e);
    }
    server = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server.setReuseAddr(true);
    server.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(serverTls));
    server.start();
    try {
      if (!server.started.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the fake plug-in did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return the base the helper takes, e.g. {@code wss://127.0.0.1:40123}
   */
  public URI base() {
    return URI.create("wss://127.0.0.1:" + server.getPort());
  }

  /**
   * @return the fake's self-signed TLS certificate (browsers in tests ignore certificate errors;
   *     Java clients trust it through {@link #clientTls()})
   */
  public X509Certificate tlsCertificate() {
    return tlsCertificate;
  }

  /**
   * @return a TLS context that trusts the fake's certificate, for Java WebSocket clients in tests
   */
  public SSLContext clientTls() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("fake", tlsCertificate);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, tmf.getTrustManagers(), null);
      return c;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Calls the fake as a page would (one frame each way), from Java: for server-side tests that do
   * without a browser.
   *
   * @param verb e.g. {@code SignMsg}
   * @param frame the text frame to send
   * @return the frame answered
   * @throws IOException when the connection fails or no answer comes within 30 s
   */
  public String call(String verb, String frame) throws IOException {
    // A connection that did not open (seen about once in six runs of VgcaPluginTest on a loaded
    // 2-core machine, right after the previous call's connection closed) is opened again, and so
    // is one whose frame the fake did not take within 5 s (Java-WebSocket's server-side TLS
    // channel can leave a record it has read unprocessed until the next read, its issue #717;
    // seen once in CI as a 30 s wait for an answer). Four times at most, over about three seconds
    // of pauses. A frame the fake took is never sent again: its answer, or its absence, is final.
    for (int attempt = 1; ; attempt++) {
      try {
        return callOnce(verb, frame, callNumbers.incrementAndGet());
      } catch (NotOpened | NotTaken e) {
        if (attempt == 5) {
          throw e;
        }
        try {
          Thread.sleep(100L << attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException(ie);
        }
      }
    }
  }

  /** The fake did not accept the connection. */
  private static final class NotOpened extends IOException {
    private static final long serialVersionUID = 1L;

    NotOpened(Throwable cause) {
      super("the fake plug-in did not open", cause);
    }
  }

  /** The fake did not take the frame in time, and the caller gave it up: it is never answered. */
  private static final class NotTaken extends IOException {
    private static final long serialVersionUID = 1L;

    NotTaken() {
      super("the fake plug-in did not take the frame in time");
    }
  }

  private static Throwable failure(java.util.concurrent.CompletableFuture<String> answer) {
    try {
      answer.join();
      return null;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause();
    }
  }

  private String callOnce(String verb, String frame, long number) throws IOException {
    java.util.concurrent.CompletableFuture<String> answer =
        new java.util.concurrent.CompletableFuture<>();
    org.java_websocket.client.WebSocketClient client =
        new org.java_websocket.client.WebSocketClient(
            URI.create(base() + "/" + verb + "?call=" + number)) {
          @Override
          public void onOpen(org.java_websocket.handshake.ServerHandshake handshake) {
            send(frame);
          }

          @Override
          public void onMessage(String message) {
            answer.complete(message);
          }

          @Override
          public void onClose(int code, String reason, boolean remote) {
            answer.completeExceptionally(new IOException("closed without an answer: " + code));
          }

          @Override
          public void onError(Exception ex) {
            answer.completeExceptionally(ex);
          }
        };
    client.setSocketFactory(clientTls().getSocketFactory());
    try {
      if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
        // connectBlocking also says false when the fake answered and closed the connection before
        // it looked: that answer is taken, never asked for again (it would be recorded twice).
        if (answer.isDone() && !answer.isCompletedExceptionally()) {
          return answer.join();
        }
        throw new NotOpened(answer.isCompletedExceptionally() ? failure(answer) : null);
      }
      try {
        return answer.get(frameWait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (frames.putIfAbsent(number, false) == null) {
          throw new NotTaken();
        }
      }
      return answer.get(25, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("no answer from the fake plug-in: " + e.getCause(), e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("the fake plug-in took the frame but no answer came within 30 s", e);
    } finally {
      client.close();
      frames.remove(number, true); // a frame given up stays, so that it is never taken
    }
  }

  /**
   * @param value what goes wrong from now on
   */
  public void fault(Fault value) {
    this.fault = Objects.requireNonNull(value, "fault");
  }

  /**
   * @param value the Status a cancellation answers (default 1; the real code is not documented)
   */
  public void cancelStatus(int value) {
    this.cancelStatus = value;
  }

  /**
   * @param value what adds the signature in the file round trip
   */
  public void fileSigner(FileSigner value) {
    this.fileSigner = Objects.requireNonNull(value, "fileSigner");
  }

  /**
   * @return the verbs called so far, oldest first
   */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Back to no fault and no recorded calls. */
  public void reset() {
    fault = Fault.NONE;
    cancelStatus = 1;
    calls.clear();
  }

  @Override
  public void close() {
    try {
      server.stop(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    if (ownedToken != null) {
      ownedToken.close();
    }
  }

  /** The key, or under {@link Fault#WRONG_KEY} one that signs with a stranger's private key. */
  private SigningKey signer() throws Exception {
    if (fault != Fault.WRONG_KEY) {
      return key;
    }
    PrivateKey stranger = DigestSigning.strangerKey();
    return new ForwardingKey(key) {

      @Override
      public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) {
        try {
          return new SignatureValue(
              algorithm, DigestSigning.sign(stranger, digest.algorithm().oid(), digest.value()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  // ------------------------------------------------------------------ the verbs

  private String answer(String verb, String frame) {
    calls.add(verb);
    Fault f = fault;
    if (f == Fault.GARBAGE) {
      return "<html>Service Unavailable</html>";
    }
    if (f == Fault.CANCEL) {
      return status(cancelStatus, "Người dùng đã hủy thao tác ký (cancelled)");
    }
    if (f == Fault.TOKEN_REMOVED) {
      return status(3, "Không tìm thấy thiết bị ký số (token not found)");
    }
    try {
      return switch (verb) {
        case "GetCertInfo" -> certInfo();
        case "SignMsg" -> signMsg(frame);
        case "SignXML", "SignJson" -> signContent(frame);
        case "SignApproved",
            "SignIssued",
            "SignAppendix",
            "SignCopy",
            "SignIncome",
            "Comment",
            "SignFile" ->
            roundTrip(verb, frame);
        default -> status(404, "Unknown verb " + verb);
      };
    } catch (Exception e) {
      return status(500, "Lỗi: " + e.getClass().getSimpleName());
    }
  }

  private static String status(int status, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Status", status);
    m.put("Error", error);
    return new String(Json.write(m), StandardCharsets.UTF_8);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private String certInfo() throws Exception {
    X509Certificate c = key.certificate();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("CertBase64", b64(c.getEncoded()));
    info.put("SerialNumber", c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
    info.put("Subject", c.getSubjectX500Principal().getName());
    info.put("Issuer", c.getIssuerX500Principal().getName());
    info.put("NotBefore", c.getNotBefore().toInstant().toString());
    info.put("NotAfter", c.getNotAfter().toInstant().toString());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Status", 0);
    m.put("CertInfo", info);
    return new String(Json.write(m), StandardCharsets.UTF_8);
  }

  private String signMsg(String frame) throws Exception {
    String hashAlg = "SHA256";
    String value;
    String trimmed = frame.strip();
    if (trimmed.startsWith("{")) {
      Map<String, Object> req = Json.object(trimmed.getBytes(StandardCharsets.UTF_8));
      hashAlg = Json.text(req, "HashAlg").orElse("SHA256");
      value = Json.text(req, "HashValue").orElse("");
    } else {
      value = trimmed; // an older page sends the bare base64 digest
    }
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return status(2, "HashValue is not base64");
    }
    DigestAlgorithm digest;
    SignatureAlgorithm algorithm;
    switch (hashAlg.toUpperCase(Locale.ROOT).replace("-", "")) {
      case "SHA256" -> {
        digest = DigestAlgorithm.SHA256;
        algorithm = SignatureAlgorithm.RSA_SHA256;
      }
      case "SHA384" -> {
        digest = DigestAlgorithm.SHA384;
        algorithm = SignatureAlgorithm.RSA_SHA384;
      }
      case "SHA512" -> {
        digest = DigestAlgorithm.SHA512;
        algorithm = SignatureAlgorithm.RSA_SHA512;
      }
      default -> {
        return status(2, "HashAlg " + hashAlg + " is not supported");
      }
    }
    if (hash.length != digest.length()) {
      return status(
          2, "HashValue has " + hash.length + " bytes, " + hashAlg + " needs " + digest.length());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Status", 0);
    m.put("Signature", b64(signer().sign(new Digest(digest, hash), algorithm).value()));
    m.put("CertBase64", b64(key.certificate().getEncoded()));
    return new String(Json.write(m), StandardCharsets.UTF_8);
  }

  private String signContent(String frame) throws Exception {
    Map<String, Object> req = Json.object(frame.getBytes(StandardCharsets.UTF_8));
    String content =
        Json.text(req, "Base64Content").or(() -> Json.text(req, "JsonContent")).orElse("");
    byte[] hash =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(content.getBytes(StandardCharsets.UTF_8));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Status", 0);
    m.put(
        "Signature",
        b64(
            signer()
                .sign(new Digest(DigestAlgorithm.SHA256, hash), SignatureAlgorithm.RSA_SHA256)
                .value()));
    return new String(Json.write(m), StandardCharsets.UTF_8);
  }

  private String roundTrip(String verb, String frame) throws Exception {
    Map<String, Object> p = Json.object(frame.getBytes(StandardCharsets.UTF_8));
    URI download = URI.create(Json.text(p, "FileName").orElse(""));
    URI upload = URI.create(Json.text(p, "FileUploadHandler").orElse(""));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder get = HttpRequest.newBuilder(download).timeout(Duration.ofSeconds(20));
    Json.text(p, "JWTToken")
        .filter(t -> !t.isEmpty())
        .ifPresent(t -> get.header("Authorization", "Bearer " + t));
    HttpResponse<byte[]> file = http.send(get.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (file.statusCode() != 200) {
      return status(5, "Không tải được tệp (HTTP " + file.statusCode() + ")");
    }
    FileSigner engine = fileSigner;
    if (engine == null) {
      return status(6, "no FileSigner configured in the fake");
    }
    byte[] signed = engine.sign(file.body(), verb, p, signer());
    String boundary = "----VgcaFake" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"uploadfile\"; filename=\"signed.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(signed);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder post =
        HttpRequest.newBuilder(upload)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    Json.text(p, "JWTToken")
        .filter(t -> !t.isEmpty())
        .ifPresent(t -> post.header("Authorization", "Bearer " + t));
    Json.text(p, "SessionId")
        .filter(t -> !t.isEmpty())
        .ifPresent(t -> post.header("Cookie", "SessionId=" + t));
    HttpResponse<byte[]> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, Object> handler;
    try {
      handler = Json.object(answer.body());
    } catch (IOException e) {
      return status(7, "Upload handler answered HTTP " + answer.statusCode());
    }
    boolean ok = Boolean.TRUE.equals(handler.get("Status"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Status", ok ? 0 : 7);
    m.put("Message", Json.text(handler, "Message").orElse(""));
    m.put("FileName", Json.text(handler, "FileName").orElse(""));
    m.put("FileServer", Json.text(handler, "FileServer").orElse(""));
    return new String(Json.write(m), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the WebSocket server

  /** A connection's verb and, from {@link #call}, its call number. */
  private record Opened(String verb, Long call) {}

  private final class Server extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);

    Server(InetSocketAddress address) {
      super(address);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
        WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
      if (fault == Fault.SLOW_OPEN) {
        try {
          Thread.sleep(3500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      String path = handshake.getResourceDescriptor();
      int q = path.indexOf('?');
      Long number = null;
      if (q >= 0 && path.startsWith("call=", q + 1)) {
        try {
          number = Long.valueOf(path.substring(q + 6));
        } catch (NumberFormatException e) {
          number = null; // a page's own query: answered as any page's
        }
      }
      conn.setAttachment(
          new Opened((q < 0 ? path : path.substring(0, q)).replaceFirst("^/", ""), number));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      Duration late = lateFrame.getAndSet(null);
      if (late == null) {
        take(conn, message);
        return;
      }
      workers.submit(
          () -> {
            try {
              Thread.sleep(late.toMillis());
            } catch (InterruptedException e) {
              return; // closing
            }
            take(conn, message);
          });
    }

    private void take(WebSocket conn, String message) {
      Opened opened = conn.getAttachment();
      if (opened.call() != null && frames.putIfAbsent(opened.call(), true) != null) {
        return; // its caller gave it up and asks again on a new connection
      }
      workers.submit(
          () -> {
            String reply = answer(opened.verb(), message);
            if (conn.isOpen()) {
              conn.send(reply);
              conn.close();
            }
          });
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
      started.countDown();
    }
  }
}
