package vn.kyso.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.prng.DigestRandomGenerator;

/** A deterministic random source for test keys: the same seed and label give the same bytes. */
public final class SeededRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final transient DigestRandomGenerator generator =
      new DigestRandomGenerator(new SHA256Digest());

  /**
   * Creates the source.
   *
   * @param seed the test PKI seed
   * @param label what the randomness is for, so that keys do not depend on generation order
   */
  public SeededRandom(long seed, String label) {
    super(new byte[0]);
    generator.addSeedMaterial(seed);
    generator.addSeedMaterial(label.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    generator.nextBytes(bytes);
  }

  @Override
  public void setSeed(long seed) {
    // Ignored: determinism must not depend on what a JCA class mixes in.
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] b = new byte[numBytes];
    nextBytes(b);
    return b;
  }
}
