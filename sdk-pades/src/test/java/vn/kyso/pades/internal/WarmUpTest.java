package vn.kyso.pades.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.fontbox.cmap.CMap;
import org.junit.jupiter.api.Test;
import vn.kyso.pades.PdfVerifier;

class WarmUpTest {
  @Test
  void theWarmUpMapParses_soItsStepReachesFontBoxStringTables() throws Exception {
    // Run swallows a step's failure: a map FontBox cannot read would leave the step doing nothing.
    CMap map = WarmUp.toUnicode();
    assertThat(map.hasUnicodeMappings()).isTrue();
    assertThat(map.toUnicode(new byte[] {0, 1})).isEqualTo("A");
    assertThat(map.toUnicode(new byte[] {0, 2})).isEqualTo("B");
  }

  @Test
  void stepsAndWholeRunsOnManyThreadsAtOnce_andAgain_allEnd() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          CountDownLatch start = new CountDownLatch(1);
          List<Thread> threads = new ArrayList<>();
          List<Throwable> failures = new ArrayList<>();
          // Each step on its own thread, as the command line shares them, beside two whole runs.
          List<Runnable> work = new ArrayList<>(PdfVerifier.warmUpSteps());
          assertThat(work).hasSize(4);
          work.add(PdfVerifier::warmUp);
          work.add(PdfVerifier::warmUp);
          for (Runnable r : work) {
            Thread t =
                new Thread(
                    () -> {
                      try {
                        start.await();
                        r.run();
                      } catch (Throwable e) {
                        synchronized (failures) {
                          failures.add(e);
                        }
                      }
                    });
            t.start();
            threads.add(t);
          }
          start.countDown();
          for (Thread t : threads) {
            t.join();
          }
          PdfVerifier.warmUp();
          assertThat(failures).isEmpty();
        });
  }
}
