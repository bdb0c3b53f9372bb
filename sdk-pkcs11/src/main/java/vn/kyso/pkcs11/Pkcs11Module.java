package vn.kyso.pkcs11;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.TokenException;
import vn.kyso.pkcs11.internal.Binding;
import vn.kyso.pkcs11.internal.ModuleRegistry;
import vn.kyso.pkcs11.internal.NativeFolder;

/**
 * A loaded PKCS#11 library (a USB token driver, an HSM client, SoftHSM2): lists slots and opens
 * tokens. Thread-safe; close it when done (the library is finalised when its last user closes).
 *
 * <pre>{@code
 * try (Pkcs11Module module = Pkcs11Module.load(Path.of("/usr/lib/libeTPkcs11.so"));
 *      Pkcs11Token token = module.open(TokenSelector.byLabel("NGUYEN VAN AN"), pinCallback)) {
 *   SigningKey key = token.keys().get(0);
 *   SignatureValue value = key.sign(digest, SignatureAlgorithm.RSA_SHA256);
 * }
 * }</pre>
 *
 * <p>Where drivers usually live: see {@link #commonLibraryLocations()}.
 *
 * @since 0.1
 */
public final class Pkcs11Module implements AutoCloseable {
  private final Path library;
  private final Pkcs11Options options;
  private final Binding binding;
  private volatile boolean closed;

  private Pkcs11Module(Path library, Pkcs11Options options, Binding binding) {
    this.library = library;
    this.options = options;
    this.binding = binding;
  }

  /**
   * Loads a library with default options.
   *
   * @param library the path of the PKCS#11 library
   * @return the module
   * @throws TokenException {@code MODULE_LOAD_FAILED}, {@code NATIVE_FOLDER_NOT_EXECUTABLE}
   */
  public static Pkcs11Module load(Path library) throws TokenException {
    return load(library, Pkcs11Options.defaults());
  }

  /**
   * Loads a library.
   *
   * @param library the path of the PKCS#11 library
   * @param options the options
   * @return the module
   * @throws TokenException {@code MODULE_LOAD_FAILED} when the library is missing or not a PKCS#11
   *     library, {@code NATIVE_FOLDER_NOT_EXECUTABLE} when the wrapper's helper library cannot be
   *     run from its folder
   */
  public static Pkcs11Module load(Path library, Pkcs11Options options) throws TokenException {
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(options, "options");
    Path canonical;
    try {
      canonical = library.toRealPath();
    } catch (IOException e) {
      throw new TokenException(ErrorCode.MODULE_LOAD_FAILED, e, library, "file not found");
    }
    Path nativeFolder =
        options.nativeLibraryFolder().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    if (options.nativeLibraryFolder().isPresent()) {
      if (!Files.isDirectory(nativeFolder) || !Files.isWritable(nativeFolder)) {
        throw new TokenException(
            ErrorCode.MODULE_LOAD_FAILED,
            null,
            library,
            "native library folder " + nativeFolder + " is not a writable folder");
      }
      // The wrapper reads its unpack folder from this JVM-wide property (documented on the option).
      System.setProperty("PKCS11_TEMP_DIR", nativeFolder.toString());
    }
    if (NativeFolder.isNoexec(nativeFolder)
        && System.getProperty("java.library.path", "").isEmpty()) {
      throw new TokenException(ErrorCode.NATIVE_FOLDER_NOT_EXECUTABLE, null, nativeFolder);
    }
    try {
      return new Pkcs11Module(canonical, options, ModuleRegistry.acquire(canonical));
    } catch (UnsatisfiedLinkError e) {
      if (NativeFolder.isNoexec(nativeFolder)) {
        throw new TokenException(ErrorCode.NATIVE_FOLDER_NOT_EXECUTABLE, e, nativeFolder);
      }
      throw new TokenException(ErrorCode.MODULE_LOAD_FAILED, e, library, e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new TokenException(ErrorCode.MODULE_LOAD_FAILED, e, library, e.getMessage());
    } catch (Binding.Ck e) {
      throw new TokenException(ErrorCode.MODULE_LOAD_FAILED, e, library, e.name());
    }
  }

  /**
   * Returns where common token drivers install their PKCS#11 library, for a host's set-up screen.
   * Only existing files are worth offering; check with {@link Files#exists}.
   *
   * @return candidate paths for this operating system
   */
  public static List<Path> commonLibraryLocations() {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    List<String> paths =
        windows
            ? List.of(
                "C:\\Windows\\System32\\eps2003csp11.dll", // ePass2003 (common with VGCA tokens)
                "C:\\Windows\\System32\\eTPKCS11.dll", // SafeNet / Gemalto eToken
                "C:\\Windows\\System32\\bit4ipki.dll", // bit4id
                "C:\\Windows\\System32\\vnptca_p11_v8.dll", // VNPT-CA token
                "C:\\Windows\\System32\\viettel-ca_v6.dll", // Viettel-CA token
                "C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll",
                "C:\\SoftHSM2\\lib\\softhsm2-x64.dll")
            : List.of(
                "/usr/lib/libcastle.so.1.0.0", // ePass2003 (Feitian) driver
                "/usr/lib/libeTPkcs11.so", // SafeNet eToken
                "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", // OpenSC (Debian)
                "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                "/usr/lib/softhsm/libsofthsm2.so",
                "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
                "/usr/local/lib/softhsm/libsofthsm2.so");
    List<Path> out = new ArrayList<>();
    paths.forEach(p -> out.add(Path.of(p)));
    return out;
  }

  /**
   * @return the canonical path of the library
   */
  public Path library() {
    return library;
  }

  /**
   * Lists the slots and the tokens in them.
   *
   * @return the slots
   * @throws TokenException {@code TOKEN_ERROR} when the library fails
   */
  public List<SlotDescription> slots() throws TokenException {
    requireOpen();
    try {
      List<SlotDescription> out = new ArrayList<>();
      for (long id : binding.slotIds(false)) {
        Binding.Slot s = binding.slot(id);
        Optional<TokenDescription> token = Optional.empty();
        if (s.tokenPresent()) {
          try {
            token = Optional.of(describe(id, binding.token(id)));
          } catch (Binding.Ck e) {
            // a token that does not answer is listed as absent
          }
        }
        out.add(new SlotDescription(id, s.description(), s.manufacturer(), s.removable(), token));
      }
      return out;
    } catch (Binding.Ck e) {
      throw new Pkcs11Exception(
          ErrorCode.TOKEN_ERROR, Set.of(), e.name(), e, e.name(), "C_GetSlotList");
    }
  }

  /**
   * Opens a token. Nothing is asked or logged in until a key is needed.
   *
   * @param selector which token
   * @param callback how PINs are asked
   * @return the token; close it
   * @throws TokenException {@code TOKEN_NOT_FOUND} when no token matches
   */
  public Pkcs11Token open(TokenSelector selector, PinCallback callback) throws TokenException {
    requireOpen();
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(callback, "callback");
    return new Pkcs11Token(this, selector, callback, find(selector));
  }

  TokenDescription find(TokenSelector selector) throws TokenException {
    for (SlotDescription s : slots()) {
      if (s.token().isPresent() && selector.matches(s.token().get())) {
        return s.token().get();
      }
    }
    throw new Pkcs11Exception(ErrorCode.TOKEN_NOT_FOUND, Set.of(), null, null, selector);
  }

  Binding binding() {
    return binding;
  }

  Pkcs11Options options() {
    return options;
  }

  void reinitialize() throws Binding.Ck {
    ModuleRegistry.reinitialize(library);
  }

  static TokenDescription describe(long slotId, Binding.Token t) {
    return new TokenDescription(
        slotId,
        t.label(),
        t.serial(),
        t.model(),
        t.manufacturer(),
        PinFlag.of(t.flags()),
        (t.flags() & 0x4L) != 0,
        (t.flags() & 0x100L) != 0,
        t.minPinLength(),
        t.maxPinLength(),
        t.maxSessions() == Long.MAX_VALUE || t.maxSessions() < 0 ? 0 : t.maxSessions());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("module closed");
    }
  }

  /** Releases the library; the last user in the JVM finalises it. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      ModuleRegistry.release(library);
    }
  }
}
