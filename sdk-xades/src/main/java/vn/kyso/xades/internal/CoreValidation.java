package vn.kyso.xades.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Map;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.utils.XMLUtils;
import org.w3c.dom.Element;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.shared.SafeXml;

/**
 * XML-DSig core validation and reference digests: what Santuario's {@code
 * XMLSignature.checkSignatureValue} and {@code SignedInfo.generateDigestValues} do, in the same
 * order and with the same outcome, except that a whole-document enveloped reference is digested by
 * {@link EnvelopedDigest} in one walk of the DOM, and a {@code #id} reference with only exclusive
 * c14n is canonicalised directly (where IDs are known unique). Every other reference goes through
 * Santuario's own processing, secure validation included.
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
    return check(sig, key, false, null);
  }

  /**
   * Checks the signature value over the canonical {@code SignedInfo}, then each reference (also
   * when the value does not verify, so that a report can say which parts changed).
   *
   * @param sig the signature
   * @param key the signer's public key
   * @param idsUnique the caller has refused documents in which an ID value repeats, so a
   *     same-document {@code #id} reference need not search the document for a second element with
   *     its ID (Santuario's secure validation does that search for every such reference)
   * @param documentDigests the digests of the document without any signature, by algorithm, kept
   *     for the document's other signatures while the caller does not change the document; or null
   * @return the outcome
   * @throws XMLSecurityException when a reference cannot be processed (as Santuario throws)
   */
  public static Result check(
      XMLSignature sig, Key key, boolean idsUnique, Map<DigestAlgorithm, byte[]> documentDigests)
      throws XMLSecurityException {
    SignedInfo si = sig.getSignedInfo();
    SignatureAlgorithm sa = si.getSignatureAlgorithm();
    sa.initVerify(key);
    try {
      sa.update(si.getCanonicalizedOctetStream());
    } catch (IOException e) {
      throw new XMLSecurityException(e);
    }
    boolean value = sa.verify(sig.getSignatureValue());
    if (si.getLength() == 0) {
      throw new XMLSecurityException("empty", new Object[] {"Reference count is zero"});
    }
    boolean[] matched = new boolean[si.getLength()];
    for (int i = 0; i < matched.length; i++) {
      Reference ref = si.item(i);
      byte[] own = ownDigest(ref, sig, idsUnique, documentDigests);
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
    digestReferences(sig, null);
  }

  /**
   * Computes and writes every reference's {@code DigestValue}, with the whole document's digest
   * already known (a skeleton's, from {@link StreamedXml}).
   *
   * @param sig the signature being built, in its document
   * @param documentDigests the digests of the document without any signature, by algorithm; or null
   * @throws XMLSecurityException when a reference cannot be processed
   */
  public static void digestReferences(
      XMLSignature sig, Map<DigestAlgorithm, byte[]> documentDigests) throws XMLSecurityException {
    SignedInfo si = sig.getSignedInfo();
    for (int i = 0; i < si.getLength(); i++) {
      Reference ref = si.item(i);
      // A signature being built is not under secure validation: Santuario does not search the
      // document for a repeated ID here either.
      byte[] own = ownDigest(ref, sig, true, documentDigests);
      if (own == null) {
        ref.generateDigestValue();
        continue;
      }
      Element value = SafeXml.child(ref.getElement(), Xades.DS, "DigestValue");
      if (value == null) {
        ref.generateDigestValue();
        continue;
      }
      value.setTextContent(XMLUtils.encodeToString(own));
    }
  }

  private static byte[] ownDigest(
      Reference ref,
      XMLSignature sig,
      boolean idsUnique,
      Map<DigestAlgorithm, byte[]> documentDigests)
      throws XMLSecurityException {
    byte[] own = EnvelopedDigest.digest(ref.getElement(), sig.getElement(), documentDigests);
    return own != null || !idsUnique ? own : fragmentDigest(ref.getElement());
  }

  /**
   * A same-document {@code #id} reference whose only transform is exclusive c14n without an {@code
   * InclusiveNamespaces} list: the exclusive canonical form of the element with that ID, which is
   * what Santuario's fragment resolver and transform produce. Anything else returns {@code null}.
   */
  static byte[] fragmentDigest(Element reference) throws XMLSecurityException {
    String uri = reference.getAttributeNS(null, "URI");
    if (uri.length() < 2 || uri.charAt(0) != '#' || uri.contains("(")) {
      return null;
    }
    Element transforms = SafeXml.child(reference, Xades.DS, "Transforms");
    Element only = transforms == null ? null : Xades.onlyChild(transforms, Xades.DS, "Transform");
    if (only == null
        || !Xades.EXC_C14N.equals(only.getAttributeNS(null, "Algorithm"))
        || only.getFirstChild() != null) {
      return null;
    }
    Element dm = SafeXml.child(reference, Xades.DS, "DigestMethod");
    DigestAlgorithm alg = dm == null ? null : Xades.digestOf(dm.getAttributeNS(null, "Algorithm"));
    Element target = reference.getOwnerDocument().getElementById(uri.substring(1));
    if (alg == null || target == null) {
      return null;
    }
    MessageDigest md = alg.newMessageDigest();
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
      Canonicalizer.getInstance(Xades.EXC_C14N).canonicalizeSubtree(target, out);
    } catch (IOException e) {
      throw new XMLSecurityException(e);
    }
    return md.digest();
  }
}
