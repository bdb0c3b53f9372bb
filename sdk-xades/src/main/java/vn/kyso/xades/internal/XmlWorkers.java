package vn.kyso.xades.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that canonicalise and digest a large document beside its parse ({@link C14nEvents})
 * and decode it ahead of the parser ({@link Utf8Pipe}): at most as many as the machine has
 * processors (and at least two), made when needed and gone after 30 idle seconds, daemons. A task
 * none of them can take at once is refused; the parsing thread then does that work itself, so
 * nothing ever waits for a free thread.
 */
final class XmlWorkers {
  private static final AtomicInteger COUNT = new AtomicInteger();

  static final Executor EXECUTOR =
      new ThreadPoolExecutor(
          0,
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "kyso-xml-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.AbortPolicy());

  private XmlWorkers() {}
}
