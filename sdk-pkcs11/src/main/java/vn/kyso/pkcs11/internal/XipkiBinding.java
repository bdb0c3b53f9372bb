package vn.kyso.pkcs11.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.SlotInfo;
import org.xipki.pkcs11.wrapper.TokenInfo;
import org.xipki.pkcs11.wrapper.params.RSA_PKCS_PSS_PARAMS;

/** {@link Binding} over xipki's ipkcs11wrapper low-level API (never its PKCS11Token class). */
public final class XipkiBinding implements Binding {
  private final PKCS11Module module;

  private XipkiBinding(PKCS11Module module) {
    this.module = module;
  }

  /**
   * Loads a module. The wrapper's own JNI library is found on {@code java.library.path} or unpacked
   * from its jar into the folder named by the {@code PKCS11_TEMP_DIR} system property.
   *
   * @param library the PKCS#11 library
   * @return the binding, not yet initialised
   * @throws IOException if the library cannot be loaded
   */
  public static XipkiBinding load(Path library) throws IOException {
    XipkiLogging.install();
    return new XipkiBinding(PKCS11Module.getInstance(library.toString()));
  }

  @Override
  public void initialize() throws Ck {
    try {
      module.initialize();
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw ck(e);
      }
    }
  }

  @Override
  public void finalizeModule() {
    try {
      module.finalize(null);
    } catch (PKCS11Exception | RuntimeException e) {
      // C_Finalize of an already finalised or confused module: nothing more to release.
    }
  }

  @Override
  public List<Long> slotIds(boolean tokenPresent) throws Ck {
    try {
      List<Long> out = new ArrayList<>();
      for (org.xipki.pkcs11.wrapper.Slot s : module.getSlotList(tokenPresent)) {
        out.add(s.getSlotID());
      }
      return out;
    } catch (PKCS11Exception e) {
      throw ck(e);
    }
  }

  @Override
  public Slot slot(long slotId) throws Ck {
    try {
      SlotInfo i = slotObject(slotId).getSlotInfo();
      return new Slot(
          slotId,
          trim(i.getSlotDescription()),
          trim(i.getManufacturerID()),
          i.isTokenPresent(),
          i.isRemovableDevice());
    } catch (PKCS11Exception e) {
      throw ck(e);
    }
  }

  @Override
  public Token token(long slotId) throws Ck {
    try {
      TokenInfo i = slotObject(slotId).getToken().getTokenInfo();
      return new Token(
          trim(i.getLabel()),
          trim(i.getSerialNumber()),
          trim(i.getModel()),
          trim(i.getManufacturerID()),
          i.getFlags(),
          i.getMaxSessionCount(),
          i.getMinPinLen(),
          i.getMaxPinLen());
    } catch (PKCS11Exception e) {
      throw ck(e);
    }
  }

  @Override
  public Session openSession(long slotId, boolean readWrite) throws Ck {
    try {
      return new XSession(slotObject(slotId).getToken().openSession(readWrite));
    } catch (PKCS11Exception e) {
      throw ck(e);
    }
  }

  private org.xipki.pkcs11.wrapper.Slot slotObject(long slotId) throws PKCS11Exception {
    for (org.xipki.pkcs11.wrapper.Slot s : module.getSlotList(false)) {
      if (s.getSlotID() == slotId) {
        return s;
      }
    }
    throw new PKCS11Exception(PKCS11Constants.CKR_SLOT_ID_INVALID);
  }

  private final class XSession implements Session {
    private final org.xipki.pkcs11.wrapper.Session s;

    XSession(org.xipki.pkcs11.wrapper.Session s) {
      this.s = s;
    }

    @Override
    public long handle() {
      return s.getSessionHandle();
    }

    @Override
    public void login(long userType, char[] pin) throws Ck {
      try {
        s.login(userType, pin);
      } catch (PKCS11Exception e) {
        throw ck(e);
      }
    }

    @Override
    public void logout() throws Ck {
      try {
        s.logout();
      } catch (PKCS11Exception e) {
        throw ck(e);
      }
    }

    @Override
    public void setPin(char[] oldPin, char[] newPin) throws Ck {
      try {
        s.setPIN(oldPin, newPin);
      } catch (PKCS11Exception e) {
        throw ck(e);
      }
    }

    @Override
    public void initPin(char[] newPin) throws Ck {
      try {
        s.initPIN(newPin);
      } catch (PKCS11Exception e) {
        throw ck(e);
      }
    }

    @Override
    public List<KeyObject> privateKeys(byte[] id) throws Ck {
      try {
        AttributeVector template = AttributeVector.newPrivateKey();
        if (id != null) {
          template.id(id);
        }
        List<KeyObject> out = new ArrayList<>();
        for (long h : s.findAllObjectsSingle(template)) {
          AttributeVector a =
              s.getAttrValues(
                  h,
                  PKCS11Constants.CKA_ID,
                  PKCS11Constants.CKA_LABEL,
                  PKCS11Constants.CKA_KEY_TYPE);
          Boolean always = null;
          try {
            always =
                s.getAttrValues(h, PKCS11Constants.CKA_ALWAYS_AUTHENTICATE).alwaysAuthenticate();
          } catch (PKCS11Exception | RuntimeException e) {
            // attribute not supported by this token: no context-specific login
          }
          out.add(
              new KeyObject(
                  h,
                  a.id() == null ? new byte[0] : a.id(),
                  a.label() == null ? "" : a.label(),
                  a.keyType() == null ? -1 : a.keyType(),
                  Boolean.TRUE.equals(always)));
        }
        return out;
      } catch (PKCS11Exception e) {
        throw ck(e);
      }
    }

    @Override
    public List<CertObject> certificates() throws Ck {
      try {
        List<CertObject> out = new ArrayList<>();
        for (long h : s.findAllObjectsSingle(AttributeVector.newX509Certificate())) {
          AttributeVector a =
              s.getAttrValues(
                  h, PKCS11Constants.CKA_ID, PKCS11Constants.CKA_LABEL, PKCS11Constants.CKA_VALUE);
          if (a.value() != null) {
            out.add(
                new CertObject(
                    a.id() == null ? new byte[0] : a.id(),
                    a.label() == null ? "" : a.label(),
                    a.value()));
          }
        }
        return out;
      } catch (PKCS11Exception e) {
        throw ck(e);
      }
    }

    @Override
    public byte[] sign(
        long mechanism,
        long pssHash,
        long pssMgf,
        int pssSalt,
        long key,
        byte[] data,
        char[] contextPin)
        throws Ck {
      try {
        Mechanism m =
            mechanism == PKCS11Constants.CKM_RSA_PKCS_PSS
                ? new Mechanism(mechanism, new RSA_PKCS_PSS_PARAMS(pssHash, pssMgf, pssSalt))
                : new Mechanism(mechanism);
        s.signInit(m, key);
        if (contextPin != null) {
          s.login(CKU_CONTEXT_SPECIFIC, contextPin);
        }
        return s.sign(data);
      } catch (PKCS11Exception e) {
        throw ck(e);
      }
    }

    @Override
    public void close() {
      try {
        s.closeSession();
      } catch (PKCS11Exception | RuntimeException e) {
        // a session of a removed token is already gone
      }
    }
  }

  static Ck ck(PKCS11Exception e) {
    return new Ck(e.getErrorCode(), e.getErrorName(), e);
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }
}
