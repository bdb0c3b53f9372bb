package vn.kyso.pkcs11;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted PIN callback: answers PINs from a queue, counts the questions. */
final class TestPins implements PinCallback {
  final Deque<String> answers = new ArrayDeque<>();
  final AtomicInteger asked = new AtomicInteger();
  final AtomicInteger countLowWarnings = new AtomicInteger();
  volatile boolean confirmFinal;
  volatile String fallback;

  static TestPins always(String pin) {
    TestPins p = new TestPins();
    p.fallback = pin;
    return p;
  }

  TestPins then(String... pins) {
    for (String p : pins) {
      answers.add(p);
    }
    return this;
  }

  @Override
  public synchronized char[] pin(TokenDescription token, Purpose purpose) {
    asked.incrementAndGet();
    String p = answers.isEmpty() ? fallback : answers.poll();
    return p == null ? null : p.toCharArray();
  }

  @Override
  public void pinCountLow(TokenDescription token) {
    countLowWarnings.incrementAndGet();
  }

  @Override
  public boolean confirmFinalTry(TokenDescription token) {
    return confirmFinal;
  }
}
