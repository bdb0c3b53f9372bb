package vn.kyso.examples;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import vn.kyso.api.KysoException;
import vn.kyso.api.SignatureValue;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PreparedSignature;

/**
 * Example: two-phase signing in a web back end. The first request prepares the signature and hands
 * the browser plug-in (or a SIM PKI / HSM service) the digest to sign; the second request completes
 * it with the signature value. Between the two the server keeps only the state bytes (in the
 * session or a database); it never holds a key.
 *
 * <pre>{@code
 * // POST /documents/42/sign/prepare   (the browser sends the signer's certificate chain)
 * Prepared p = TwoPhaseWebSigning.prepare(signer, pdf, chain);
 * session.put("kyso-state", p.state());        // return p.digestBase64() to the plug-in
 * // POST /documents/42/sign/complete  (the plug-in returns the signature value)
 * TwoPhaseWebSigning.complete(signer, (byte[]) session.get("kyso-state"), pdf, signedPdf, value);
 * }</pre>
 */
public final class TwoPhaseWebSigning {
  private TwoPhaseWebSigning() {}

  /**
   * What the first request returns.
   *
   * @param state the state to keep until the second request
   * @param digestBase64 what the signer signs: the DigestInfo for RSA PKCS#1 v1.5 tokens
   * @param algorithm the signature algorithm the value must use
   */
  public record Prepared(byte[] state, String digestBase64, String algorithm) {}

  /**
   * First request: prepares a PAdES B-T signature.
   *
   * @param signer the shared signer (built once per application)
   * @param pdf the document; it must not change until the second request
   * @param chain the signer's certificate first, then its chain
   * @return the state and the digest to sign
   * @throws KysoException when the document cannot be signed or the policy refuses
   */
  public static Prepared prepare(PdfSigner signer, Path pdf, List<X509Certificate> chain)
      throws KysoException {
    PreparedSignature p =
        signer.prepare(pdf, PdfSignatureOptions.builder(PadesLevel.B_T).build(), chain);
    return new Prepared(
        p.toBytes(),
        Base64.getEncoder().encodeToString(p.dataToSign().digestInfo()),
        p.algorithm().name());
  }

  /**
   * Second request: checks the value against the certificate and writes the signed document.
   *
   * @param signer the shared signer
   * @param state the state from the first request
   * @param pdf the same document
   * @param out where the signed document goes
   * @param signatureValue the value the plug-in returned
   * @throws KysoException {@code SIGNATURE_VALUE_INVALID} for a value that does not verify, {@code
   *     PREPARED_STATE_INVALID} when the state or the document changed
   */
  public static void complete(
      PdfSigner signer, byte[] state, Path pdf, Path out, byte[] signatureValue)
      throws KysoException {
    PreparedSignature p = PreparedSignature.fromBytes(state);
    signer.complete(p, pdf, out, new SignatureValue(p.algorithm(), signatureValue));
  }
}
