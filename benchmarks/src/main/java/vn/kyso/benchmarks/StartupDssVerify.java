package vn.kyso.benchmarks;

import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.File;
import java.util.Locale;

/**
 * The cold-verification probe for the EU DSS library: validates a signed PDF offline against one
 * trust anchor, as DSS's documentation shows, and prints each signature's indication. Run on DSS's
 * own class path by benchmarks/startup.sh, beside {@code kyso verify --offline} of the same file.
 */
public final class StartupDssVerify {
  private StartupDssVerify() {}

  /**
   * Validates {@code FILE} with {@code ANCHOR} trusted and no revocation sources.
   *
   * @param args FILE ANCHOR (PEM or DER)
   */
  public static void main(String[] args) {
    CertificateToken anchor = DSSUtils.loadCertificate(new File(args[1]));
    CommonCertificateVerifier cv = new CommonCertificateVerifier();
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    trusted.addCertificate(anchor);
    cv.setTrustedCertSources(trusted);
    cv.setAIASource(null);
    cv.setCrlSource(null);
    cv.setOcspSource(null);
    SignedDocumentValidator validator =
        SignedDocumentValidator.fromDocument(new FileDocument(new File(args[0])));
    validator.setCertificateVerifier(cv);
    Reports reports = validator.validateDocument();
    for (String id : reports.getSimpleReport().getSignatureIdList()) {
      System.out.println(
          String.format(Locale.ROOT, "%s %s", id, reports.getSimpleReport().getIndication(id)));
    }
  }
}
