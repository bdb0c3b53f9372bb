package vn.kyso.xades.internal;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import vn.kyso.api.DigestAlgorithm;

/**
 * The parser's events of the content that is canonicalised (the document without its signatures),
 * turned into the exclusive canonical form's digest: on the parsing thread ({@link #direct}), or
 * recorded in blocks and replayed by a task on another thread ({@link #piped}) so that the
 * canonicalisation and the digest overlap the parse. Both write the same octets through {@link
 * ExcC14nWriter}; only the thread differs.
 */
abstract class C14nEvents {
  /** Where a processing instruction stands: in the document element, before it or after it. */
  static final int IN = 0;

  static final int BEFORE = 1;
  static final int AFTER = 2;

  /**
   * A start tag: its declarations (prefix, URI pairs) and attributes (qName, URI, local, value).
   */
  abstract void open(String qName, String nsUri, String[] decls, String[] attrs);

  abstract void close(String qName);

  abstract void text(char[] ch, int start, int length);

  abstract void pi(String target, String data, int where);

  /** Stops: the content holds something only Santuario canonicalises. */
  abstract void giveUp();

  /**
   * @return the digest, or null when canonicalisation gave up
   */
  abstract byte[] finish();

  /** Ends without a result (the parse failed): frees what a replaying task holds. */
  abstract void abandon();

  static C14nEvents direct(DigestAlgorithm alg) {
    return new Direct(alg);
  }

  static C14nEvents piped(DigestAlgorithm alg, Executor executor) {
    return new Piped(alg, executor);
  }

  /** Canonicalises as the events come. */
  private static final class Direct extends C14nEvents {
    private final ExcC14nWriter c14n;
    private boolean canonical = true;
    private int[] marks = new int[32];
    private int depth;
    private boolean inText;

    Direct(DigestAlgorithm alg) {
      this.c14n = new ExcC14nWriter(alg.newMessageDigest());
    }

    private void endText() {
      if (inText) {
        inText = false;
        if (!c14n.textEnded()) {
          canonical = false;
        }
      }
    }

    @Override
    void open(String qName, String nsUri, String[] ns, String[] as) {
      endText();
      if (!canonical) {
        return;
      }
      if (depth == marks.length) {
        marks = Arrays.copyOf(marks, depth * 2);
      }
      marks[depth++] = c14n.mark();
      if (ns != null) {
        for (int i = 0; i < ns.length; i += 2) {
          c14n.declare(ns[i], ns[i + 1]);
        }
      }
      if (as != null) {
        for (int i = 0; i < as.length; i += 4) {
          String q = as[i];
          int colon = q.indexOf(':');
          c14n.attribute(
              q,
              as[i + 1].isEmpty() ? null : as[i + 1],
              as[i + 2].isEmpty() ? q : as[i + 2],
              colon < 0 ? null : q.substring(0, colon),
              as[i + 3]);
        }
      }
      int colon = qName.indexOf(':');
      String own = nsUri.isEmpty() || colon < 0 ? "" : qName.substring(0, colon);
      canonical = c14n.open(qName, own);
    }

    @Override
    void close(String qName) {
      endText();
      if (canonical) {
        c14n.close(qName, marks[--depth]);
      }
    }

    @Override
    void text(char[] ch, int start, int length) {
      if (canonical) {
        inText = true;
        c14n.text(ch, start, length);
      }
    }

    @Override
    void pi(String target, String data, int where) {
      endText();
      if (!canonical) {
        return;
      }
      if (where == AFTER) {
        c14n.newline();
      }
      c14n.pi(target, data);
      if (where == BEFORE) {
        c14n.newline();
      }
    }

    @Override
    void giveUp() {
      canonical = false;
    }

    @Override
    byte[] finish() {
      endText();
      return canonical ? c14n.finish() : null;
    }

    @Override
    void abandon() {
      canonical = false;
    }
  }

  /**
   * Records the events in blocks that a task replays into a {@link Direct}. The queue is bounded.
   * When the executor refuses the task (its threads all busy), the parsing thread replays the
   * events itself, block by block; a task it took runs on a thread of its own ({@link XmlWorkers})
   * and drains the queue. Should a task be taken but not have started when the queue is full, the
   * parsing thread takes its place all the same: nothing waits on a thread that may never come, and
   * memory stays bounded.
   */
  private static final class Piped extends C14nEvents implements Runnable {
    private static final byte OPEN = 1;
    private static final byte CLOSE = 2;
    private static final byte TEXT = 3;
    private static final byte PI = 4;
    private static final byte GIVE_UP = 5;
    private static final Block END = new Block();

    private final Direct replay;
    private final BlockingQueue<Block> queue = new ArrayBlockingQueue<>(8);
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean abandoned;
    private volatile Throwable failure;
    private final ConcurrentLinkedQueue<Block> free = new ConcurrentLinkedQueue<>();
    private boolean inline;
    private Block block = new Block();

    Piped(DigestAlgorithm alg, Executor executor) {
      this.replay = new Direct(alg);
      try {
        executor.execute(this);
      } catch (RuntimeException refused) {
        inline = claimed.compareAndSet(false, true); // replayed on the parsing thread
      }
    }

    /** One block of events: operations, their objects and the characters of their text. */
    private static final class Block {
      final byte[] ops = new byte[8192];
      int opCount;
      final Object[] objects = new Object[8192 * 4];
      int objectCount;
      final int[] ints = new int[8192 * 2];
      int intCount;
      final char[] chars = new char[128 * 1024];
      int charCount;

      boolean full(int objects, int chars) {
        return opCount == ops.length
            || objectCount + objects > this.objects.length
            || intCount + 2 > ints.length
            || charCount + chars > this.chars.length;
      }
    }

    @Override
    public void run() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        while (true) {
          Block b = queue.take();
          if (b == END) {
            break;
          }
          if (!abandoned) {
            replay(b);
          }
          recycle(b);
        }
      } catch (Throwable t) {
        failure = t;
      } finally {
        done.countDown();
      }
    }

    private void replay(Block b) {
      int o = 0;
      int n = 0;
      for (int i = 0; i < b.opCount; i++) {
        switch (b.ops[i]) {
          case OPEN -> {
            replay.open(
                (String) b.objects[o],
                (String) b.objects[o + 1],
                (String[]) b.objects[o + 2],
                (String[]) b.objects[o + 3]);
            o += 4;
          }
          case CLOSE -> replay.close((String) b.objects[o++]);
          case TEXT -> {
            replay.text(b.chars, b.ints[n], b.ints[n + 1]);
            n += 2;
          }
          case PI -> {
            replay.pi((String) b.objects[o], (String) b.objects[o + 1], b.ints[n]);
            o += 2;
            n += 2;
          }
          case GIVE_UP -> replay.giveUp();
          default -> throw new IllegalStateException("unknown event " + b.ops[i]);
        }
      }
    }

    private Block room(int objects, int chars) {
      if (block.full(objects, chars)) {
        publish(block);
        Block b = free.poll();
        block = b != null ? b : new Block();
      }
      return block;
    }

    /** A replayed block, emptied for the next events (a few are kept). */
    private void recycle(Block b) {
      Arrays.fill(b.objects, 0, b.objectCount, null);
      b.opCount = 0;
      b.objectCount = 0;
      b.intCount = 0;
      b.charCount = 0;
      if (free.size() < 4) {
        free.add(b);
      }
    }

    private void publish(Block b) {
      if (inline) {
        replay(b);
        recycle(b);
        return;
      }
      if (queue.offer(b)) {
        return;
      }
      if (claimed.compareAndSet(false, true)) {
        // The task never started: this thread replays what is queued, then the rest as it comes.
        inline = true;
        for (Block q; (q = queue.poll()) != null; ) {
          replay(q);
          recycle(q);
        }
        replay(b);
        recycle(b);
        return;
      }
      try {
        queue.put(b); // the task runs and drains the queue
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while canonicalising", e);
      }
    }

    @Override
    void open(String qName, String nsUri, String[] decls, String[] attrs) {
      Block b = room(4, 0);
      b.ops[b.opCount++] = OPEN;
      b.objects[b.objectCount++] = qName;
      b.objects[b.objectCount++] = nsUri;
      b.objects[b.objectCount++] = decls;
      b.objects[b.objectCount++] = attrs;
    }

    @Override
    void close(String qName) {
      Block b = room(1, 0);
      b.ops[b.opCount++] = CLOSE;
      b.objects[b.objectCount++] = qName;
    }

    @Override
    void text(char[] ch, int start, int length) {
      while (length > 0) {
        int piece = Math.min(length, 16 * 1024);
        Block b = room(0, piece);
        b.ops[b.opCount++] = TEXT;
        System.arraycopy(ch, start, b.chars, b.charCount, piece);
        b.ints[b.intCount++] = b.charCount;
        b.ints[b.intCount++] = piece;
        b.charCount += piece;
        start += piece;
        length -= piece;
      }
    }

    @Override
    void pi(String target, String data, int where) {
      Block b = room(2, 0);
      b.ops[b.opCount++] = PI;
      b.objects[b.objectCount++] = target;
      b.objects[b.objectCount++] = data;
      b.ints[b.intCount++] = where;
      b.ints[b.intCount++] = 0;
    }

    @Override
    void giveUp() {
      Block b = room(0, 0);
      b.ops[b.opCount++] = GIVE_UP;
    }

    @Override
    byte[] finish() {
      publish(block);
      block = null;
      end();
      if (failure != null) {
        throw new IllegalStateException("canonicalisation failed", failure);
      }
      return replay.finish();
    }

    @Override
    void abandon() {
      abandoned = true;
      end();
    }

    /** Ends the task: it drains to the end mark; the caller waits for it when it runs. */
    private void end() {
      if (inline) {
        return;
      }
      if (claimed.compareAndSet(false, true)) {
        // Never started: replay here what it would have.
        for (Block q; (q = queue.poll()) != null; ) {
          if (!abandoned) {
            replay(q);
          }
        }
        return;
      }
      try {
        queue.put(END);
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while canonicalising", e);
      }
    }
  }
}
