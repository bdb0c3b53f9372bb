package vn.kyso.pkcs11.internal;

import java.util.List;

/**
 * The ~15 PKCS#11 calls Kyso needs, behind one interface so that the wrapper library can be swapped
 * by changing one class ({@link XipkiBinding}). Every method throws {@link Ck} with the raw CKR
 * code on a PKCS#11 error.
 */
public interface Binding {
  /** CKU_SO. */
  long CKU_SO = 0;

  /** CKU_USER. */
  long CKU_USER = 1;

  /** CKU_CONTEXT_SPECIFIC. */
  long CKU_CONTEXT_SPECIFIC = 2;

  /** Slot facts from C_GetSlotInfo. */
  record Slot(
      long id, String description, String manufacturer, boolean tokenPresent, boolean removable) {}

  /** Token facts from C_GetTokenInfo. */
  record Token(
      String label,
      String serial,
      String model,
      String manufacturer,
      long flags,
      long maxSessions,
      long minPinLength,
      long maxPinLength) {}

  /** A private key or certificate object found on the token. */
  record KeyObject(
      long handle, byte[] id, String label, long keyType, boolean alwaysAuthenticate) {}

  /** A certificate object found on the token. */
  record CertObject(byte[] id, String label, byte[] der) {}

  /** An open session. Not thread-safe: one thread at a time. */
  interface Session {
    long handle();

    void login(long userType, char[] pin) throws Ck;

    void logout() throws Ck;

    void setPin(char[] oldPin, char[] newPin) throws Ck;

    void initPin(char[] newPin) throws Ck;

    List<KeyObject> privateKeys(byte[] id) throws Ck;

    List<CertObject> certificates() throws Ck;

    /**
     * Signs in one C_SignInit/C_Sign pair, logging in context-specifically in between when {@code
     * contextPin} is not null (CKA_ALWAYS_AUTHENTICATE keys).
     */
    byte[] sign(
        long mechanism,
        long pssHash,
        long pssMgf,
        int pssSalt,
        long key,
        byte[] data,
        char[] contextPin)
        throws Ck;

    void close();
  }

  void initialize() throws Ck;

  void finalizeModule();

  List<Long> slotIds(boolean tokenPresent) throws Ck;

  Slot slot(long slotId) throws Ck;

  Token token(long slotId) throws Ck;

  Session openSession(long slotId, boolean readWrite) throws Ck;

  /** A PKCS#11 error: the CKR code and its name. */
  final class Ck extends Exception {
    private static final long serialVersionUID = 1L;
    private final long code;
    private final String name;

    public Ck(long code, String name, Throwable cause) {
      super(name + " (0x" + Long.toHexString(code) + ")", cause);
      this.code = code;
      this.name = name;
    }

    public long code() {
      return code;
    }

    public String name() {
      return name;
    }
  }
}
