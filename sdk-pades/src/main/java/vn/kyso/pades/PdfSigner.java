package vn.kyso.pades;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.ServiceException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.TokenException;
import vn.kyso.api.shared.ForwardingKey;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.shared.PolicyGate;
import vn.kyso.api.shared.SignatureAlgorithms;
import vn.kyso.api.shared.SigningTime;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.pades.internal.Cms;
import vn.kyso.pades.internal.DecodeCeiling;
import vn.kyso.pades.internal.LtvWriter;
import vn.kyso.pades.internal.Material;
import vn.kyso.pades.internal.PdfLoad;
import vn.kyso.pades.internal.PdfUpdate;

/**
 * Signs PDF documents with PAdES baseline signatures (ETSI EN 319 142-1): {@code SubFilter
 * ETSI.CAdES.detached}, signing-certificate-v2, the claimed time in /M, each signature in its own
 * incremental update so that earlier signatures stay valid. Built once, immutable, thread-safe.
 *
 * <pre>{@code
 * PdfSigner signer = PdfSigner.builder().timestampClient(tsa).build();
 * signer.sign(Path.of("cong-van.pdf"), Path.of("cong-van-signed.pdf"),
 *     PdfSignatureOptions.builder(PadesLevel.B_T).fieldName("LanhDao").build(), key);
 *
 * // Two phases (a web back end between two requests; a browser plug-in or HSM signs):
 * PreparedSignature prepared = signer.prepare(input, options, chain);
 * byte[] state = prepared.toBytes();                      // keep it server-side
 * SignatureValue value = remoteSigner.sign(prepared.dataToSign());
 * signer.complete(PreparedSignature.fromBytes(state), input, output, value);
 * }</pre>
 *
 * <p><b>Files.</b> The input is only read. The output is written to a temporary file in the
 * output's folder and moved into place when complete; a failure leaves no file at the output path.
 * Input and output must differ. The input is read through a file cache, not into memory.
 *
 * <p><b>Security notes.</b> SHA-1 is refused; RSA keys under 2048 bits are refused by the token
 * layer. {@link #complete} verifies the signature value against the signer certificate over the
 * prepared signed attributes, and recomputes the document digest, before writing anything.
 *
 * @since 0.1
 */
public final class PdfSigner {
  /** The container's space with a time-stamp, or when the chain cannot be measured. */
  private static final int RESERVED_UNKNOWN_SIZE = 32 * 1024;

  /** A document time-stamp's space before this signer has seen a token. */
  private static final int RESERVED_DOCUMENT_TIMESTAMP = 24 * 1024;

  /** The largest time-stamp token this signer has embedded, in bytes; 0 before the first. */
  private final AtomicInteger largestTimestamp = new AtomicInteger();

  private final TsaClient tsa;
  private final CertificateVerifier verifier;
  private final Clock clock;
  private final ResourceLimits limits;
  private final Executor digestExecutor;
  private final int batchWorkers;

  private PdfSigner(Builder b) {
    this.tsa = b.tsa;
    this.verifier = b.verifier;
    this.clock = b.clock;
    this.limits = b.limits;
    this.digestExecutor = b.digestExecutor;
    this.batchWorkers = b.batchWorkers;
  }

  /**
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs a document in one step with a key.
   *
   * @param input the PDF to sign; never modified
   * @param output where the signed PDF goes
   * @param options what to produce
   * @param key the signing key
   * @throws DocumentException when the input cannot be signed (malformed, encrypted, field taken)
   * @throws TokenException when the key fails
   * @throws ServiceException when the TSA fails (B-T)
   * @throws SigningRefusedException when the options' policy check denies it (before the key is
   *     used)
   * @throws KysoException for any other typed failure
   */
  public void sign(Path input, Path output, PdfSignatureOptions options, SigningKey key)
      throws KysoException {
    signDocument(input, output, options, key, true);
  }

  /**
   * One document of a batch: the PDF to sign and where its signed copy goes.
   *
   * @param input the PDF; never modified
   * @param output where the signed PDF goes
   */
  public record BatchItem(Path input, Path output) {
    /**
     * Validates.
     *
     * @param input the PDF
     * @param output the signed copy
     */
    public BatchItem {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * Signs many documents with one key, as a clerk signs a day's letters: each document exactly as
   * {@link #sign} would (the options' policy check, the strict parse, the signature checked against
   * the key, an atomic write), with the work around the key's signatures overlapped: up to {@link
   * Builder#batchWorkers} documents are prepared and written at once while the key signs one at a
   * time, in the order the documents become ready, as a token does; each output is forced to disk
   * before its name appears, and each output folder once at the end, before this returns. A
   * document that cannot be signed (malformed, refused by the policy, its output not writable) is
   * reported and the others go on; a failure of the key ({@link TokenException}: token removed, PIN
   * locked) stops the batch, and the documents it had not reached are reported {@code
   * BATCH_INTERRUPTED}, naming it. A crash during the batch leaves each output whole or absent.
   *
   * @param items the documents; no output twice, no output that is an input of the batch
   * @param options what to produce, the same for every document
   * @param key the signing key, from a token opened once
   * @return what happened to each document, in the order given
   * @throws IllegalArgumentException when an output is named twice or is an input of the batch
   */
  public PdfBatchResult signAll(
      List<BatchItem> items, PdfSignatureOptions options, SigningKey key) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(key, "key");
    List<BatchItem> todo = List.copyOf(items);
    Set<Path> inputs = new HashSet<>();
    for (BatchItem item : todo) {
      inputs.add(item.input().toAbsolutePath().normalize());
    }
    Set<Path> outputs = new HashSet<>();
    for (BatchItem item : todo) {
      Path out = item.output().toAbsolutePath().normalize();
      if (!outputs.add(out) || inputs.contains(out)) {
        throw new IllegalArgumentException(
            "each output of a batch must be new to it (named once, not an input): " + out);
      }
      requireDistinct(item.input(), item.output());
    }
    OneAtATime serial = new OneAtATime(key);
    KysoException[] failures = new KysoException[todo.size()];
    boolean[] done = new boolean[todo.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> bug = new AtomicReference<>();
    Runnable work =
        () -> {
          for (int i = next.getAndIncrement();
              i < todo.size() && serial.failure() == null && bug.get() == null;
              i = next.getAndIncrement()) {
            BatchItem item = todo.get(i);
            try {
              signDocument(item.input(), item.output(), options, serial, false);
            } catch (OneAtATime.Stopped e) {
              continue; // the key failed for another document: this one was not reached
            } catch (KysoException e) {
              failures[i] = e;
            } catch (RuntimeException e) {
              bug.compareAndSet(null, e);
            }
            done[i] = true;
          }
        };
    int workers = Math.min(todo.size(), batchWorkers);
    List<Thread> helpers = new ArrayList<>();
    for (int w = 1; w < workers; w++) {
      Thread t = new Thread(work, "kyso-batch-" + w);
      t.setDaemon(true);
      t.start();
      helpers.add(t);
    }
    work.run();
    boolean interrupted = false;
    for (Thread t : helpers) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    Set<Path> folders = new LinkedHashSet<>();
    for (int i = 0; i < todo.size(); i++) {
      if (done[i] && failures[i] == null) {
        folders.add(todo.get(i).output().toAbsolutePath().getParent());
      }
    }
    folders.forEach(OutputFiles::forceFolder);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (bug.get() != null) {
      throw bug.get();
    }
    List<PdfBatchResult.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      KysoException why = failures[i];
      if (!done[i]) {
        TokenException cause = serial.failure();
        why =
            new TokenException(
                ErrorCode.BATCH_INTERRUPTED,
                cause,
                indexOf(failures, cause) + 1,
                todo.size(),
                cause.getMessage());
      }
      outcomes.add(new PdfBatchResult.Outcome(todo.get(i), Optional.ofNullable(why)));
    }
    return new PdfBatchResult(outcomes);
  }

  private static int indexOf(KysoException[] failures, KysoException failure) {
    for (int i = 0; i < failures.length; i++) {
      if (failures[i] == failure) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A key that signs one digest at a time for a batch's workers, as a token does, and not at all
   * once it has failed: a removed token or a refused PIN is not asked again for the documents the
   * other workers were preparing.
   */
  private static final class OneAtATime extends ForwardingKey {
    private TokenException failed;

    /** The key had failed before this document's turn. */
    static final class Stopped extends TokenException {
      private static final long serialVersionUID = 1L;

      Stopped(TokenException cause) {
        super(ErrorCode.BATCH_INTERRUPTED, cause, 0, 0, cause.getMessage());
      }
    }

    OneAtATime(SigningKey key) {
      super(key);
    }

    /** The key's failure, or null while it has not failed. */
    synchronized TokenException failure() {
      return failed;
    }

    @Override
    public synchronized SignatureValue sign(Digest digest, SignatureAlgorithm algorithm)
        throws TokenException {
      if (failed != null) {
        throw new Stopped(failed);
      }
      try {
        return key.sign(digest, algorithm);
      } catch (TokenException e) {
        failed = e;
        throw e;
      }
    }
  }

  /** {@link #sign}; {@code forceFolder} false leaves the output folder's force to the caller. */
  private void signDocument(
      Path input, Path output, PdfSignatureOptions options, SigningKey key, boolean forceFolder)
      throws KysoException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    List<X509Certificate> chain = key.chain();
    Instant signingTime = checkedSigningTime(input, options, chain);
    SignatureAlgorithm algorithm = algorithmFor(chain.get(0), options);
    // One step builds the revision once: the digest comes from the bytes being written, the key
    // signs, and the container goes into the same placeholder (prepare + complete build it twice).
    // With a time-stamp the placeholder is sized to the largest token this signer has embedded;
    // should a token outgrow it, the signature is made again in the full space.
    int learned = learnedReserve(options, chain);
    if (learned > 0) {
      try {
        signOnce(input, output, options, key, chain, algorithm, signingTime, learned, forceFolder);
        return;
      } catch (DocumentException e) {
        if (e.code() != ErrorCode.SIGNATURE_TOO_LARGE) {
          throw e;
        }
      }
    }
    signOnce(
        input,
        output,
        options,
        key,
        chain,
        algorithm,
        signingTime,
        reservedFor(options, chain),
        forceFolder);
  }

  private void signOnce(
      Path input,
      Path output,
      PdfSignatureOptions options,
      SigningKey key,
      List<X509Certificate> chain,
      SignatureAlgorithm algorithm,
      Instant signingTime,
      int reserved,
      boolean forceFolder)
      throws KysoException {
    write(
        input,
        output,
        options,
        chain,
        algorithm,
        signingTime,
        options.ownerPassword().orElse(null),
        reserved,
        forceFolder,
        digest -> {
          PreparedSignature prepared =
              new PreparedSignature(
                  options,
                  signingTime,
                  algorithm,
                  chain,
                  digest,
                  Cms.signedAttributes(chain.get(0), options.digest(), digest));
          return checkedValue(prepared, key.sign(prepared.dataToSign(), algorithm));
        });
  }

  /**
   * Prepares an external signature: computes what the signer must sign.
   *
   * @param input the PDF
   * @param options what to produce
   * @param chain the signer certificate first, then its chain (embedded in the signature)
   * @return the prepared state
   * @throws DocumentException when the input cannot be signed
   * @throws SigningRefusedException when the options' policy check denies the signature
   */
  public PreparedSignature prepare(
      Path input, PdfSignatureOptions options, List<X509Certificate> chain)
      throws DocumentException, SigningRefusedException {
    Objects.requireNonNull(options, "options");
    Instant signingTime = checkedSigningTime(input, options, chain);
    SignatureAlgorithm algorithm = algorithmFor(chain.get(0), options);
    String password = options.ownerPassword().map(String::new).orElse(null);
    try (DecodeCeiling ceiling = DecodeCeiling.enter(limits.maxDecodedStreamBytes());
        PdfUpdate update =
            PdfUpdate.open(
                input,
                parameters(options, chain, signingTime, password, reservedFor(options, chain)))) {
      byte[] digest = update.contentDigest(options.digest());
      PdfLoad.requireWithinCeiling();
      return new PreparedSignature(
          options,
          signingTime,
          algorithm,
          chain,
          digest,
          Cms.signedAttributes(chain.get(0), options.digest(), digest));
    }
  }

  /**
   * Completes an external signature: checks the value, adds the time-stamp for B-T, and writes the
   * signed PDF.
   *
   * @param prepared the state from {@link #prepare}, possibly from another JVM
   * @param input the same PDF that was prepared
   * @param output where the signed PDF goes
   * @param value the signature value over {@link PreparedSignature#dataToSign()}
   * @throws DocumentException {@code SIGNATURE_VALUE_INVALID} for a value that does not verify,
   *     {@code PREPARED_STATE_INVALID} when the input is not the prepared document
   * @throws ServiceException when the TSA fails (B-T)
   */
  public void complete(PreparedSignature prepared, Path input, Path output, SignatureValue value)
      throws DocumentException, ServiceException {
    complete(prepared, input, output, value, null);
  }

  /**
   * Completes an external signature of an encrypted document.
   *
   * @param prepared the state
   * @param input the same PDF that was prepared
   * @param output where the signed PDF goes
   * @param value the signature value
   * @param ownerPassword the owner password, or null
   * @throws DocumentException as {@link #complete(PreparedSignature, Path, Path, SignatureValue)}
   * @throws ServiceException when the TSA fails (B-T)
   */
  public void complete(
      PreparedSignature prepared,
      Path input,
      Path output,
      SignatureValue value,
      char[] ownerPassword)
      throws DocumentException, ServiceException {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(value, "value");
    checkedValue(prepared, value);
    this.<DocumentException>write(
        input,
        output,
        prepared.options(),
        prepared.chain(),
        prepared.algorithm(),
        prepared.signingTime(),
        ownerPassword,
        reservedFor(prepared.options(), prepared.chain()),
        true,
        digest -> {
          if (!MessageDigest.isEqual(digest, prepared.contentDigest())) {
            throw new DocumentException(
                ErrorCode.PREPARED_STATE_INVALID,
                null,
                "the document is not the one that was prepared");
          }
          return value;
        });
  }

  /** What the revision's digest becomes: the checked signature value over its signed attributes. */
  @FunctionalInterface
  private interface ValueForDigest<E extends KysoException> {
    SignatureValue apply(byte[] contentDigest) throws DocumentException, E;
  }

  /**
   * Builds the revision into a temporary file beside the output, has {@code valueFor} turn its
   * digest into a signature value, embeds the container (with a time-stamp for B-T and above), adds
   * the long-term data for B-LT and above, and moves the result into place (forcing its folder when
   * {@code forceFolder}). On any failure the temporary file is removed and the output is not
   * touched.
   */
  private <E extends KysoException> void write(
      Path input,
      Path output,
      PdfSignatureOptions options,
      List<X509Certificate> chain,
      SignatureAlgorithm algorithm,
      Instant signingTime,
      char[] ownerPassword,
      int reserved,
      boolean forceFolder,
      ValueForDigest<E> valueFor)
      throws DocumentException, ServiceException, E {
    requireDistinct(
        Objects.requireNonNull(input, "input"), Objects.requireNonNull(output, "output"));
    PadesLevel level = options.level();
    requireServices(level);
    Path temp;
    try {
      temp = OutputFiles.temporaryBeside(output, ".part");
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    }
    boolean done = false;
    try (DecodeCeiling ceiling = DecodeCeiling.enter(limits.maxDecodedStreamBytes())) {
      String password = ownerPassword == null ? null : new String(ownerPassword);
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE);
          PdfUpdate update =
              PdfUpdate.openCopy(
                  input,
                  parameters(options, chain, signingTime, password, reserved),
                  temp,
                  out,
                  output,
                  digestExecutor,
                  !level.needsValidationData())) {
        byte[] digest = update.contentDigest(options.digest());
        SignatureValue value = valueFor.apply(digest);
        byte[] timestamp = null;
        if (level.needsTimestamp()) {
          timestamp = tsa.timestamp(algorithm.digestAlgorithm().digest(value.value())).encoded();
          largestTimestamp.accumulateAndGet(timestamp.length, Math::max);
        }
        update.embed(Cms.signedData(chain, algorithm, digest, value.value(), timestamp));
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
      }
      if (level.needsValidationData()) {
        Path extended = addLongTermData(temp, output, level, password);
        Files.deleteIfExists(temp);
        temp = extended;
      }
      PdfLoad.requireWithinCeiling();
      if (forceFolder) {
        OutputFiles.moveIntoPlace(temp, output);
      } else {
        OutputFiles.moveIntoPlaceLeavingFolder(temp, output);
      }
      done = true;
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // best effort: the temporary name never collides with the output
        }
      }
    }
  }

  /** The signing time (whole seconds), after the options' policy check allowed the signature. */
  private Instant checkedSigningTime(
      Path input, PdfSignatureOptions options, List<X509Certificate> chain)
      throws DocumentException, SigningRefusedException {
    Objects.requireNonNull(input, "input");
    if (Objects.requireNonNull(chain, "chain").isEmpty()) {
      throw new IllegalArgumentException("chain must hold the signer certificate");
    }
    requireServices(options.level());
    Instant signingTime = SigningTime.now(clock);
    if (options.policyCheck().isPresent()) {
      PolicyGate.enforce(
          options.policyCheck().get(),
          chain,
          signingTime,
          algorithmFor(chain.get(0), options),
          verifier,
          clock,
          v ->
              PdfVerifier.builder(v)
                  .clock(clock)
                  .limits(limits)
                  .build()
                  .verify(input, options.ownerPassword().orElse(null)));
    }
    return signingTime;
  }

  /**
   * The value, once it is known to verify over the prepared signed attributes with the signer's
   * key.
   */
  private static SignatureValue checkedValue(PreparedSignature prepared, SignatureValue value)
      throws DocumentException {
    if (value.algorithm() != prepared.algorithm()
        || !Cms.verify(
            prepared.signerCertificate(),
            prepared.algorithm(),
            prepared.signedAttributes(),
            value.value())) {
      throw new DocumentException(ErrorCode.SIGNATURE_VALUE_INVALID, null);
    }
    return value;
  }

  /**
   * Raises the signatures of an existing document to B-LT (adds a DSS with every signature's and
   * time-stamp's validation data) or to B-LTA (the same, then a document time-stamp over it). On an
   * existing B-LTA document, B_LTA adds fresh validation data and a new archive time-stamp.
   *
   * @param input the signed PDF; never modified
   * @param output where the extended PDF goes
   * @param level {@link PadesLevel#B_LT} or {@link PadesLevel#B_LTA}
   * @param ownerPassword the owner password of an encrypted document, or null
   * @throws DocumentException when the document cannot be read or written
   * @throws ServiceException when validation data or the time-stamp cannot be obtained
   */
  public void extend(Path input, Path output, PadesLevel level, char[] ownerPassword)
      throws DocumentException, ServiceException {
    Objects.requireNonNull(level, "level");
    if (!level.needsValidationData()) {
      throw new IllegalArgumentException("extend raises to B_LT or B_LTA, not " + level);
    }
    requireDistinct(
        Objects.requireNonNull(input, "input"), Objects.requireNonNull(output, "output"));
    requireServices(level);
    Path temp = null;
    try (DecodeCeiling ceiling = DecodeCeiling.enter(limits.maxDecodedStreamBytes())) {
      temp =
          addLongTermData(
              input, output, level, ownerPassword == null ? null : new String(ownerPassword));
      PdfLoad.requireWithinCeiling();
      moveIntoPlace(temp, output);
    } finally {
      try {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      } catch (IOException e) {
        // best effort
      }
    }
  }

  /**
   * Writes {@code source} and a document time-stamp in {@code reserved} bytes to {@code target};
   * false, with {@code target} left to be overwritten, when the token does not fit.
   */
  private boolean documentTimestamp(Path source, String password, int reserved, Path target)
      throws DocumentException, ServiceException, IOException {
    try (OutputStream out = Files.newOutputStream(target);
        LtvWriter.DocumentTimestamp ts =
            LtvWriter.DocumentTimestamp.open(source, password, reserved, out)) {
      byte[] digest = ts.digest(DigestAlgorithm.SHA256);
      byte[] token = tsa.timestamp(new Digest(DigestAlgorithm.SHA256, digest)).encoded();
      largestTimestamp.accumulateAndGet(token.length, Math::max);
      try {
        ts.embed(token);
        return true;
      } catch (DocumentException e) {
        if (e.code() == ErrorCode.SIGNATURE_TOO_LARGE && e.getCause() == null) {
          return false;
        }
        throw e;
      }
    }
  }

  /**
   * Writes DSS (and, for B-LTA, a document time-stamp) after {@code source} into a temporary file.
   */
  private Path addLongTermData(Path source, Path output, PadesLevel level, String password)
      throws DocumentException, ServiceException {
    Path withDss = null;
    Path withTs = null;
    boolean ok = false;
    try {
      withDss = OutputFiles.temporaryBeside(output, ".dss.part");
      List<LtvWriter.Material> material = Material.collect(source, password, verifier);
      try (OutputStream out = Files.newOutputStream(withDss)) {
        LtvWriter.addDss(source, password, material, clock.instant(), out);
      }
      if (level == PadesLevel.B_LTA) {
        withTs = OutputFiles.temporaryBeside(output, ".lta.part");
        // Sized to the largest token this signer has seen (plus 4 KiB); should the token outgrow
        // it, the time-stamp is asked for again in the full space.
        int token = largestTimestamp.get();
        int learned = token == 0 ? 0 : reserve(token + 4 * 1024);
        if (learned == 0
            || learned >= RESERVED_DOCUMENT_TIMESTAMP
            || !documentTimestamp(withDss, password, learned, withTs)) {
          if (!documentTimestamp(withDss, password, RESERVED_DOCUMENT_TIMESTAMP, withTs)) {
            throw new DocumentException(
                ErrorCode.SIGNATURE_TOO_LARGE,
                null,
                largestTimestamp.get(),
                RESERVED_DOCUMENT_TIMESTAMP);
          }
        }
        Files.deleteIfExists(withDss);
        ok = true;
        return withTs;
      }
      ok = true;
      return withDss;
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    } finally {
      if (!ok) {
        for (Path p : new Path[] {withDss, withTs}) {
          if (p != null) {
            try {
              Files.deleteIfExists(p);
            } catch (IOException e) {
              // best effort
            }
          }
        }
      }
    }
  }

  private void requireServices(PadesLevel level) {
    if (level.needsTimestamp() && tsa == null) {
      throw new IllegalStateException(
          level + " needs a time-stamp client: PdfSigner.builder().timestampClient(...)");
    }
    if (level.needsValidationData() && verifier == null) {
      throw new IllegalStateException(
          level
              + " needs a certificate verifier for the validation data:"
              + " PdfSigner.builder().certificateVerifier(...)");
    }
  }

  private static void moveIntoPlace(Path temp, Path output) throws DocumentException {
    try {
      OutputFiles.moveIntoPlace(temp, output);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    }
  }

  private static void requireDistinct(Path input, Path output) {
    try {
      if (Files.exists(output) && Files.isSameFile(input, output)) {
        throw new IllegalArgumentException(
            "output must not be the input: the input is never modified in place");
      }
    } catch (IOException e) {
      // an unreadable output path is reported when writing
    }
  }

  private static SignatureAlgorithm algorithmFor(
      X509Certificate signer, PdfSignatureOptions options) {
    return SignatureAlgorithms.forKey(signer, options.isPss(), options.digest());
  }

  /** The container's space: the options' own, or sized to the level and the chain. */
  static int reservedFor(PdfSignatureOptions o, List<X509Certificate> chain) {
    if (o.reservedBytes().isPresent()) {
      return o.reservedBytes().getAsInt();
    }
    if (o.level().needsTimestamp()) {
      return RESERVED_UNKNOWN_SIZE;
    }
    int certificates = encodedLength(chain);
    if (certificates < 0) {
      return RESERVED_UNKNOWN_SIZE;
    }
    return reserve(certificates + 4 * 1024);
  }

  /** {@code bytes} rounded up to whole KiB, at least 8 KiB: a placeholder's size. */
  private static int reserve(int bytes) {
    return Math.max(8, (bytes + 1023) / 1024) * 1024;
  }

  /**
   * One step with a time-stamp, once this signer has embedded a token: the chain, the largest
   * token, and 8 KiB for the signed attributes, the value and a larger token; 0 otherwise. Only the
   * one-step path uses it: prepare and complete must size the same revision twice, whatever this
   * signer learns in between.
   */
  private int learnedReserve(PdfSignatureOptions o, List<X509Certificate> chain) {
    int token = largestTimestamp.get();
    if (o.reservedBytes().isPresent() || !o.level().needsTimestamp() || token == 0) {
      return 0;
    }
    int certificates = encodedLength(chain);
    if (certificates < 0) {
      return 0;
    }
    return Math.min(RESERVED_UNKNOWN_SIZE, reserve(certificates + token + 8 * 1024));
  }

  private static int encodedLength(List<X509Certificate> chain) {
    int certificates = 0;
    for (X509Certificate c : chain) {
      try {
        certificates += c.getEncoded().length;
      } catch (CertificateEncodingException e) {
        return -1;
      }
    }
    return certificates;
  }

  private PdfUpdate.Parameters parameters(
      PdfSignatureOptions o,
      List<X509Certificate> chain,
      Instant time,
      String password,
      int reserved) {
    X509Certificate signer = chain.get(0);
    SignerIdentity id = SignerIdentity.from(signer);
    return new PdfUpdate.Parameters(
        o.fieldName().orElse(null),
        o.page(),
        o.rectangle().orElse(null),
        o.reason().orElse(null),
        o.location().orElse(null),
        o.contactInfo().orElse(null),
        id.name().isEmpty() ? null : id.name(),
        o.certification().map(DocMdpPermission::value).orElse(null),
        reserved,
        time,
        password,
        o.appearance().orElse(null),
        o.visible().map(NationalAppearance::new).orElse(null),
        limits);
  }

  /** Builds a {@link PdfSigner}. */
  public static final class Builder {
    private TsaClient tsa;
    private CertificateVerifier verifier;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();
    private Executor digestExecutor = ForkJoinPool.commonPool();
    private int batchWorkers = Math.min(4, 2 * Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /**
     * Sets the time-stamp client, needed for B-T.
     *
     * @param value the client
     * @return this builder
     */
    public Builder timestampClient(TsaClient value) {
      this.tsa = Objects.requireNonNull(value, "timestampClient");
      return this;
    }

    /**
     * Sets the certificate verifier that gathers validation data (chains, OCSP, CRLs), needed for
     * B-LT and B-LTA.
     *
     * @param value the verifier
     * @return this builder
     */
    public Builder certificateVerifier(CertificateVerifier value) {
      this.verifier = Objects.requireNonNull(value, "certificateVerifier");
      return this;
    }

    /**
     * Sets the clock of the claimed signing time.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the limits on the documents this signer reads: the input's size and what one of its
     * streams may decompress to (PDFBox decodes object streams whole while it parses). Past a
     * limit, signing fails with {@code INPUT_TOO_LARGE} or {@code LIMIT_EXCEEDED} and writes
     * nothing.
     *
     * @param value the limits; {@link ResourceLimits#defaults()} unless set
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Sets where the SHA-256 of a large PDF (4 MiB or more) is computed while it is signed. The
     * signer copies the input into the temporary file that becomes the output (in the kernel), then
     * reads the copy once to check it against the limits and find its revisions; each block it
     * reads is hashed there, while the signing thread searches the blocks and goes on to load the
     * document, and the new revision's digest continues from that state. The signing thread hashes
     * itself the blocks the executor has not reached (busy, refused, never started), and a smaller
     * file is hashed during the scan, on the signing thread. The same bytes are hashed either way.
     *
     * @param value the executor; {@link ForkJoinPool#commonPool()} unless set, {@code
     *     Runnable::run} to keep all the work on the signing thread
     * @return this builder
     */
    public Builder digestExecutor(Executor value) {
      this.digestExecutor = Objects.requireNonNull(value, "digestExecutor");
      return this;
    }

    /**
     * Sets how many documents of a {@link PdfSigner#signAll batch} are worked on at once. Each
     * spends much of its time waiting, for the key (which signs one document at a time) and for its
     * durable write (the disk), so more documents than processors keep the key busy: on two cores
     * and SoftHSM2, four took a batch of 200 small letters from about 40 % to about 57 % of the
     * token's raw signature rate. Each holds one document in memory as {@link #sign} does.
     *
     * @param value at least 1; four, or twice the processors when fewer, unless set
     * @return this builder
     */
    public Builder batchWorkers(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("batchWorkers must be at least 1: " + value);
      }
      this.batchWorkers = value;
      return this;
    }

    /**
     * @return the signer
     */
    public PdfSigner build() {
      return new PdfSigner(this);
    }
  }
}
