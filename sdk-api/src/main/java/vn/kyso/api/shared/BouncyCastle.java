package vn.kyso.api.shared;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider that Kyso's modules pass to {@code getInstance} calls (path
 * validation, CMS signature checks). It is never registered with {@link java.security.Security}, so
 * an application's own provider list stays as it is. One instance, made on first use, because
 * building a provider fills its algorithm tables: about 55 ms for the first in a fresh JVM and 13
 * ms for each further one (quick compiler, class-data-sharing archive, by hand).
 */
public final class BouncyCastle {
  private BouncyCastle() {}

  private static final class Holder {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  /**
   * @return the shared, unregistered provider; thread-safe, as providers are
   */
  public static Provider provider() {
    return Holder.PROVIDER;
  }
}
