package vn.kyso.pkcs11;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.api.policy.TokenState;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.pkcs11.internal.Binding;

/**
 * One token of a {@link Pkcs11Module}: its keys, PIN state, PIN change and batch signing.
 *
 * <p>Unlike other {@link SigningToken}s, a PKCS#11 token is safe for concurrent signing by several
 * threads: it keeps a small pool of sessions (at most {@link Pkcs11Options#maxSessions()} and the
 * token's own limit), serialises login, logout and PIN change, and re-finds key handles by CKA_ID
 * after every login. Close it when done: its sessions are closed and the token logged out.
 *
 * <p><b>PIN handling.</b> The PIN comes from the {@link PinCallback}, is asked once per login,
 * never retried by the SDK and wiped after use. Before every login the token flags are read:
 * COUNT_LOW is passed to the callback; FINAL_TRY needs the callback's explicit confirmation; LOCKED
 * gives {@code PIN_LOCKED} without an attempt; TO_BE_CHANGED gives {@code PIN_TO_BE_CHANGED} so the
 * host can call {@link #changePin()}. A wrong PIN gives {@code PIN_INCORRECT} with the flags read
 * after the attempt ({@link Pkcs11Exception#pinFlags()}).
 *
 * <p><b>Removal.</b> A pulled token gives {@code TOKEN_REMOVED}; after it is inserted again the
 * next use finds it by the same selector (re-initialising the library when needed) and asks the PIN
 * again. No JVM restart is needed.
 *
 * @since 0.1
 */
public final class Pkcs11Token implements SigningToken {
  private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Token.class);
  private static final Set<Long> REMOVAL = Set.of(0xE0L, 0xE1L, 0x32L, 0xB0L, 0xB3L, 0x03L);
  private static final long CKR_PIN_INCORRECT = 0xA0L;
  private static final long CKR_PIN_INVALID = 0xA1L;
  private static final long CKR_PIN_LEN_RANGE = 0xA2L;
  private static final long CKR_PIN_EXPIRED = 0xA3L;
  private static final long CKR_PIN_LOCKED = 0xA4L;
  private static final long CKR_USER_ALREADY_LOGGED_IN = 0x100L;
  private static final long CKR_USER_NOT_LOGGED_IN = 0x101L;
  private static final long CKR_GENERAL_ERROR = 0x05L;
  private static final long CKR_KEY_HANDLE_INVALID = 0x60L;
  private static final long CKR_OBJECT_HANDLE_INVALID = 0x82L;

  private final Pkcs11Module module;
  private final TokenSelector selector;
  private final PinCallback callback;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicInteger generation = new AtomicInteger();
  private volatile TokenDescription description;
  private volatile boolean loggedIn;
  private volatile boolean removed;
  private volatile boolean closed;
  private BlockingQueue<Binding.Session> idle;
  private int capacity;
  private int opened;

  Pkcs11Token(
      Pkcs11Module module,
      TokenSelector selector,
      PinCallback callback,
      TokenDescription description) {
    this.module = module;
    this.selector = selector;
    this.callback = callback;
    this.description = description;
    resetPool();
  }

  /**
   * Returns the token's description with its PIN flags read now.
   *
   * @return the description
   * @throws TokenException {@code TOKEN_REMOVED} when the token is gone
   */
  public TokenDescription describe() throws TokenException {
    requireOpen();
    lock.lock();
    try {
      ensurePresent();
      return refresh();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Logs in now, asking the PIN through the callback, unless already logged in.
   *
   * @throws TokenException {@code PIN_INCORRECT}, {@code PIN_LOCKED}, {@code PIN_TO_BE_CHANGED},
   *     {@code PIN_FINAL_TRY_NOT_CONFIRMED}, {@code PIN_CANCELLED}, {@code TOKEN_REMOVED}
   */
  public void login() throws TokenException {
    requireOpen();
    lock.lock();
    try {
      ensurePresent();
      if (!loggedIn) {
        doLogin();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lists the keys signing software should offer: a private key with a certificate of the same
   * CKA_ID, valid now, not a CA, RSA or EC, with digitalSignature or nonRepudiation, and, when
   * {@link Pkcs11Options#issuerAnchors()} is set, issued under those anchors. Logs in if needed.
   *
   * @return the keys
   * @throws TokenException as {@link #login()}
   */
  @Override
  public List<SigningKey> keys() throws TokenException {
    List<SigningKey> out = new ArrayList<>();
    for (Pkcs11Key k : allKeys()) {
      if (offered(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * Lists every private key that has a certificate of the same CKA_ID, without filtering.
   *
   * @return the keys
   * @throws TokenException as {@link #login()}
   */
  public List<Pkcs11Key> allKeys() throws TokenException {
    login();
    return withSession(
        s -> {
          List<Binding.CertObject> certs = s.certificates();
          List<X509Certificate> all = new ArrayList<>();
          for (Binding.CertObject c : certs) {
            try {
              all.add(Certificates.parseOne(c.der()));
            } catch (DocumentException e) {
              all.add(null);
            }
          }
          List<Pkcs11Key> keys = new ArrayList<>();
          for (Binding.KeyObject k : s.privateKeys(null)) {
            for (int i = 0; i < certs.size(); i++) {
              X509Certificate cert = all.get(i);
              if (cert != null && Arrays.equals(certs.get(i).id(), k.id()) && k.id().length > 0) {
                keys.add(new Pkcs11Key(this, k, cert, chainOf(cert, all)));
                break;
              }
            }
          }
          return keys;
        });
  }

  /**
   * Changes the user PIN: asks the current and the new PIN, checks the token's length limits, calls
   * {@code C_SetPIN} in a read/write session and records the date in the {@link PinChangeLog}, if
   * one is configured.
   *
   * @throws TokenException {@code PIN_INCORRECT}, {@code PIN_LOCKED}, {@code PIN_INVALID}, {@code
   *     PIN_CANCELLED}, {@code TOKEN_REMOVED}
   */
  public void changePin() throws TokenException {
    requireOpen();
    lock.lock();
    char[] oldPin = null;
    char[] newPin = null;
    try {
      ensurePresent();
      TokenDescription t = refresh();
      if (t.has(PinFlag.LOCKED)) {
        throw pinError(ErrorCode.PIN_LOCKED, null);
      }
      oldPin = ask(t, PinCallback.Purpose.CHANGE_OLD);
      newPin = ask(t, PinCallback.Purpose.CHANGE_NEW);
      requireValidLength(t, newPin);
      Binding.Session s = module.binding().openSession(t.slotId(), true);
      try {
        s.setPin(oldPin, newPin);
      } finally {
        s.close();
      }
      recordPinChange(t, "PIN changed");
    } catch (Binding.Ck e) {
      throw translatePinChange(e, "C_SetPIN");
    } finally {
      wipe(oldPin);
      wipe(newPin);
      lock.unlock();
    }
  }

  /** Records a new user PIN in the host's change log and the log. */
  private void recordPinChange(TokenDescription t, String what) {
    Instant now = module.options().clock().instant();
    module.options().pinChangeLog().ifPresent(log -> log.recordChange(t.serial(), now));
    LOG.info("{} on token {}", what, t.serial());
  }

  /**
   * Unlocks a locked user PIN by setting a new one as the security officer: asks the SO PIN ({@link
   * PinCallback.Purpose#SECURITY_OFFICER}) and the new user PIN, logs in as SO on a read/write
   * session, calls {@code C_InitPIN} and logs out. The token's pooled sessions are closed first
   * (PKCS#11 allows no SO login beside read-only sessions), so do not sign with it on other threads
   * meanwhile. This is the certificate manager's procedure after a written request, not something
   * an official does alone.
   *
   * @throws TokenException {@code PIN_INCORRECT} for a wrong SO PIN, {@code PIN_INVALID}, {@code
   *     PIN_CANCELLED}, {@code TOKEN_REMOVED}
   */
  public void resetUserPin() throws TokenException {
    requireOpen();
    lock.lock();
    char[] soPin = null;
    char[] newPin = null;
    try {
      ensurePresent();
      TokenDescription t = refresh();
      soPin = ask(t, PinCallback.Purpose.SECURITY_OFFICER);
      newPin = ask(t, PinCallback.Purpose.CHANGE_NEW);
      requireValidLength(t, newPin);
      if (loggedIn) {
        // One login state per token and process: the user session must end before the SO's.
        Binding.Session u = borrowNoCheck();
        try {
          u.logout();
        } catch (Binding.Ck e) {
          // already logged out
        } finally {
          giveBack(u, true);
        }
        loggedIn = false;
        generation.incrementAndGet();
      }
      // PKCS#11 refuses an SO login while read-only sessions exist (CKR_SESSION_READ_ONLY_EXISTS).
      resetPool();
      Binding.Session s = module.binding().openSession(t.slotId(), true);
      try {
        s.login(Binding.CKU_SO, soPin);
        try {
          s.initPin(newPin);
        } finally {
          s.logout();
        }
      } finally {
        s.close();
      }
      recordPinChange(t, "user PIN reset by the security officer");
    } catch (Binding.Ck e) {
      throw translatePinChange(e, "C_InitPIN");
    } finally {
      wipe(soPin);
      wipe(newPin);
      lock.unlock();
    }
  }

  /**
   * Returns how long ago the PIN was last changed through the SDK.
   *
   * @return the age, if the {@link PinChangeLog} has a date for this token
   */
  public Optional<Duration> pinAge() {
    Instant now = module.options().clock().instant();
    return module
        .options()
        .pinChangeLog()
        .flatMap(l -> l.lastChanged(description.serial()))
        .map(t -> Duration.between(t, now));
  }

  /**
   * Returns the token's state for a signing policy: the PIN flags read now (before any login) and
   * when the PIN was last changed, from the {@link PinChangeLog}. Give it to {@code
   * PolicyCheck.Builder.tokenState} so a locked token is refused with the recovery procedure of the
   * applicable regulation, and an old PIN gets its reminder.
   *
   * @return the state
   * @throws TokenException {@code TOKEN_REMOVED} when the token is gone
   */
  public TokenState tokenState() throws TokenException {
    TokenDescription d = describe();
    return new TokenState(
        d.has(PinFlag.COUNT_LOW),
        d.has(PinFlag.FINAL_TRY),
        d.has(PinFlag.LOCKED),
        d.has(PinFlag.TO_BE_CHANGED),
        module.options().pinChangeLog().flatMap(l -> l.lastChanged(d.serial())));
  }

  /**
   * Signs many digests with one login and one key lookup, in order, on one session. A failure stops
   * the batch; the result says exactly which items were signed.
   *
   * @param key a key of this token
   * @param digests the digests, each of {@code algorithm}'s hash
   * @param algorithm the algorithm
   * @return the values signed and the failure that stopped the batch, if any
   * @throws TokenException when the batch cannot start (login, key lookup)
   */
  public BatchResult signBatch(SigningKey key, List<Digest> digests, SignatureAlgorithm algorithm)
      throws TokenException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(digests, "digests");
    if (!(key instanceof Pkcs11Key k) || k.token() != this) {
      throw new IllegalArgumentException("the key is not from this token");
    }
    login();
    List<SignatureValue> signed = new ArrayList<>(digests.size());
    Binding.Session s = borrow();
    boolean healthy = true;
    try {
      long handle = k.handle(s);
      for (int i = 0; i < digests.size(); i++) {
        try {
          signed.add(k.signOn(s, handle, digests.get(i), algorithm));
        } catch (TokenException e) {
          healthy = !(e.code() == ErrorCode.TOKEN_REMOVED);
          return new BatchResult(
              signed,
              Optional.of(
                  new Pkcs11Exception(
                      ErrorCode.BATCH_INTERRUPTED,
                      description.pinFlags(),
                      null,
                      e,
                      i,
                      digests.size(),
                      e.getMessage())),
              digests.size());
        } catch (RuntimeException e) {
          return new BatchResult(
              signed,
              Optional.of(
                  new Pkcs11Exception(
                      ErrorCode.BATCH_INTERRUPTED,
                      description.pinFlags(),
                      null,
                      e,
                      i,
                      digests.size(),
                      String.valueOf(e.getMessage()))),
              digests.size());
        }
      }
      return new BatchResult(signed, Optional.empty(), digests.size());
    } catch (Binding.Ck e) {
      healthy = false;
      throw translate(e, "C_FindObjects");
    } finally {
      giveBack(s, healthy);
    }
  }

  /** Logs out and closes every session. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    lock.lock();
    try {
      closed = true;
      Binding.Session s = idle.poll();
      if (s != null && loggedIn) {
        try {
          s.logout();
        } catch (Binding.Ck e) {
          // already logged out or removed
        }
      }
      while (s != null) {
        s.close();
        s = idle.poll();
      }
      loggedIn = false;
    } finally {
      lock.unlock();
    }
  }

  // ---- package-private machinery used by Pkcs11Key ----

  PinCallback callback() {
    return callback;
  }

  TokenDescription description() {
    return description;
  }

  int generation() {
    return generation.get();
  }

  interface SessionWork<T> {
    T run(Binding.Session s) throws Binding.Ck, TokenException;
  }

  /**
   * Runs work on a pooled session; a removal marks the token removed; a lost login logs in once.
   */
  <T> T withSession(SessionWork<T> work) throws TokenException {
    if (closed) {
      throw new TokenException(ErrorCode.TOKEN_CLOSED, null);
    }
    for (int attempt = 0; ; attempt++) {
      ensureUsable();
      Binding.Session s = borrow();
      boolean healthy = true;
      try {
        return work.run(s);
      } catch (Binding.Ck e) {
        if (e.code() == CKR_USER_NOT_LOGGED_IN && attempt == 0) {
          loggedIn = false;
          continue;
        }
        if ((e.code() == CKR_KEY_HANDLE_INVALID || e.code() == CKR_OBJECT_HANDLE_INVALID)
            && attempt == 0) {
          generation.incrementAndGet();
          continue;
        }
        healthy = !REMOVAL.contains(e.code());
        throw translate(e, "C_Sign");
      } finally {
        giveBack(s, healthy);
      }
    }
  }

  TokenException translate(Binding.Ck e, String operation) {
    if (REMOVAL.contains(e.code()) || e.code() == CKR_GENERAL_ERROR && !present()) {
      markRemoved();
      return new Pkcs11Exception(ErrorCode.TOKEN_REMOVED, Set.of(), e.name(), e);
    }
    if (e.code() == CKR_PIN_INCORRECT) {
      return pinError(ErrorCode.PIN_INCORRECT, e);
    }
    if (e.code() == CKR_PIN_LOCKED) {
      return pinError(ErrorCode.PIN_LOCKED, e);
    }
    if (e.code() == CKR_PIN_EXPIRED) {
      return pinError(ErrorCode.PIN_TO_BE_CHANGED, e);
    }
    return new Pkcs11Exception(
        ErrorCode.TOKEN_ERROR, description.pinFlags(), e.name(), e, e.name(), operation);
  }

  /** Checks a new PIN against the token's limits before the token sees it. */
  private static void requireValidLength(TokenDescription t, char[] newPin) throws Pkcs11Exception {
    if (t.minPinLength() > 0 && newPin.length < t.minPinLength()
        || t.maxPinLength() > 0 && newPin.length > t.maxPinLength()) {
      throw new Pkcs11Exception(
          ErrorCode.PIN_INVALID,
          t.pinFlags(),
          null,
          null,
          "length " + newPin.length + " outside " + t.minPinLength() + ".." + t.maxPinLength());
    }
  }

  private TokenException translatePinChange(Binding.Ck e, String operation) {
    if (e.code() == CKR_PIN_INVALID || e.code() == CKR_PIN_LEN_RANGE) {
      return new Pkcs11Exception(
          ErrorCode.PIN_INVALID, description.pinFlags(), e.name(), e, e.name());
    }
    return translate(e, operation);
  }

  private Pkcs11Exception pinError(ErrorCode code, Binding.Ck e) {
    TokenDescription t = description;
    try {
      t = refresh();
    } catch (TokenException ignored) {
      // keep the flags read before the attempt
    }
    Object arg = code == ErrorCode.PIN_INCORRECT ? "" : t.label();
    return new Pkcs11Exception(code, t.pinFlags(), e == null ? null : e.name(), e, arg);
  }

  // ---- login, presence, sessions ----

  private void doLogin() throws TokenException {
    TokenDescription t = refresh();
    if (t.has(PinFlag.LOCKED)) {
      throw pinError(ErrorCode.PIN_LOCKED, null);
    }
    if (t.has(PinFlag.TO_BE_CHANGED)) {
      throw new Pkcs11Exception(ErrorCode.PIN_TO_BE_CHANGED, t.pinFlags(), null, null, t.label());
    }
    if (t.has(PinFlag.FINAL_TRY)) {
      if (!callback.confirmFinalTry(t)) {
        throw new Pkcs11Exception(
            ErrorCode.PIN_FINAL_TRY_NOT_CONFIRMED, t.pinFlags(), null, null, t.label());
      }
    } else if (t.has(PinFlag.COUNT_LOW)) {
      callback.pinCountLow(t);
    }
    char[] pin = t.protectedAuthenticationPath() ? null : ask(t, PinCallback.Purpose.LOGIN);
    Binding.Session s = borrowNoCheck();
    boolean healthy = true;
    try {
      try {
        s.login(Binding.CKU_USER, pin);
      } catch (Binding.Ck e) {
        if (e.code() != CKR_USER_ALREADY_LOGGED_IN) {
          healthy = !REMOVAL.contains(e.code());
          throw translate(e, "C_Login");
        }
      }
      loggedIn = true;
      generation.incrementAndGet();
      LOG.debug("logged in to token {}", t.serial());
    } finally {
      wipe(pin);
      giveBack(s, healthy);
    }
  }

  private char[] ask(TokenDescription t, PinCallback.Purpose purpose) throws TokenException {
    char[] pin = callback.pin(t, purpose);
    if (pin == null) {
      throw new Pkcs11Exception(ErrorCode.PIN_CANCELLED, t.pinFlags(), null, null);
    }
    return pin;
  }

  char[] askContextPin() throws TokenException {
    return ask(description, PinCallback.Purpose.CONTEXT_SPECIFIC);
  }

  private TokenDescription refresh() throws TokenException {
    try {
      description =
          Pkcs11Module.describe(description.slotId(), module.binding().token(description.slotId()));
      return description;
    } catch (Binding.Ck e) {
      if (REMOVAL.contains(e.code()) || e.code() == CKR_GENERAL_ERROR) {
        markRemoved();
        throw new Pkcs11Exception(ErrorCode.TOKEN_REMOVED, Set.of(), e.name(), e);
      }
      throw new Pkcs11Exception(
          ErrorCode.TOKEN_ERROR, description.pinFlags(), e.name(), e, e.name(), "C_GetTokenInfo");
    }
  }

  private boolean present() {
    try {
      module.binding().token(description.slotId());
      return true;
    } catch (Binding.Ck e) {
      return false;
    }
  }

  private void ensureUsable() throws TokenException {
    if (removed || !loggedIn) {
      lock.lock();
      try {
        ensurePresent();
        if (!loggedIn) {
          doLogin();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * After a removal: find the token again by its selector, re-initialising the library if needed.
   */
  private void ensurePresent() throws TokenException {
    if (!removed) {
      return;
    }
    TokenDescription found;
    try {
      found = module.find(selector);
    } catch (TokenException notFound) {
      try {
        module.reinitialize();
      } catch (Binding.Ck e) {
        throw new Pkcs11Exception(ErrorCode.TOKEN_REMOVED, Set.of(), e.name(), e);
      }
      try {
        found = module.find(selector);
      } catch (TokenException stillGone) {
        throw new Pkcs11Exception(ErrorCode.TOKEN_REMOVED, Set.of(), null, stillGone);
      }
    }
    description = found;
    resetPool();
    removed = false;
    loggedIn = false;
  }

  private void markRemoved() {
    removed = true;
    loggedIn = false;
    generation.incrementAndGet();
    resetPool();
  }

  private synchronized void resetPool() {
    if (idle != null) {
      Binding.Session s;
      while ((s = idle.poll()) != null) {
        s.close();
      }
    }
    int cap = module.options().maxSessions();
    if (description.maxSessions() > 0) {
      cap = (int) Math.min(cap, Math.max(1, description.maxSessions() - 1));
    }
    idle = new ArrayBlockingQueue<>(cap);
    capacity = cap;
    opened = 0;
  }

  Binding.Session borrow() throws TokenException {
    ensureUsable();
    return borrowNoCheck();
  }

  private Binding.Session borrowNoCheck() throws TokenException {
    BlockingQueue<Binding.Session> pool;
    synchronized (this) {
      pool = idle;
      Binding.Session s = pool.poll();
      if (s != null) {
        return s;
      }
      if (opened < capacity) {
        try {
          Binding.Session created = module.binding().openSession(description.slotId(), false);
          opened++;
          return created;
        } catch (Binding.Ck e) {
          throw translate(e, "C_OpenSession");
        }
      }
    }
    try {
      Binding.Session s = pool.poll(60, TimeUnit.SECONDS);
      if (s == null) {
        throw new Pkcs11Exception(
            ErrorCode.TOKEN_ERROR,
            description.pinFlags(),
            null,
            null,
            "no free session",
            "C_OpenSession");
      }
      return s;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Pkcs11Exception(
          ErrorCode.TOKEN_ERROR, description.pinFlags(), null, e, "interrupted", "C_OpenSession");
    }
  }

  synchronized void giveBack(Binding.Session s, boolean healthy) {
    if (healthy && !closed && !removed && idle.offer(s)) {
      return;
    }
    s.close();
    if (opened > 0) {
      opened--;
    }
  }

  private List<X509Certificate> chainOf(X509Certificate leaf, List<X509Certificate> pool) {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    X509Certificate current = leaf;
    for (int depth = 0; depth < 8; depth++) {
      X509Certificate next = null;
      for (X509Certificate c : pool) {
        if (c != null
            && !chain.contains(c)
            && c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
          try {
            current.verify(c.getPublicKey());
            next = c;
            break;
          } catch (Exception e) {
            // not the issuer
          }
        }
      }
      if (next == null) {
        break;
      }
      chain.add(next);
      current = next;
    }
    return chain;
  }

  private boolean offered(Pkcs11Key k) {
    X509Certificate c = k.certificate();
    Instant now = module.options().clock().instant();
    if (now.isBefore(c.getNotBefore().toInstant()) || now.isAfter(c.getNotAfter().toInstant())) {
      return false;
    }
    if (c.getBasicConstraints() >= 0) {
      return false;
    }
    String alg = c.getPublicKey().getAlgorithm();
    if (!alg.equals("RSA") && !alg.equals("EC")) {
      return false;
    }
    boolean[] ku = c.getKeyUsage();
    if (ku == null || !(ku[0] || ku.length > 1 && ku[1])) {
      return false;
    }
    if (module.options().issuerAnchors().isEmpty()) {
      return true;
    }
    CertificateResult r =
        CertificateVerifier.builder(module.options().issuerAnchors().get())
            .clock(module.options().clock())
            .network(NetworkSettings.offline())
            .insecureSkipRevocationCheck()
            .build()
            .verify(c, ValidationContext.builder().certificates(k.chain()).build());
    return r.subIndication().map(s -> s != SubIndication.NO_CERTIFICATE_CHAIN_FOUND).orElse(true);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("token closed");
    }
  }

  static void wipe(char[] pin) {
    if (pin != null) {
      Arrays.fill(pin, '\0');
    }
  }

  static String hex(byte[] id) {
    return HexFormat.of().formatHex(id);
  }

  @Override
  public String toString() {
    return "Pkcs11Token[" + description.label() + ", serial " + description.serial() + "]";
  }
}
