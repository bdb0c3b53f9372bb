package vn.kyso.pades.internal;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import vn.kyso.api.DigestAlgorithm;

/**
 * The SHA-256 states over a file's prefixes (its first {@code k * every} bytes), taken from the
 * blocks {@link SignedBytes}' scan reads, so that the file is read once for both.
 *
 * <p>The scanning thread (the producer) hands each block here as soon as it is read and goes on to
 * search it; the blocks are hashed in file order, one at a time, by whichever thread gets to them:
 * the executor's task ({@link #run}) while the producer scans and then parses, or the producer
 * itself when it needs a buffer and all {@value #BUFFERS} are waiting, and when it asks for the
 * states. So a task the executor runs late, refuses or never starts costs no more than hashing on
 * the producer, and at most {@value #BUFFERS} blocks are held. The task never touches the file:
 * closing it under the task is safe.
 *
 * <p>Inline (small files): each block is hashed by the producer when it is handed over, in the one
 * buffer.
 */
final class PrefixDigests implements Runnable {
  static final int BUFFERS = 3;

  private final long every;
  private final boolean inline;
  private final Thread producer;
  private final List<MessageDigest> states = new ArrayList<>();
  private final ArrayDeque<Block> pending = new ArrayDeque<>();
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();

  /** The digest of everything hashed so far; null once a state could not be copied. */
  private MessageDigest running = DigestAlgorithm.SHA256.newMessageDigest();

  private int allocated;
  private boolean hashing;
  private boolean producerDone;
  private boolean cancelled;

  private record Block(long pos, byte[] bytes, int length) {}

  /**
   * @param every the distance between two kept states
   * @param inline whether the producer hashes each block as it hands it over (no task)
   */
  PrefixDigests(long every, boolean inline) {
    this.every = every;
    this.inline = inline;
    this.producer = Thread.currentThread();
  }

  /**
   * A buffer for the producer's next block: a free one, a new one while fewer than {@value
   * #BUFFERS} exist, else one freed by hashing the oldest waiting block here (or, while another
   * thread hashes it, by waiting for that).
   */
  byte[] buffer(int capacity) throws InterruptedIOException {
    while (true) {
      Block oldest;
      synchronized (this) {
        if (!free.isEmpty()) {
          return free.pop();
        }
        if (cancelled || allocated < (inline ? 1 : BUFFERS)) {
          allocated++;
          return new byte[capacity];
        }
        if (hashing || pending.isEmpty()) {
          await();
          continue;
        }
        oldest = take();
      }
      hash(oldest);
    }
  }

  /** Hands over the producer's block: its offset, buffer and own bytes (without the overlap). */
  void add(long pos, byte[] bytes, int length) {
    Block block = new Block(pos, bytes, length);
    if (inline) {
      synchronized (this) {
        hashing = true;
      }
      hash(block);
      return;
    }
    synchronized (this) {
      pending.add(block);
      notifyAll();
    }
  }

  /** The producer has handed over the whole file. */
  synchronized void producerDone() {
    producerDone = true;
    notifyAll();
  }

  /** Ends the task at its next block; {@link #states} is then empty. */
  synchronized void cancel() {
    cancelled = true;
    pending.clear();
    notifyAll();
  }

  /**
   * The states at {@code 0, every, 2 * every, ...}, once every block is hashed (the caller hashing
   * what the task has not started). Empty when the file was not handed over whole, a state could
   * not be copied, or the wait was interrupted: the caller then digests from the start.
   */
  List<MessageDigest> states() {
    while (true) {
      Block next;
      synchronized (this) {
        if (cancelled) {
          return List.of();
        }
        if (hashing) {
          try {
            await();
          } catch (InterruptedIOException e) {
            return List.of();
          }
          continue;
        }
        if (pending.isEmpty()) {
          return producerDone && running != null ? states : List.of();
        }
        next = take();
      }
      hash(next);
    }
  }

  /**
   * The executor's task: hashes blocks as the producer hands them over, until the whole file is
   * hashed or the work is cancelled. Run on the producer's own thread (a caller-runs executor), it
   * returns at once and leaves the blocks to the producer.
   */
  @Override
  public void run() {
    if (Thread.currentThread() == producer) {
      return;
    }
    while (true) {
      Block next;
      synchronized (this) {
        while (!cancelled && (hashing || pending.isEmpty())) {
          if (producerDone && pending.isEmpty()) {
            return;
          }
          try {
            await();
          } catch (InterruptedIOException e) {
            return; // the producer hashes what is left
          }
        }
        if (cancelled) {
          return;
        }
        next = take();
      }
      hash(next);
    }
  }

  /** The oldest waiting block, now being hashed by the caller. Holds the lock. */
  private Block take() {
    hashing = true;
    return pending.poll();
  }

  private void await() throws InterruptedIOException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the file was being hashed");
    }
  }

  /** Hashes one block (the caller has set {@code hashing}), then frees its buffer. */
  private void hash(Block block) {
    MessageDigest digest;
    synchronized (this) {
      digest = running;
    }
    if (digest != null) {
      digest = keep(digest, block);
    }
    synchronized (this) {
      running = digest;
      hashing = false;
      free.push(block.bytes());
      notifyAll();
    }
  }

  /**
   * Feeds a block to the running digest, keeping its state at every multiple of {@code every};
   * null, and no states, when the digest cannot be copied.
   */
  private MessageDigest keep(MessageDigest digest, Block block) {
    long pos = block.pos();
    int n = block.length();
    for (int off = 0; off < n; ) {
      if ((pos + off) % every == 0) {
        try {
          states.add((MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
          states.clear();
          return null;
        }
      }
      int step = (int) Math.min(n - off, every - (pos + off) % every);
      digest.update(block.bytes(), off, step);
      off += step;
    }
    return digest;
  }
}
