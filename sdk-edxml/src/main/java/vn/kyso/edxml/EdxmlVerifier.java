package vn.kyso.edxml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.NameNormalizer;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.SubjectType;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.edxml.internal.EdxmlFindings;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.xades.XmlVerifier;

/**
 * Verifies an edXML message in one report: the header's XML signature when there is one (SHA-1, as
 * the national samples use, is reported as weak and does not pass), every signature of every
 * attached PDF and XML document with Kyso's verifiers, and the cross-check between the envelope and
 * the documents. Built once, immutable and thread-safe.
 *
 * <pre>{@code
 * EdxmlVerification v = EdxmlVerifier.builder(certificateVerifier).build()
 *     .verify(Path.of("den.edxml"), expectedByTheHost);   // expected: may be null
 * policy.review(v.report(), v.message().documentInfo());
 * }</pre>
 *
 * <p>Results: {@code header#ID} for the header signature, {@code ATTACHMENT#ID} for each signature
 * of an attached document (a nested edXML message in an attachment is verified too, one level
 * deep). Findings on the message: the reader's ({@code EDXML_ATTACHMENT_MISSING}, {@code
 * EDXML_ATTACHMENT_UNLISTED}, {@code EDXML_DUPLICATE_CONTENT_ID}, {@code
 * EDXML_CONTENT_TYPE_MISMATCH}); {@code EDXML_HEADER_SIGNATURE_NOT_XMLDSIG} (a Signature element in
 * the edXML namespace, which is no signature); {@code EDXML_NO_SIGNED_DOCUMENT} (no attached
 * document holds a valid signature: an error); {@code EDXML_ORGANISATION_MISMATCH} (no valid
 * organisation signature names the sender of the header); {@code EDXML_SIGNER_MISMATCH} (no valid
 * personal signature names the header's signer); {@code EDXML_DOCUMENT_ID_MISMATCH} (DocumentId
 * names another number); {@code EDXML_EXPECTED_MISMATCH} (the header differs from what the host
 * expected: number and notation, issuing organisation).
 *
 * @since 0.2
 */
public final class EdxmlVerifier {
  private final CertificateVerifier certificates;
  private final Clock clock;
  private final ResourceLimits limits;

  private EdxmlVerifier(Builder b) {
    this.certificates = b.certificates;
    this.clock = b.clock;
    this.limits = b.limits;
  }

  /**
   * @param certificateVerifier validates signer and TSA certificates
   * @return the builder
   */
  public static Builder builder(CertificateVerifier certificateVerifier) {
    return new Builder(certificateVerifier);
  }

  /**
   * Verifies a message.
   *
   * @param edxml the message; only read
   * @param expected what the host expects the header to say (number and notation, issuing
   *     organisation), or null
   * @return the message and the report
   * @throws DocumentException when the message cannot be read (see {@link EdxmlPackage#read})
   */
  public EdxmlVerification verify(Path edxml, DocumentInfo expected) throws DocumentException {
    Objects.requireNonNull(edxml, "edxml");
    EdxmlPackage message = EdxmlPackage.read(edxml, limits);
    ValidationReport.Builder report =
        ValidationReport.builder(String.valueOf(edxml.getFileName()), clock.instant());
    List<SignatureResult> documents = new ArrayList<>();
    check(message, edxml, "", report, documents, 0);
    crossCheck(message, expected, documents, report);
    return new EdxmlVerification(message, report.build());
  }

  private void check(
      EdxmlPackage message,
      Path file,
      String prefix,
      ValidationReport.Builder report,
      List<SignatureResult> documents,
      int depth)
      throws DocumentException {
    message.readingFindings().forEach(report::documentFinding);
    switch (message.headerSignature()) {
      case XMLDSIG -> {
        ValidationReport header =
            XmlVerifier.builder(certificates)
                .clock(clock)
                .limits(limits)
                .acceptPlainXmlDsig()
                .build()
                .verify(file, Map.of())
                .report();
        for (SignatureResult r : header.signatures()) {
          report.signature(SignatureResult.copyOf(r, prefix + "header#" + r.id()).build());
        }
      }
      case NOT_XMLDSIG ->
          report.documentFinding(
              EdxmlFindings.of("EDXML_HEADER_SIGNATURE_NOT_XMLDSIG", Severity.WARNING));
      default -> {
        // no header signature: the signatures that count are in the documents
      }
    }
    Path work;
    try {
      work = Files.createTempDirectory("kyso-edxml");
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, "temporary folder");
    }
    try {
      int n = 0;
      for (Attachment a : message.attachments()) {
        Path f = work.resolve("a" + n++);
        Files.write(f, a.data());
        String label = prefix + a.name();
        try {
          ValidationReport inner;
          if (a.actualType().equals("application/pdf")) {
            inner = PdfVerifier.builder(certificates).clock(clock).limits(limits).build().verify(f);
            inner
                .documentTimestamps()
                .forEach(
                    t ->
                        report.documentTimestamp(
                            SignatureResult.copyOf(t, label + "#" + t.id()).build()));
          } else if (a.actualType().equals("text/xml")) {
            if (depth == 0 && isEdxml(a.data())) {
              EdxmlPackage nested = EdxmlPackage.parse(a.data(), limits);
              check(nested, f, label + "/", report, documents, depth + 1);
              continue;
            }
            inner =
                XmlVerifier.builder(certificates)
                    .clock(clock)
                    .limits(limits)
                    .build()
                    .verify(f, Map.of())
                    .report();
          } else {
            report.documentFinding(
                EdxmlFindings.of("EDXML_ATTACHMENT_NOT_VERIFIED", Severity.INFO, a.name()));
            continue;
          }
          for (SignatureResult r : inner.signatures()) {
            SignatureResult copy = SignatureResult.copyOf(r, label + "#" + r.id()).build();
            report.signature(copy);
            documents.add(copy);
          }
          for (Finding x : inner.documentFindings()) {
            report.documentFinding(x);
          }
        } catch (DocumentException e) {
          report.documentFinding(
              EdxmlFindings.of(
                  "EDXML_ATTACHMENT_UNREADABLE", Severity.ERROR, a.name(), e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, "temporary file");
    } finally {
      vn.kyso.api.shared.Files2.deleteTree(work);
    }
  }

  private static boolean isEdxml(byte[] data) {
    String head =
        new String(data, 0, Math.min(data.length, 2048), java.nio.charset.StandardCharsets.UTF_8);
    return head.contains(EdxmlPackage.NS);
  }

  private static void crossCheck(
      EdxmlPackage message,
      DocumentInfo expected,
      List<SignatureResult> documents,
      ValidationReport.Builder report) {
    List<SignatureResult> valid = documents.stream().filter(SignatureResult::isPassed).toList();
    if (valid.isEmpty()) {
      report.documentFinding(EdxmlFindings.of("EDXML_NO_SIGNED_DOCUMENT", Severity.ERROR));
    }
    String sender = message.from().organName();
    List<SignerIdentity> organisations = new ArrayList<>();
    List<SignerIdentity> people = new ArrayList<>();
    for (SignatureResult r : valid) {
      r.signer()
          .ifPresent(
              s -> (s.subjectType() == SubjectType.ORGANISATION ? organisations : people).add(s));
    }
    if (!sender.isEmpty()
        && !organisations.isEmpty()
        && organisations.stream().noneMatch(o -> sameOrganisation(o, message.from()))) {
      report.documentFinding(
          EdxmlFindings.of(
              "EDXML_ORGANISATION_MISMATCH",
              Severity.WARNING,
              sender,
              String.join("; ", organisations.stream().map(EdxmlVerifier::organisation).toList())));
    }
    message
        .signer()
        .filter(s -> !s.fullName().isEmpty() && !people.isEmpty())
        .filter(s -> people.stream().noneMatch(p -> p.hasName(s.fullName())))
        .ifPresent(
            s ->
                report.documentFinding(
                    EdxmlFindings.of(
                        "EDXML_SIGNER_MISMATCH",
                        Severity.WARNING,
                        s.fullName(),
                        String.join(", ", people.stream().map(SignerIdentity::name).toList()))));
    if (message.documentId().isPresent() && message.numberSymbol().isPresent()) {
      String id = message.documentId().get();
      if (id.contains(",") && !id.endsWith("," + message.numberSymbol().get())) {
        report.documentFinding(
            EdxmlFindings.of(
                "EDXML_DOCUMENT_ID_MISMATCH", Severity.WARNING, id, message.numberSymbol().get()));
      }
    }
    if (expected != null) {
      expected
          .numberSymbol()
          .filter(n -> !message.numberSymbol().map(m -> same(m, n)).orElse(false))
          .ifPresent(
              n ->
                  report.documentFinding(
                      EdxmlFindings.of(
                          "EDXML_EXPECTED_MISMATCH",
                          Severity.ERROR,
                          "number/notation",
                          n,
                          message.numberSymbol().orElse("-"))));
      expected
          .issuingOrganisation()
          .filter(o -> !same(o, sender) && !same(o, message.from().organizationInCharge()))
          .ifPresent(
              o ->
                  report.documentFinding(
                      EdxmlFindings.of(
                          "EDXML_EXPECTED_MISMATCH", Severity.ERROR, "organisation", o, sender)));
    }
  }

  private static String organisation(SignerIdentity s) {
    return s.organisation().orElse(s.name());
  }

  private static boolean sameOrganisation(SignerIdentity s, Organ from) {
    String name = organisation(s);
    return same(name, from.organName())
        || same(name, from.organizationInCharge())
        || same(s.name(), from.organName());
  }

  private static boolean same(String a, String b) {
    return !a.isEmpty()
        && !b.isEmpty()
        && NameNormalizer.normalize(a).equals(NameNormalizer.normalize(b));
  }

  /** Builds an {@link EdxmlVerifier}. */
  public static final class Builder {
    private final CertificateVerifier certificates;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();

    private Builder(CertificateVerifier certificates) {
      this.certificates = Objects.requireNonNull(certificates, "certificateVerifier");
    }

    /**
     * @param value the clock of the report's validation time
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @param value the bounds for the message and the documents in it
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * @return the verifier
     */
    public EdxmlVerifier build() {
      return new EdxmlVerifier(this);
    }
  }
}
