package vn.kyso.api.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import vn.kyso.api.KysoException;
import vn.kyso.api.archive.RenewalPolicy.Assessment;
import vn.kyso.api.archive.RenewalPolicy.Status;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.validation.ValidationReport;

/**
 * Keeps a folder tree of signed documents verifiable: checks every document ({@link #plan}) and
 * adds an archive time-stamp where its newest proof is due ({@link #renew}), never to a document
 * that no longer verifies.
 *
 * <p><b>Safe to kill.</b> Each renewed document is written beside the old one, verified, and only
 * then moved into place atomically (the old one kept as {@code NAME.vN} when asked). A journal
 * ({@code .kyso-archive/journal.tsv} in the folder) records each document's outcome with the
 * SHA-256 of the file it left, forced to disk. Killed at any point and started again, the job skips
 * documents whose journal entry matches the file, removes its own half-written files, and does the
 * rest: a document is never renewed twice and never left half-written. A document renewed just
 * before a kill, whose journal line was lost, is found not due and recorded as fine.
 *
 * <p><b>Parallel and bounded.</b> Documents are verified and renewed on {@code threads} workers; at
 * most twice that many documents are in memory at once, and the TSA client's own cap limits the
 * requests in flight per TSA.
 *
 * @since 0.1
 */
public final class ArchiveJob {
  /** The folder, inside the archive, where the job keeps its journal. */
  public static final String JOURNAL_FOLDER = ".kyso-archive";

  private static final String PART = ".kyso-archive.part";

  private final List<ArchiveFormat> formats;
  private final RenewalPolicy policy;
  private final int threads;
  private final boolean keepVersions;
  private final Consumer<Progress> progress;

  private ArchiveJob(Builder b) {
    this.formats = List.copyOf(b.formats);
    this.policy = b.policy;
    this.threads = b.threads;
    this.keepVersions = b.keepVersions;
    this.progress = b.progress;
  }

  /**
   * Starts a job over some formats.
   *
   * @param formats the formats, e.g. {@code PdfArchiveFormat} and {@code XmlArchiveFormat}
   * @return the builder
   */
  public static Builder builder(List<ArchiveFormat> formats) {
    return new Builder(formats);
  }

  /** What happened to one document. */
  public enum Outcome {
    /** Its proof holds beyond the horizon: nothing done. */
    FINE,
    /** Due; a new archive time-stamp was added and the result verified. */
    RENEWED,
    /** Due (found by {@link #plan}; nothing done). */
    DUE,
    /** It does not verify or cannot be renewed; left as it is. */
    FAILED,
    /** The journal says an earlier run finished it, and the file is unchanged since. */
    DONE_BEFORE
  }

  /**
   * One document's result.
   *
   * @param file the document, relative to the folder
   * @param format the format that took it
   * @param outcome what happened
   * @param reason why, in English
   * @param dueBy when its (new) newest proof stops holding, when known
   * @param tsa the TSA whose certificate signed the new archive time-stamp, for a renewed one
   */
  public record Result(
      Path file,
      String format,
      Outcome outcome,
      String reason,
      Optional<Instant> dueBy,
      Optional<String> tsa) {}

  /**
   * Progress while the job runs.
   *
   * @param done documents finished
   * @param total documents in the folder
   * @param perSecond documents per second so far
   * @param remaining the estimated time left
   */
  public record Progress(int done, int total, double perSecond, Duration remaining) {}

  /**
   * The results of a run, in the folder's order.
   *
   * @param results one per document
   */
  public record Summary(List<Result> results) {
    /**
     * @param outcome an outcome
     * @return how many documents had it
     */
    public long count(Outcome outcome) {
      return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /**
     * @return the text report: counts, then each document that is due, renewed or failed
     */
    public String toText() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "%d document(s): %d renewed, %d due, %d fine, %d done before, %d failed%n",
              results.size(),
              count(Outcome.RENEWED),
              count(Outcome.DUE),
              count(Outcome.FINE),
              count(Outcome.DONE_BEFORE),
              count(Outcome.FAILED)));
      for (Result r : results) {
        if (r.outcome() != Outcome.FINE && r.outcome() != Outcome.DONE_BEFORE) {
          sb.append(r.outcome())
              .append("  ")
              .append(r.file())
              .append(": ")
              .append(r.reason())
              .append(r.tsa().map(t -> " [TSA " + t + "]").orElse(""))
              .append('\n');
        }
      }
      return sb.toString();
    }

    /**
     * @return the CSV (RFC 4180): file, format, outcome, reason, due by, TSA
     */
    public String toCsv() {
      StringBuilder sb = new StringBuilder("file,format,outcome,reason,dueBy,tsa\r\n");
      for (Result r : results) {
        sb.append(csv(r.file().toString()))
            .append(',')
            .append(csv(r.format()))
            .append(',')
            .append(r.outcome())
            .append(',')
            .append(csv(r.reason()))
            .append(',')
            .append(r.dueBy().map(Instant::toString).orElse(""))
            .append(',')
            .append(csv(r.tsa().orElse("")))
            .append("\r\n");
      }
      return sb.toString();
    }

    private static String csv(String v) {
      String safe = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
  }

  /**
   * Checks every document without changing anything: which are fine, which are due and when, which
   * fail. The number of due documents is the number of TSA requests a renewal will make.
   *
   * @param folder the archive
   * @return the plan
   * @throws IOException when the folder cannot be read
   */
  public Summary plan(Path folder) throws IOException {
    return run(folder, false);
  }

  /**
   * Renews every due document.
   *
   * @param folder the archive
   * @return what happened to each document
   * @throws IOException when the folder or the journal cannot be read or written
   */
  public Summary renew(Path folder) throws IOException {
    return run(folder, true);
  }

  private Summary run(Path folder, boolean renew) throws IOException {
    Path root = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IOException("not a folder: " + folder);
    }
    List<Path> files = documents(root);
    Journal journal = renew ? Journal.open(root) : Journal.none();
    Result[] results = new Result[files.size()];
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "kyso-archive");
              t.setDaemon(true);
              return t;
            });
    Semaphore window = new Semaphore(threads * 2);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        int index = i;
        window.acquireUninterruptibly();
        futures.add(
            pool.submit(
                () -> {
                  try {
                    results[index] = one(root, files.get(index), journal, renew);
                  } finally {
                    window.release();
                    int n = done.incrementAndGet();
                    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
                    double rate = n / seconds;
                    progress.accept(
                        new Progress(
                            n,
                            files.size(),
                            rate,
                            Duration.ofMillis((long) ((files.size() - n) / rate * 1000))));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("the archive job failed", e.getCause());
    } finally {
      pool.shutdownNow();
      journal.close();
    }
    return new Summary(List.of(results));
  }

  private List<Path> documents(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path rel = root.relativize(p);
        if (rel.startsWith(JOURNAL_FOLDER)) {
          continue;
        }
        String name = p.getFileName().toString();
        if (name.contains(PART)) {
          // A renewal killed before its move: the original is untouched, the part is garbage.
          Files.deleteIfExists(p);
          continue;
        }
        if (Files.isRegularFile(p) && !name.startsWith(".") && format(p) != null) {
          out.add(p);
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  private ArchiveFormat format(Path p) {
    for (ArchiveFormat f : formats) {
      if (f.handles(p)) {
        return f;
      }
    }
    return null;
  }

  private Result one(Path root, Path file, Journal journal, boolean renew) {
    Path rel = root.relativize(file);
    ArchiveFormat format = format(file);
    try {
      // The hash matches a journal entry to the file; a plan keeps no journal and reads less.
      String hash = renew ? sha256(file) : null;
      Optional<String> before = renew ? journal.finished(rel, hash) : Optional.empty();
      if (before.isPresent()) {
        return new Result(
            rel,
            format.name(),
            Outcome.DONE_BEFORE,
            before.get(),
            Optional.empty(),
            Optional.empty());
      }
      ValidationReport report;
      try {
        report = format.verify(file);
      } catch (KysoException e) {
        return journal.record(
            rel,
            hash,
            new Result(
                rel,
                format.name(),
                Outcome.FAILED,
                e.code() + ": " + e.message(java.util.Locale.ENGLISH),
                Optional.empty(),
                Optional.empty()));
      }
      Assessment a = policy.assess(report);
      if (a.status() == Status.FAILED) {
        return journal.record(
            rel,
            hash,
            new Result(
                rel, format.name(), Outcome.FAILED, a.reason(), a.dueBy(), Optional.empty()));
      }
      if (a.status() == Status.FINE) {
        return journal.record(
            rel,
            hash,
            new Result(rel, format.name(), Outcome.FINE, a.reason(), a.dueBy(), Optional.empty()));
      }
      if (!renew) {
        return new Result(rel, format.name(), Outcome.DUE, a.reason(), a.dueBy(), Optional.empty());
      }
      Result r = renewOne(rel, file, format, a, journal);
      return r.outcome() == Outcome.RENEWED ? r : journal.record(rel, hash, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Result renewOne(
      Path rel, Path file, ArchiveFormat format, Assessment due, Journal journal)
      throws IOException {
    Path temp = OutputFiles.temporaryBeside(file, PART);
    Files.deleteIfExists(temp);
    try {
      try {
        format.renew(file, temp);
      } catch (KysoException e) {
        return new Result(
            rel,
            format.name(),
            Outcome.FAILED,
            "renewal failed ("
                + due.reason()
                + "): "
                + e.code()
                + ": "
                + e.message(java.util.Locale.ENGLISH),
            due.dueBy(),
            Optional.empty());
      }
      ValidationReport after;
      try {
        after = format.verify(temp);
      } catch (KysoException e) {
        return new Result(
            rel,
            format.name(),
            Outcome.FAILED,
            "renewed copy unreadable: " + e.code(),
            due.dueBy(),
            Optional.empty());
      }
      Assessment now = policy.assess(after);
      if (now.status() == Status.FAILED) {
        return new Result(
            rel,
            format.name(),
            Outcome.FAILED,
            "renewed copy does not verify: " + now.reason(),
            due.dueBy(),
            Optional.empty());
      }
      Result renewed =
          new Result(
              rel, format.name(), Outcome.RENEWED, due.reason(), now.dueBy(), newestTsa(after));
      // The journal names the renewed file's hash before the move: killed before the move, the
      // old file does not match and is renewed again; killed after it, the new one matches.
      journal.record(rel, sha256(temp), renewed);
      if (keepVersions) {
        Path version = version(file);
        Files.copy(file, version, StandardCopyOption.COPY_ATTRIBUTES);
      }
      OutputFiles.moveIntoPlace(temp, file);
      return renewed;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Optional<String> newestTsa(ValidationReport r) {
    Optional<String> doc =
        r.documentTimestamps().stream()
            .reduce((a, b) -> b)
            .flatMap(t -> t.signingCertificate())
            .map(c -> vn.kyso.api.trust.Certificates.readableName(c.getSubjectX500Principal()));
    if (doc.isPresent()) {
      return doc;
    }
    return r.signatures().stream()
        .flatMap(s -> s.timestamps().stream())
        .filter(t -> t.kind() == vn.kyso.api.validation.TimestampResult.Kind.ARCHIVE)
        .max(java.util.Comparator.comparing(t -> t.time()))
        .map(t -> t.tsaName());
  }

  private static Path version(Path file) {
    for (int n = 1; ; n++) {
      Path v = file.resolveSibling(file.getFileName() + ".v" + n);
      if (!Files.exists(v)) {
        return v;
      }
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  /**
   * The journal: one line per finished document (relative path, outcome, SHA-256 of the file it
   * left, reason), forced to disk after each line.
   */
  private static final class Journal implements AutoCloseable {
    private final FileChannel channel;
    private final Map<String, String[]> finished;

    private Journal(FileChannel channel, Map<String, String[]> finished) {
      this.channel = channel;
      this.finished = finished;
    }

    static Journal none() {
      return new Journal(null, Map.of());
    }

    static Journal open(Path root) throws IOException {
      Path folder = root.resolve(JOURNAL_FOLDER);
      Files.createDirectories(folder);
      Path file = folder.resolve("journal.tsv");
      Map<String, String[]> seen = new HashMap<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] parts = line.split("\t", 4);
          // A line cut by a kill has fewer fields: ignored, the document is judged again.
          if (parts.length == 4) {
            seen.put(parts[0], parts);
          }
        }
      }
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new Journal(ch, seen);
    }

    Optional<String> finished(Path rel, String hash) {
      String[] e = finished.get(key(rel));
      if (e == null || !e[2].equals(hash)) {
        return Optional.empty();
      }
      return Optional.of(e[1] + " in an earlier run: " + e[3]);
    }

    /** Records a result; for a renewed file the hash is of the file now in place. */
    Result record(Path rel, String hash, Result r) throws IOException {
      if (channel == null) {
        return r;
      }
      String h = hash;
      String line =
          key(rel)
              + "\t"
              + r.outcome()
              + "\t"
              + h
              + "\t"
              + r.reason().replace('\t', ' ').replace('\n', ' ')
              + "\n";
      synchronized (this) {
        channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
      }
      return r;
    }

    private static String key(Path rel) {
      return rel.toString().replace('\t', ' ').replace('\n', ' ');
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }

  /** Builds an {@link ArchiveJob}. */
  public static final class Builder {
    private final List<ArchiveFormat> formats;
    private RenewalPolicy policy = RenewalPolicy.defaults();
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private boolean keepVersions;
    private Consumer<Progress> progress = p -> {};

    private Builder(List<ArchiveFormat> formats) {
      Objects.requireNonNull(formats, "formats");
      if (formats.isEmpty()) {
        throw new IllegalArgumentException("at least one format");
      }
      this.formats = List.copyOf(formats);
    }

    /**
     * Sets when a document is due (default: two years ahead of the system clock).
     *
     * @param value the policy
     * @return this builder
     */
    public Builder policy(RenewalPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * Sets how many documents are worked on at once (default: the processors).
     *
     * @param value one or more
     * @return this builder
     */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("at least one thread");
      }
      this.threads = value;
      return this;
    }

    /**
     * Keeps each replaced document as {@code NAME.vN} beside the renewed one (default: the old one
     * is replaced once the new one verifies).
     *
     * @param value whether to keep versions
     * @return this builder
     */
    public Builder keepVersions(boolean value) {
      this.keepVersions = value;
      return this;
    }

    /**
     * Receives progress after each document (from worker threads).
     *
     * @param value the receiver
     * @return this builder
     */
    public Builder progress(Consumer<Progress> value) {
      this.progress = Objects.requireNonNull(value, "progress");
      return this;
    }

    /**
     * @return the job
     */
    public ArchiveJob build() {
      return new ArchiveJob(this);
    }
  }
}
