package vn.kyso.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import vn.kyso.api.KysoException;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.policy.SigningPolicy;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.remote.UploadDecision;
import vn.kyso.remote.UploadReceiver;
import vn.kyso.remote.VgcaPlugin;

/**
 * Example: a one-page web application where a leader signs a letter through the government signing
 * plug-in (VGCA Sign Service) in hash mode, and the văn thư issues it in file mode. The page uses
 * the helper {@code kyso-vgca.js}; the server prepares and completes (hash mode) or verifies the
 * upload before it accepts it (file mode), and shows the verification with the policy's decision.
 * JDK HTTP server, 127.0.0.1, an ephemeral port; one document.
 *
 * <pre>{@code
 * try (BrowserSigningApp app = BrowserSigningApp.start(folder, letter, verifier, policy, info,
 *     issuedInfo, hmacKey, Clock.systemUTC())) {
 *   System.out.println("open " + app.uri());
 * }
 * }</pre>
 *
 * <p>Routes: {@code GET /} the page; {@code GET /kyso-vgca.js} the helper; {@code GET
 * /files/cv-1.pdf} the current document (the plug-in downloads it); {@code POST /api/prepare}
 * {certificate} → {id, hash, hashAlg}; {@code POST /api/complete} {id, signature, certificate} →
 * the verification; {@code POST /api/ticket} {certificate} → {fileUrl, uploadUrl}; {@code POST
 * /upload/cv-1?token=…} the plug-in's upload; {@code POST /api/state} the verification.
 */
public final class BrowserSigningApp implements AutoCloseable {
  private static final String DOC = "cv-1";
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path folder;
  private final CertificateVerifier verifier;
  private final SigningPolicy policy;
  private final DocumentInfo info;
  private final DocumentInfo issuedInfo;
  private final PdfSigner signer;
  private final UploadReceiver receiver;
  private final AtomicReference<Path> current = new AtomicReference<>();
  private final AtomicInteger version = new AtomicInteger();
  private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  private record Prepared(byte[] state, Path base, X509Certificate signer) {}

  private BrowserSigningApp(
      Path folder,
      Path letter,
      CertificateVerifier verifier,
      SigningPolicy policy,
      DocumentInfo info,
      DocumentInfo issuedInfo,
      byte[] hmacKey,
      Clock clock)
      throws IOException {
    this.folder = Files.createDirectories(folder);
    this.issuedInfo = issuedInfo;
    this.verifier = verifier;
    this.policy = policy;
    this.info = info;
    this.signer = PdfSigner.builder().clock(clock).certificateVerifier(verifier).build();
    PdfVerifier pdfVerifier = PdfVerifier.builder(verifier).clock(clock).build();
    this.receiver =
        UploadReceiver.builder(hmacKey, pdfVerifier::verify).policy(policy).clock(clock).build();
    Path first = folder.resolve(DOC + ".v0.pdf");
    Files.copy(letter, first, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    current.set(first);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * Starts the application.
   *
   * @param folder where the document's versions are kept
   * @param letter the letter to sign
   * @param verifier the certificate verifier, with the sub-CAs as intermediates (the server builds
   *     each signer's chain)
   * @param policy the signing policy
   * @param info what the application knows about the letter while it is a draft (the leader signs
   *     it)
   * @param issuedInfo the same once the văn thư issues it (with its number and symbol and date: the
   *     organisation's signature is applied on issue, ND 30/2020 Art 15)
   * @param hmacKey the key of the upload tokens (32 bytes or more)
   * @param clock the clock
   * @return the running application
   * @throws IOException when the folder or the port cannot be opened
   */
  public static BrowserSigningApp start(
      Path folder,
      Path letter,
      CertificateVerifier verifier,
      SigningPolicy policy,
      DocumentInfo info,
      DocumentInfo issuedInfo,
      byte[] hmacKey,
      Clock clock)
      throws IOException {
    return new BrowserSigningApp(
        folder, letter, verifier, policy, info, issuedInfo, hmacKey, clock);
  }

  /**
   * @return the page, e.g. {@code http://127.0.0.1:40123/}
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /**
   * @return the document as it stands (the last accepted version)
   */
  public Path current() {
    return current.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------------ routes

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(64 * 1024 * 1024);
      }
      try {
        switch (path) {
          case "/" -> send(ex, 200, "text/html; charset=utf-8", page());
          case "/kyso-vgca.js" ->
              send(
                  ex,
                  200,
                  "text/javascript; charset=utf-8",
                  VgcaPlugin.helperScript().getBytes(StandardCharsets.UTF_8));
          case "/files/" + DOC + ".pdf" ->
              send(ex, 200, "application/pdf", Files.readAllBytes(current.get()));
          case "/api/prepare" -> json(ex, 200, prepare(fields(body)));
          case "/api/complete" -> json(ex, 200, complete(fields(body)));
          case "/api/ticket" -> json(ex, 200, ticket(fields(body)));
          case "/api/state" -> json(ex, 200, state(current.get()));
          case "/upload/" + DOC -> upload(ex, body);
          default -> json(ex, 404, Map.of("message", "not found"));
        }
      } catch (KysoException e) {
        json(ex, 422, Map.of("message", e.getMessage(), "code", e.code().name()));
      } catch (IllegalArgumentException e) {
        json(ex, 400, Map.of("message", String.valueOf(e.getMessage())));
      }
    }
  }

  private static byte[] page() throws IOException {
    try (InputStream in =
        BrowserSigningApp.class.getResourceAsStream("/vn/kyso/examples/browser/index.html")) {
      return Objects.requireNonNull(in, "index.html").readAllBytes();
    }
  }

  /** Hash mode, step 1: the signer's chain, the policy pre-check, the digest to sign. */
  private Map<String, Object> prepare(Map<String, String> f) throws KysoException {
    X509Certificate cert = certificate(f.get("certificate"));
    CertificateResult path = verifier.verify(cert);
    if (path.chain().isEmpty()) {
      throw new IllegalArgumentException("no chain to a trusted root for this certificate");
    }
    Path base = current.get();
    PreparedSignature p =
        signer.prepare(
            base,
            PdfSignatureOptions.builder(PadesLevel.B_B)
                .reason("Phê duyệt / Approval")
                .policyCheck(PolicyCheck.builder(policy, info).build())
                .build(),
            path.chain());
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    prepared.put(id, new Prepared(p.toBytes(), base, cert));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("hash", Base64.getEncoder().encodeToString(p.dataToSign().value()));
    m.put("hashAlg", p.dataToSign().algorithm().name());
    return m;
  }

  /** Hash mode, step 2: the value checked against the certificate, embedded, verified. */
  private Map<String, Object> complete(Map<String, String> f) throws KysoException, IOException {
    Prepared state = prepared.remove(String.valueOf(f.get("id")));
    if (state == null) {
      throw new IllegalArgumentException("unknown or used preparation id");
    }
    PreparedSignature p = PreparedSignature.fromBytes(state.state());
    SignatureValue value =
        VgcaPlugin.signature(
            f.getOrDefault("signature", ""),
            f.getOrDefault("certificate", ""),
            p.dataToSign(),
            state.signer());
    Path next = folder.resolve(DOC + ".v" + version.incrementAndGet() + ".pdf");
    signer.complete(p, state.base(), next, value);
    if (!current.compareAndSet(state.base(), next)) {
      Files.deleteIfExists(next);
      throw new IllegalArgumentException("the document changed meanwhile; sign again");
    }
    return state(next);
  }

  /** File mode, step 1: a one-time upload link bound to the document and the signer. */
  private Map<String, Object> ticket(Map<String, String> f) throws IOException {
    X509Certificate cert = certificate(f.get("certificate"));
    String token = receiver.ticket(DOC, current.get(), cert);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fileUrl", uri().resolve("files/" + DOC + ".pdf").toString());
    m.put("uploadUrl", uri().resolve("upload/" + DOC + "?token=" + token).toString());
    return m;
  }

  /** File mode, step 2: the plug-in's upload, verified before it becomes the document. */
  private void upload(HttpExchange ex, byte[] body) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    String token = query != null && query.startsWith("token=") ? query.substring(6) : "";
    Path base = current.get();
    Path next = folder.resolve(DOC + ".v" + version.incrementAndGet() + ".pdf");
    UploadDecision d =
        receiver.receive(
            token,
            DOC,
            base,
            ex.getRequestHeaders().getFirst("Content-Type"),
            new ByteArrayInputStream(body),
            next,
            issuedInfo);
    if (d.accepted() && !current.compareAndSet(base, next)) {
      Files.deleteIfExists(next);
    }
    send(ex, 200, "application/json", d.reply(Locale.forLanguageTag("vi")));
  }

  /** The verification of a version, with the policy's decisions, as the page shows it. */
  private Map<String, Object> state(Path pdf) throws IOException {
    ValidationReport r;
    try {
      ValidationReport verified = PdfVerifier.builder(verifier).build().verify(pdf);
      boolean issued = verified.signatures().size() > 1;
      r = policy.review(verified, issued ? issuedInfo : info);
    } catch (KysoException e) {
      return Map.of("ok", false, "message", e.getMessage());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", true);
    m.put("document", pdf.getFileName().toString());
    m.put("overall", r.overall().name());
    m.put("policy", r.policyDecision().map(d -> d.verdict().name()).orElse("NONE"));
    List<Object> sigs =
        r.signatures().stream()
            .map(
                (SignatureResult s) -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("id", s.id());
                  e.put("signer", s.signer().map(i -> i.name()).orElse(""));
                  e.put("indication", s.indication().name());
                  e.put("policy", s.policyDecision().map(d -> d.verdict().name()).orElse("NONE"));
                  return (Object) e;
                })
            .toList();
    m.put("signatures", sigs);
    return m;
  }

  // ------------------------------------------------------------------ plumbing

  private static X509Certificate certificate(String base64) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(
                      Base64.getMimeDecoder()
                          .decode(Objects.requireNonNull(base64, "certificate"))));
    } catch (Exception e) {
      throw new IllegalArgumentException("a certificate that cannot be read");
    }
  }

  /** The string fields of a flat JSON object. */
  private static Map<String, String> fields(byte[] body) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a JSON object is expected");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
          out.put(name, p.getText());
        } else {
          p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON");
    }
    return out;
  }

  private static void json(HttpExchange ex, int status, Map<String, Object> m) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      write(g, m);
    }
    send(ex, status, "application/json; charset=utf-8", buf.toByteArray());
  }

  @SuppressWarnings("unchecked")
  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v == null) {
      g.writeNull();
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
