package vn.kyso.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.kyso.api.KysoException;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.SigningPolicy;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.remote.UploadDecision.Reason;
import vn.kyso.remote.internal.Multipart;

/**
 * Receives the PDF the government plug-in signed in its file mode ({@code SignApproved}, {@code
 * SignIssued}, {@code SignAppendix}, {@code SignCopy}: the plug-in downloads the document, signs it
 * with its own engine and posts it as the multipart part {@code uploadfile} to the application's
 * upload handler) and decides, before anything is stored as signed:
 *
 * <ol>
 *   <li>the one-time token in the handler's URL is this receiver's, for this document, unexpired
 *       and unused (an HMAC over the document id, the digest of the document sent, the expected
 *       signer's certificate and the expiry; used once through a {@link CompletionLedger});
 *   <li>the document sent has not changed since, and the upload is that document byte for byte with
 *       an incremental update after it (the same revision underneath);
 *   <li>the update adds exactly one signature, which verifies (TOTAL_PASSED) and was made with the
 *       expected signer's certificate, and every earlier signature verifies as it did;
 *   <li>the signing policy, when given, allows the new signature and the document.
 * </ol>
 *
 * <p>Only then is the upload moved (atomically) to the destination; otherwise nothing is written
 * and the reply tells the plug-in, and through it the page, why. Servlet-agnostic: the caller hands
 * in the token, the content type and the body stream.
 *
 * <pre>{@code
 * UploadReceiver receiver = UploadReceiver.builder(hmacKey, pdfVerifier::verify).policy(policy).build();
 * String token = receiver.ticket("cv-42", original, leaderCertificate);   // put it in FileUploadHandler
 * // POST /upload/cv-42?token=…  (multipart, part "uploadfile")
 * UploadDecision d = receiver.receive(token, "cv-42", original, contentType, body, signedCopy, info);
 * response.json(d.reply(Locale.forLanguageTag("vi")));
 * }</pre>
 *
 * @since 0.1
 */
public final class UploadReceiver {
  private static final String LEDGER = "vgca-upload";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Verifies a PDF with Kyso ({@code PdfVerifier::verify}). */
  @FunctionalInterface
  public interface Verifier {
    /**
     * @param pdf the file
     * @return its report
     * @throws KysoException when it cannot be read
     */
    ValidationReport verify(Path pdf) throws KysoException;
  }

  private final byte[] key;
  private final Verifier verifier;
  private final SigningPolicy policy;
  private final CompletionLedger ledger;
  private final Duration ttl;
  private final long maxBytes;
  private final Clock clock;

  private UploadReceiver(Builder b) {
    this.key = b.key.clone();
    this.verifier = b.verifier;
    this.policy = b.policy;
    this.ledger = b.ledger;
    this.ttl = b.ttl;
    this.maxBytes = b.maxBytes;
    this.clock = b.clock;
  }

  /**
   * Returns a builder.
   *
   * @param hmacKey the key of the one-time tokens, at least 32 random bytes, the same on every
   *     instance of the back end (copied)
   * @param verifier verifies a PDF, e.g. {@code pdfVerifier::verify}
   * @return the builder
   */
  public static Builder builder(byte[] hmacKey, Verifier verifier) {
    return new Builder(hmacKey, verifier);
  }

  /**
   * Issues the one-time token for the upload of a document signed by one signer: the expiry, a
   * nonce, the digests of the document and of the expected signer's certificate, and an HMAC over
   * them and the document id.
   *
   * @param documentId the application's id of the document (as in the handler URL)
   * @param original the document as it is sent for signing
   * @param expectedSigner the certificate that must sign it
   * @return the token (URL-safe, 160 characters)
   * @throws IOException when the document cannot be read
   */
  public String ticket(String documentId, Path original, X509Certificate expectedSigner)
      throws IOException {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    long expires = clock.instant().plus(ttl).getEpochSecond();
    byte[] body =
        ByteBuffer.allocate(TOKEN_BODY)
            .putLong(expires)
            .put(nonce)
            .put(sha256(original))
            .put(certificateDigest(expectedSigner))
            .array();
    byte[] token = Arrays.copyOf(body, TOKEN_BODY + 32);
    System.arraycopy(mac(Objects.requireNonNull(documentId), body), 0, token, TOKEN_BODY, 32);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  private static final int TOKEN_BODY = 8 + 16 + 32 + 32;

  /**
   * Decides about an upload and, when it is accepted, stores it at {@code destination}. The token
   * is checked first, before the body is read.
   *
   * @param token the token from the handler URL
   * @param documentId the document id from the handler URL
   * @param original the document as it was sent
   * @param contentType the request's {@code Content-Type} ({@code multipart/form-data} with an
   *     {@code uploadfile} part, or {@code application/pdf})
   * @param body the request body (read at most to the size limit)
   * @param destination where the signed document goes
   * @param document what the application knows about the document, for the policy
   * @return the decision
   * @throws IOException when the original cannot be read or the destination cannot be written
   */
  public UploadDecision receive(
      String token,
      String documentId,
      Path original,
      String contentType,
      InputStream body,
      Path destination,
      DocumentInfo document)
      throws IOException {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(document, "document");
    // 1. the token: this receiver's, for this document, unexpired, unused
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token == null ? "" : token);
    } catch (IllegalArgumentException e) {
      return refused(Reason.TOKEN_INVALID);
    }
    if (raw.length != TOKEN_BODY + 32 || documentId == null) {
      return refused(Reason.TOKEN_INVALID);
    }
    byte[] claims = Arrays.copyOf(raw, TOKEN_BODY);
    byte[] tag = Arrays.copyOfRange(raw, TOKEN_BODY, TOKEN_BODY + 32);
    if (!MessageDigest.isEqual(tag, mac(documentId, claims))) {
      return refused(Reason.TOKEN_INVALID);
    }
    ByteBuffer t = ByteBuffer.wrap(claims);
    long expires = t.getLong();
    byte[] nonce = new byte[16];
    t.get(nonce);
    byte[] sentDigest = new byte[32];
    t.get(sentDigest);
    byte[] signerDigest = new byte[32];
    t.get(signerDigest);
    if (clock.instant().getEpochSecond() >= expires) {
      return refused(Reason.TOKEN_EXPIRED);
    }
    if (!MessageDigest.isEqual(sentDigest, sha256(original))) {
      return refused(Reason.DOCUMENT_CHANGED);
    }
    if (!ledger.claim(LEDGER, Base64.getUrlEncoder().encodeToString(nonce))) {
      return refused(Reason.TOKEN_USED);
    }
    // 2. the file, bounded
    byte[] upload = body.readNBytes((int) (maxBytes + 1));
    if (upload.length > maxBytes) {
      return refused(Reason.TOO_LARGE);
    }
    Optional<byte[]> pdf = pdfOf(contentType, upload);
    if (pdf.isEmpty()) {
      return refused(Reason.NO_FILE);
    }
    // 3. the same document underneath, with an update after it
    byte[] sent = Files.readAllBytes(original);
    if (!MessageDigest.isEqual(sentDigest, digest(sent))) {
      return refused(Reason.DOCUMENT_CHANGED);
    }
    if (pdf.get().length <= sent.length
        || !Arrays.equals(pdf.get(), 0, sent.length, sent, 0, sent.length)) {
      return refused(Reason.NOT_THE_DOCUMENT_SENT);
    }
    Path temp = OutputFiles.temporaryBeside(destination, ".upload");
    try {
      Files.write(temp, pdf.get());
      ValidationReport before;
      ValidationReport after;
      try {
        before = verifier.verify(original);
        after = verifier.verify(temp);
      } catch (KysoException e) {
        return refused(Reason.UNREADABLE);
      }
      // 4. exactly one new signature, verified, by the expected signer; the others unchanged
      List<SignatureResult> added = newSignatures(after, before);
      if (added.size() != 1
          || after.signatures().size() != before.signatures().size() + 1
          || after.documentTimestamps().size() != before.documentTimestamps().size()) {
        return new UploadDecision(Reason.NOT_ONE_NEW_SIGNATURE, List.of(), after, null);
      }
      SignatureResult fresh = added.get(0);
      if (fresh.indication() != Indication.TOTAL_PASSED) {
        return new UploadDecision(
            Reason.SIGNATURE_NOT_PASSED,
            fresh.findings().stream().map(f -> f.code() + ": " + f.messageEn()).toList(),
            after,
            null);
      }
      if (fresh.signingCertificate().isEmpty()
          || !MessageDigest.isEqual(
              signerDigest, certificateDigest(fresh.signingCertificate().get()))) {
        return new UploadDecision(
            Reason.WRONG_SIGNER,
            fresh.signingCertificate().stream()
                .map(c -> c.getSubjectX500Principal().getName())
                .toList(),
            after,
            null);
      }
      Map<String, Indication> earlier = new HashMap<>();
      before.signatures().forEach(s -> earlier.put(s.id(), s.indication()));
      for (SignatureResult s : after.signatures()) {
        if (earlier.containsKey(s.id()) && earlier.get(s.id()) != s.indication()) {
          return new UploadDecision(Reason.EARLIER_SIGNATURE_CHANGED, List.of(s.id()), after, null);
        }
      }
      // 5. the policy
      if (policy != null) {
        ValidationReport judged = policy.review(after, document);
        List<String> denials = new ArrayList<>();
        judged.signatures().stream()
            .filter(s -> s.id().equals(fresh.id()))
            .flatMap(s -> s.policyDecision().stream())
            .forEach(d -> denials.addAll(texts(d)));
        judged.policyDecision().ifPresent(d -> denials.addAll(texts(d)));
        if (!denials.isEmpty()) {
          return new UploadDecision(Reason.POLICY_DENIED, denials, judged, null);
        }
        after = judged;
      }
      OutputFiles.moveIntoPlace(temp, destination);
      return new UploadDecision(
          Reason.ACCEPTED, List.of(), after, destination.getFileName().toString());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static List<String> texts(PolicyDecision d) {
    return d.denials().stream()
        .map(f -> f.ruleId() + " (" + f.citation() + "): " + f.messageEn())
        .distinct()
        .toList();
  }

  /** Signatures of {@code after} not in {@code before}. */
  private static List<SignatureResult> newSignatures(
      ValidationReport after, ValidationReport before) {
    List<String> old = before.signatures().stream().map(SignatureResult::id).toList();
    return after.signatures().stream().filter(s -> !old.contains(s.id())).toList();
  }

  private static Optional<byte[]> pdfOf(String contentType, byte[] upload) {
    Optional<Multipart.Part> part = Multipart.find(contentType, upload, "uploadfile");
    if (part.isPresent()) {
      return Optional.of(Arrays.copyOfRange(upload, part.get().start(), part.get().end()));
    }
    if (contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/pdf")) {
      return Optional.of(upload);
    }
    return Optional.empty();
  }

  private static UploadDecision refused(Reason reason) {
    return new UploadDecision(reason, List.of(), null, null);
  }

  private byte[] mac(String documentId, byte[] claims) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update("kyso-vgca-upload-token\n".getBytes(StandardCharsets.US_ASCII));
      byte[] id = documentId.getBytes(StandardCharsets.UTF_8);
      mac.update(ByteBuffer.allocate(4).putInt(id.length).array());
      mac.update(id);
      return mac.doFinal(claims);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing", e);
    }
  }

  private static byte[] certificateDigest(X509Certificate c) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalArgumentException("a certificate that cannot be encoded", e);
    }
  }

  private static byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds an {@link UploadReceiver}. Not thread-safe. */
  public static final class Builder {
    private final byte[] key;
    private final Verifier verifier;
    private SigningPolicy policy;
    private CompletionLedger ledger = CompletionLedger.inMemory();
    private Duration ttl = Duration.ofMinutes(15);
    private long maxBytes = 32L * 1024 * 1024;
    private Clock clock = Clock.systemUTC();

    private Builder(byte[] hmacKey, Verifier verifier) {
      if (Objects.requireNonNull(hmacKey, "hmacKey").length < 32) {
        throw new IllegalArgumentException("an HMAC key of at least 32 bytes");
      }
      this.key = hmacKey.clone();
      this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * @param value the policy the new signature and the document must satisfy
     * @return this builder
     */
    public Builder policy(SigningPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * @param value where used tokens are remembered (default: this JVM's memory); several instances
     *     of the back end share one backed by their database
     * @return this builder
     */
    public Builder completionLedger(CompletionLedger value) {
      this.ledger = Objects.requireNonNull(value, "ledger");
      return this;
    }

    /**
     * @param value how long a token is valid (default 15 minutes)
     * @return this builder
     */
    public Builder ttl(Duration value) {
      this.ttl = Objects.requireNonNull(value, "ttl");
      return this;
    }

    /**
     * @param value the largest upload accepted (default 32 MiB; it is held in memory)
     * @return this builder
     */
    public Builder maxBytes(long value) {
      if (value < 1 || value > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxBytes " + value);
      }
      this.maxBytes = value;
      return this;
    }

    /**
     * @param value the clock of the token expiry
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @return the receiver
     */
    public UploadReceiver build() {
      return new UploadReceiver(this);
    }
  }
}
