package vn.kyso.xades.internal;

import java.security.Key;
import java.security.MessageDigest;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.utils.XMLUtils;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XML-DSig core validation and reference digests: what Santuario's {@code
 * XMLSignature.checkSignatureValue} and {@code SignedInfo.generateDigestValues} do, in the same
 * order and with the same outcome, except that a whole-document enveloped reference is digested by
 * {@link EnvelopedDigest} in one walk of the DOM. Every other reference goes through Santuario's
 * own processing, secure validation included.
 */
public final class CoreValidation {
  private CoreValidation() {}

  /**
   * The outcome of core validation.
   *
   * @param valueVerifies the signature value verifies over the canonical {@code SignedInfo}
   * @param references each reference's digest matched, in {@code SignedInfo} order
   */
  public record Result(boolean valueVerifies, boolean[] references) {
    /**
     * @return the value verifies and every reference's digest matches
     */
    public boolean valid() {
      if (!valueVerifies) {
        return false;
      }
      for (boolean r : references) {
        if (!r) {
          return false;
        }
      }
      return true;
    }

    /**
     * @param i the reference's index in {@code SignedInfo}
     * @return false when that reference's digest does not match
     */
    public boolean referenceFailed(int i) {
      return !references[i];
    }
  }

  /**
   * Checks the signature value over the canonical {@code SignedInfo}, then each reference (also
   * when the value does not verify, so that a report can say which parts changed).
   *
   * @param sig the signature
   * @param key the signer's public key
   * @return the outcome
   * @throws XMLSecurityException when a reference cannot be processed (as Santuario throws)
   */
  public static Result check(XMLSignature sig, Key key) throws XMLSecurityException {
    SignedInfo si = sig.getSignedInfo();
    SignatureAlgorithm sa = si.getSignatureAlgorithm();
    sa.initVerify(key);
    try {
      sa.update(si.getCanonicalizedOctetStream());
    } catch (java.io.IOException e) {
      throw new XMLSecurityException(e);
    }
    boolean value = sa.verify(sig.getSignatureValue());
    if (si.getLength() == 0) {
      throw new XMLSecurityException("empty", new Object[] {"Reference count is zero"});
    }
    boolean[] matched = new boolean[si.getLength()];
    for (int i = 0; i < matched.length; i++) {
      Reference ref = si.item(i);
      byte[] own = EnvelopedDigest.digest(ref.getElement(), sig.getElement());
      matched[i] = own != null ? MessageDigest.isEqual(own, ref.getDigestValue()) : ref.verify();
    }
    return new Result(value, matched);
  }

  /**
   * Computes and writes every reference's {@code DigestValue}, as {@code
   * SignedInfo.generateDigestValues} does.
   *
   * @param sig the signature being built, in its document
   * @throws XMLSecurityException when a reference cannot be processed
   */
  public static void digestReferences(XMLSignature sig) throws XMLSecurityException {
    SignedInfo si = sig.getSignedInfo();
    for (int i = 0; i < si.getLength(); i++) {
      Reference ref = si.item(i);
      byte[] own = EnvelopedDigest.digest(ref.getElement(), sig.getElement());
      if (own == null) {
        ref.generateDigestValue();
        continue;
      }
      Element value = null;
      for (Node n = ref.getElement().getFirstChild(); n != null; n = n.getNextSibling()) {
        if (Xades.DS.equals(n.getNamespaceURI()) && "DigestValue".equals(n.getLocalName())) {
          value = (Element) n;
        }
      }
      if (value == null) {
        ref.generateDigestValue();
        continue;
      }
      value.setTextContent(XMLUtils.encodeToString(own));
    }
  }
}
