package vn.kyso.benchmarks;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import eu.europa.esig.dss.token.SignatureTokenConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import vn.kyso.testkit.TestCredential;

/**
 * The EU DSS library (6.x) driven the way its documentation shows, for the side-by-side PAdES
 * cases: baseline signing with a PKCS#12 key or any DSS token, and validation against one trust
 * anchor with no revocation sources (offline). Outputs are written to a temporary file and moved
 * into place, as Kyso does, so both pay for the same disk work.
 */
final class Dss implements AutoCloseable {
  private static final char[] P12_PASSWORD = "kyso-bench".toCharArray();

  private final SignatureTokenConnection token;
  private final DSSPrivateKeyEntry key;
  private final PAdESService pades;
  private final X509Certificate anchor;

  private Dss(SignatureTokenConnection token, X509Certificate anchor, URI tsa) {
    this.token = token;
    this.key = token.getKeys().get(0);
    this.anchor = anchor;
    CommonCertificateVerifier cv = new CommonCertificateVerifier();
    this.pades = new PAdESService(cv);
    if (tsa != null) {
      OnlineTSPSource tsp = new OnlineTSPSource(tsa.toString());
      pades.setTspSource(tsp);
    }
  }

  /** DSS with the credential's key from a PKCS#12 file (DSS's own software token). */
  static Dss withPkcs12(TestCredential credential, X509Certificate anchor, URI tsa) {
    return new Dss(
        new Pkcs12SignatureToken(
            credential.toPkcs12(P12_PASSWORD), new KeyStore.PasswordProtection(P12_PASSWORD)),
        anchor,
        tsa);
  }

  /** DSS with a key of a DSS token (e.g. its PKCS#11 token). */
  static Dss withToken(SignatureTokenConnection token, X509Certificate anchor) {
    return new Dss(token, anchor, null);
  }

  /** PAdES baseline signing: getDataToSign, the token's signature, signDocument, then saved. */
  void signPdf(Path in, Path out, SignatureLevel level) throws IOException {
    PAdESSignatureParameters p = new PAdESSignatureParameters();
    p.setSignatureLevel(level);
    p.setDigestAlgorithm(DigestAlgorithm.SHA256);
    p.setSigningCertificate(key.getCertificate());
    p.setCertificateChain(List.of(key.getCertificateChain()));
    p.setReason("Phát hành / Issued");
    if (level != SignatureLevel.PAdES_BASELINE_B) {
      p.setContentSize(32 * 1024); // room for the time-stamp token (DSS reserves 9.5 KB by default)
    }
    DSSDocument doc = new FileDocument(in.toFile());
    ToBeSigned tbs = pades.getDataToSign(doc, p);
    SignatureValue value = token.sign(tbs, DigestAlgorithm.SHA256, key);
    save(pades.signDocument(doc, p, value), out);
  }

  /** Full validation with DSS's default policy, the one anchor trusted, no revocation sources. */
  Indication verify(Path signed) {
    return DssXadesBenchmark.offlineIndication(signed, new CertificateToken(anchor));
  }

  private static void save(DSSDocument signed, Path out) throws IOException {
    DssXadesBenchmark.saveAtomically(signed, out);
  }

  @Override
  public void close() {
    token.close();
  }
}
