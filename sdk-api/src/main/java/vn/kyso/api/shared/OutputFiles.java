package vn.kyso.api.shared;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How every module writes its output so that nothing is lost: into a temporary file beside the
 * target, forced to disk, then moved into place in one step, and the folder forced to disk after
 * the move. A failure leaves the target as it was and no partial file under its name; a crash after
 * the call returned leaves the complete file, never an empty one.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * Creates an empty hidden temporary file in the target's folder (creating the folder), so that
   * the final move stays on one file system.
   *
   * @param output the file that will be written
   * @param suffix the temporary file's suffix, e.g. {@code .part}
   * @return the temporary file; the caller deletes it when the move does not happen
   * @throws IOException when the folder or the file cannot be created
   */
  public static Path temporaryBeside(Path output, String suffix) throws IOException {
    Path dir = output.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + output.getFileName(), suffix);
  }

  /** What writes a file's content. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the content.
     *
     * @param out the stream (closed by the caller)
     * @throws IOException when writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes a whole file the safe way: into a temporary file beside it, then {@link #moveIntoPlace}.
   * A failure leaves no temporary file and the target as it was.
   *
   * @param output the file
   * @param content what writes it
   * @throws IOException when writing or the move fails
   */
  public static void write(Path output, Content content) throws IOException {
    Path temp = temporaryBeside(output, ".part");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        content.writeTo(out);
      }
      moveIntoPlace(temp, output);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Forces a finished temporary file to disk, moves it onto the target (atomically where the file
   * system allows it, replacing an earlier version), then forces the folder, so that the rename
   * itself survives a crash.
   *
   * @param temp the finished file
   * @param output the target
   * @throws IOException when forcing the file or the move fails
   */
  public static void moveIntoPlace(Path temp, Path output) throws IOException {
    moveIntoPlaceLeavingFolder(temp, output);
    forceFolder(output.toAbsolutePath().getParent());
  }

  /**
   * {@link #moveIntoPlace} without the folder's force, for a caller that moves many files into
   * place and then forces each folder once ({@link #forceFolder}): the file is complete on disk
   * before its name appears, so a crash leaves it whole or absent, and it is durable once its
   * folder is forced.
   *
   * @param temp the finished file
   * @param output the target
   * @throws IOException when forcing the file or the move fails
   */
  public static void moveIntoPlaceLeavingFolder(Path temp, Path output) throws IOException {
    try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      // fdatasync: the bytes and what is needed to read them back (the size), not the times
      file.force(false);
    }
    try {
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Starts writing a file's bytes to disk on a background thread and returns at once: a caller that
   * still has work to do before {@link #moveIntoPlace} (which forces the file in any case, and is
   * what makes it durable) lets the disk take most of a large file meanwhile, and the final force
   * then waits only for what is left. Nothing depends on it: when every background thread is busy
   * (at most {@value #FORCING_THREADS}), the file was removed, or forcing fails, nothing happens,
   * and the final force does the whole work as before. The threads are daemons and end after ten
   * idle seconds.
   *
   * @param file a temporary file being written; opened again here, never created
   */
  public static void startForcing(Path file) {
    try {
      Forcing.POOL.execute(() -> forceQuietly(file));
    } catch (RejectedExecutionException e) {
      // every forcing thread is busy: the final force does it
    }
  }

  /**
   * The start of a temporary file being written by {@link #startWriting}: wait for it with {@link
   * #await} before writing more.
   */
  public static final class Started {
    private final CompletableFuture<Void> written = new CompletableFuture<>();

    private Started() {}

    /**
     * Waits until the content is written (its forced write may still be going on).
     *
     * @throws IOException when writing it failed
     */
    public void await() throws IOException {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            written.get();
            return;
          } catch (InterruptedException e) {
            interrupted = true; // the write is short; the file must not be left half-written
          } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
              throw io;
            }
            throw new IOException("writing failed", e.getCause());
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Writes the start of an empty temporary file and then forces it to disk, both on one of the
   * {@link #startForcing} threads, and returns at once: a caller with work to do before the rest of
   * the file exists (a large document to parse and sign) lets the kernel and the disk take the
   * start meanwhile. When every thread is busy the content is written on the calling thread before
   * this returns. Forcing is as in {@link #startForcing}: nothing depends on it.
   *
   * @param file the temporary file, created and empty
   * @param content what writes the start of it
   * @return the handle to {@link Started#await} before the file is written further
   */
  public static Started startWriting(Path file, Content content) {
    Started started = new Started();
    Runnable write =
        () -> {
          try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            content.writeTo(out);
          } catch (IOException | RuntimeException e) {
            started.written.completeExceptionally(e);
            return;
          }
          started.written.complete(null);
        };
    try {
      Forcing.POOL.execute(
          () -> {
            write.run();
            if (!started.written.isCompletedExceptionally()) {
              forceQuietly(file);
            }
          });
    } catch (RejectedExecutionException e) {
      write.run();
    }
    return started;
  }

  /** Forces a file that may have been moved or removed meanwhile; the final force decides. */
  private static void forceQuietly(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      // moved, removed or not forceable: the final force decides
    }
  }

  /** How many files {@link #startForcing} forces at once. */
  static final int FORCING_THREADS = 4;

  /** The threads of {@link #startForcing} (package-private for the tests). */
  static final class Forcing {
    static final ThreadPoolExecutor POOL;

    static {
      AtomicInteger n = new AtomicInteger();
      POOL =
          new ThreadPoolExecutor(
              0,
              FORCING_THREADS,
              10,
              TimeUnit.SECONDS,
              new SynchronousQueue<>(),
              r -> {
                Thread t = new Thread(r, "kyso-force-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              },
              new ThreadPoolExecutor.AbortPolicy());
    }

    private Forcing() {}
  }

  /**
   * Forces a folder's entries to disk. POSIX systems allow it through a read-only channel on the
   * folder; where the platform refuses (Windows), the rename is already durable or cannot be made
   * so, and nothing more is done.
   *
   * @param dir the folder, or null for none
   */
  public static void forceFolder(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported for folders on this platform
    }
  }
}
