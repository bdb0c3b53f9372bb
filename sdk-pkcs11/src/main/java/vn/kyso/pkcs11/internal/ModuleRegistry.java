package vn.kyso.pkcs11.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One initialised binding per PKCS#11 library in this JVM, reference-counted.
 *
 * <p>This is the one piece of JVM-wide state in the SDK, because PKCS#11 itself is per process:
 * {@code C_Initialize} is once per library and process, and one {@code C_Finalize} ends every
 * user's sessions (PKCS11.md, pitfalls 9 and 10).
 */
public final class ModuleRegistry {
  private static final Map<Path, Entry> MODULES = new HashMap<>();

  private ModuleRegistry() {}

  private static final class Entry {
    final Binding binding;
    int users;

    Entry(Binding binding) {
      this.binding = binding;
    }
  }

  /**
   * Returns the initialised binding of a library, loading it on first use.
   *
   * @param library the canonical library path
   * @return the binding
   * @throws IOException if it cannot be loaded
   * @throws Binding.Ck if C_Initialize fails
   */
  public static synchronized Binding acquire(Path library) throws IOException, Binding.Ck {
    Entry e = MODULES.get(library);
    if (e == null) {
      Binding b = XipkiBinding.load(library);
      b.initialize();
      e = new Entry(b);
      MODULES.put(library, e);
    }
    e.users++;
    return e.binding;
  }

  /**
   * Finalises and initialises the library again, after a token was pulled and the module is
   * confused. Every user's sessions end.
   *
   * @param library the library
   * @throws Binding.Ck if C_Initialize fails
   */
  public static synchronized void reinitialize(Path library) throws Binding.Ck {
    Entry e = MODULES.get(library);
    if (e != null) {
      e.binding.finalizeModule();
      e.binding.initialize();
    }
  }

  /**
   * Releases one use; the last user's release finalises the library.
   *
   * @param library the library
   */
  public static synchronized void release(Path library) {
    Entry e = MODULES.get(library);
    if (e != null && --e.users <= 0) {
      e.binding.finalizeModule();
      MODULES.remove(library);
    }
  }
}
