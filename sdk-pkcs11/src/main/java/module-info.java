/**
 * Hardware tokens for the Kyso SDK through PKCS#11: slots, keys, PIN state and change, sessions and
 * batch signing.
 *
 * <p>The PKCS#11 wrapper (org.xipki:ipkcs11wrapper) has no module descriptor; it is read as the
 * automatic module {@code ipkcs11wrapper}, the name its jar file gives it.
 */
module vn.kyso.pkcs11 {
  requires transitive vn.kyso.api;
  requires ipkcs11wrapper;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires org.slf4j;

  exports vn.kyso.pkcs11;
}
