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
    Reports reports = offline(new File(args[0]), DSSUtils.loadCertificate(new File(args[1])));
    for (String id : reports.getSimpleReport().getSignatureIdList()) {
      System.out.println(
          String.format(Locale.ROOT, "%s %s", id, reports.getSimpleReport().getIndication(id)));
    }
  }

  /**
   * Validates with DSS's default policy, the one anchor trusted and no revocation sources
   * (offline). DSS and JDK types only: this class runs on DSS's own class path.
   *
   * @param file the signed file
   * @param anchor the trust anchor
   * @return DSS's reports
   */
  static Reports offline(File file, CertificateToken anchor) {
    CommonCertificateVerifier cv = new CommonCertificateVerifier();
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    trusted.addCertificate(anchor);
    cv.setTrustedCertSources(trusted);
    cv.setAIASource(null);
    cv.setCrlSource(null);
    cv.setOcspSource(null);
    SignedDocumentValidator validator =
        SignedDocumentValidator.fromDocument(new FileDocument(file));
    validator.setCertificateVerifier(cv);
    return validator.validateDocument();
  }
}
