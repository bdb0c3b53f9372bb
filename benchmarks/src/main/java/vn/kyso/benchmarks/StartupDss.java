package vn.kyso.benchmarks;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import java.lang.management.ManagementFactory;
import java.security.KeyStore;
import java.util.List;

/**
 * The start-up probe for the EU DSS library: the same minimal program as {@link StartupKyso},
 * written as DSS's documentation shows, run on DSS's own class path by benchmarks/startup.sh.
 */
public final class StartupDss {
  private StartupDss() {}

  /**
   * Signs {@code IN} into {@code OUT} with the key of {@code P12} (password {@code PASSWORD}).
   *
   * @param args IN OUT P12 PASSWORD
   * @throws Exception when signing fails
   */
  public static void main(String[] args) throws Exception {
    try (Pkcs12SignatureToken token =
        new Pkcs12SignatureToken(args[2], new KeyStore.PasswordProtection(args[3].toCharArray()))) {
      DSSPrivateKeyEntry key = token.getKeys().get(0);
      PAdESSignatureParameters p = new PAdESSignatureParameters();
      p.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
      p.setDigestAlgorithm(DigestAlgorithm.SHA256);
      p.setSigningCertificate(key.getCertificate());
      p.setCertificateChain(List.of(key.getCertificateChain()));
      PAdESService service = new PAdESService(new CommonCertificateVerifier());
      DSSDocument doc = new FileDocument(args[0]);
      ToBeSigned tbs = service.getDataToSign(doc, p);
      SignatureValue value = token.sign(tbs, DigestAlgorithm.SHA256, key);
      service.signDocument(doc, p, value).save(args[1]);
    }
    System.out.println(
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
  }
}
