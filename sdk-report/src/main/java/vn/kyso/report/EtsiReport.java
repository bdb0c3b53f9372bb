package vn.kyso.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.api.validation.ValidationReport;

/**
 * A verification report as the ETSI TS 119 102-2 XML validation report (namespace {@code
 * http://uri.etsi.org/19102/v1.4.1#}), for auditors' tools and archives.
 *
 * <p>One {@code SignatureValidationReport} per signature with its identifier (the PDF field name or
 * XML signature Id in {@code DAIdentifier}), the validation time and best signature time with the
 * time-stamp that proves it, the signing time and time-stamps as signature attributes, the signer,
 * the validation process (Basic, LTVM or LTA by the level reached), and the status: the ETSI main
 * indication and sub-indication URIs ({@code urn:etsi:019102:mainindication:…}, {@code
 * urn:etsi:019102:subindication:…}), the certificate chain, a revocation status when revoked, and
 * each Kyso finding and policy reason as additional report data ({@code urn:kyso:finding:CODE},
 * {@code urn:kyso:policy:…}). Kyso's own sub-indication {@code DISALLOWED_CHANGE}, which ETSI does
 * not define, is written as {@code urn:kyso:subindication:DISALLOWED_CHANGE}.
 *
 * <p>{@code SignatureValidationObjects} holds every certificate, OCSP response and CRL used (base64
 * DER) and every time-stamp with its own validation status; PDF document time-stamps appear there
 * too, as time-stamp objects. A document without signatures gets one report whose status is
 * INDETERMINATE, since the schema requires one. The output is valid against the schema the EU DSS
 * project ships ({@code specs-validation-report}); Kyso's tests check every report they make.
 */
public final class EtsiReport {
  /** The namespace of ETSI TS 119 102-2 V1.4.1. */
  public static final String NAMESPACE = "http://uri.etsi.org/19102/v1.4.1#";

  private static final String MAIN = "urn:etsi:019102:mainindication:";
  private static final String SUB = "urn:etsi:019102:subindication:";
  private static final String VO = "urn:etsi:019102:validationObject:";

  private EtsiReport() {}

  /**
   * Renders a report as XML.
   *
   * @param report the report
   * @return the XML, UTF-8
   */
  public static String toXml(ValidationReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(report, out);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Writes a report as UTF-8 XML.
   *
   * @param report the report
   * @param out the stream; not closed
   * @throws IOException when writing fails
   */
  public static void write(ValidationReport report, OutputStream out) throws IOException {
    Objects.requireNonNull(report, "report");
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      new Writer(x, report).document();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("could not write the ETSI report", e);
    }
  }

  /**
   * Writes a report to a file atomically.
   *
   * @param report the report
   * @param target the file
   * @throws IOException when writing fails; no partial file is left
   */
  public static void write(ValidationReport report, Path target) throws IOException {
    OutputFiles.write(target, out -> write(report, out));
  }

  /** One validation object: its id, type and how it is represented. */
  private record Vo(
      String id,
      String type,
      byte[] der,
      String uri,
      Instant poe,
      Indication ind,
      SubIndication sub) {}

  private static final class Writer {
    private final XMLStreamWriter x;
    private final ValidationReport report;
    private final Map<String, Vo> objects = new LinkedHashMap<>();

    Writer(XMLStreamWriter x, ValidationReport report) {
      this.x = x;
      this.report = report;
    }

    void document() throws XMLStreamException {
      x.writeStartDocument("UTF-8", "1.0");
      x.setPrefix("vr", NAMESPACE);
      x.writeStartElement("vr", "ValidationReport", NAMESPACE);
      x.writeNamespace("vr", NAMESPACE);
      int n = 0;
      for (SignatureResult s : report.signatures()) {
        signature(s, ++n);
      }
      if (report.signatures().isEmpty()) {
        start("SignatureValidationReport");
        start("SignatureValidationStatus");
        text("MainIndication", MAIN + "indeterminate");
        additional(report.documentFindings(), report.policyDecision());
        end();
        end();
      }
      n = 0;
      for (SignatureResult t : report.documentTimestamps()) {
        n++;
        Optional<X509Certificate> tsa = t.signingCertificate();
        tsa.ifPresent(this::certificate);
        t.certificateResult().ifPresent(this::material);
        objects.put(
            "D-" + n,
            new Vo(
                "D-" + n,
                VO + "timestamp",
                null,
                "urn:kyso:document-timestamp:" + t.id(),
                t.bestSignatureTime().orElse(null),
                t.indication(),
                t.subIndication().orElse(null)));
      }
      if (!objects.isEmpty()) {
        start("SignatureValidationObjects");
        for (Vo v : objects.values()) {
          object(v);
        }
        end();
      }
      x.writeEndElement();
      x.writeEndDocument();
    }

    private void signature(SignatureResult s, int n) throws XMLStreamException {
      String sid = "S-" + n;
      List<String> timestampIds = new ArrayList<>();
      int k = 0;
      for (TimestampResult t : s.timestamps()) {
        k++;
        String id = "T-" + n + "-" + k;
        timestampIds.add(id);
        t.tsa().ifPresent(this::certificate);
        objects.put(
            id,
            new Vo(
                id,
                VO + "timestamp",
                null,
                "urn:kyso:signature:" + urnPart(s.id()) + ":timestamp:" + k,
                t.time(),
                t.indication(),
                t.subIndication()));
      }
      s.signingCertificate().ifPresent(this::certificate);
      s.certificateResult().ifPresent(this::material);

      start("SignatureValidationReport");
      start("SignatureIdentifier");
      x.writeAttribute("id", sid);
      text("HashOnly", "false");
      text("DocHashOnly", "false");
      text("DAIdentifier", s.id());
      end();

      start("ValidationTimeInfo");
      text("ValidationTime", report.validationTime().toString());
      start("BestSignatureTime");
      text("POETime", s.bestSignatureTime().orElse(report.validationTime()).toString());
      text("TypeOfProof", "urn:etsi:019102:poetype:validation");
      Optional<String> proof = provingTimestamp(s, timestampIds);
      if (proof.isPresent()) {
        reference("POEObject", proof.get());
      }
      end();
      end();

      if (s.claimedSigningTime().isPresent() || !s.timestamps().isEmpty()) {
        start("SignatureAttributes");
        if (s.claimedSigningTime().isPresent()) {
          start("SigningTime");
          x.writeAttribute("Signed", "true");
          text("Time", s.claimedSigningTime().get().toString());
          end();
        }
        for (int i = 0; i < s.timestamps().size(); i++) {
          TimestampResult t = s.timestamps().get(i);
          start(
              t.kind() == TimestampResult.Kind.ARCHIVE ? "ArchiveTimeStamp" : "SignatureTimeStamp");
          x.writeAttribute("Signed", "false");
          reference("AttributeObject", timestampIds.get(i));
          text("TimeStampValue", t.time().toString());
          end();
        }
        end();
      }

      if (s.signingCertificate().isPresent()) {
        start("SignerInformation");
        reference("SignerCertificate", certificateId(s.signingCertificate().get()));
        text(
            "Signer",
            s.signer()
                .map(i -> i.distinguishedName())
                .orElse(
                    Certificates.readableName(
                        s.signingCertificate().get().getSubjectX500Principal())));
        end();
      }

      start("SignatureValidationProcess");
      text("SignatureValidationProcessID", process(s.level()));
      end();

      start("SignatureValidationStatus");
      text("MainIndication", main(s.indication()));
      if (s.subIndication().isPresent()) {
        text("SubIndication", sub(s.subIndication().get()));
      }
      start("AssociatedValidationReportData");
      if (s.certificateResult().isPresent()) {
        CertificateResult c = s.certificateResult().get();
        if (c.anchor().isPresent()) {
          reference("TrustAnchor", certificateId(c.anchor().get()));
        }
        if (!c.chain().isEmpty()) {
          start("CertificateChain");
          reference("SigningCertificate", certificateId(c.chain().get(0)));
          for (int i = 1; i < c.chain().size(); i++) {
            if (c.anchor().isPresent() && c.chain().get(i).equals(c.anchor().get())) {
              continue;
            }
            reference("IntermediateCertificate", certificateId(c.chain().get(i)));
          }
          if (c.anchor().isPresent()) {
            reference("TrustAnchor", certificateId(c.anchor().get()));
          }
          end();
        }
        for (RevocationEvidence e : c.revocation()) {
          reference("RelatedValidationObject", revocationId(e));
        }
        for (RevocationEvidence e : c.revocation()) {
          if (e.status() == RevocationEvidence.Status.REVOKED
              && e.revocationTime().isPresent()
              && e.certificate().equals(c.chain().isEmpty() ? null : c.chain().get(0))) {
            start("RevocationStatusInformation");
            reference("ValidationObjectId", certificateId(e.certificate()));
            text("RevocationTime", e.revocationTime().get().toString());
            if (e.reason().isPresent()) {
              text("RevocationReason", "urn:etsi:019102:revocationReason:" + e.reason().get());
            }
            reference("RevocationObject", revocationId(e));
            end();
            break;
          }
        }
      }
      for (String id : timestampIds) {
        reference("RelatedValidationObject", id);
      }
      List<Finding> findings = new ArrayList<>(s.findings());
      reportData(findings, s.policyDecision());
      end();
      end();
      end();
    }

    private void additional(List<Finding> findings, Optional<PolicyDecision> policy)
        throws XMLStreamException {
      if (findings.isEmpty() && policy.isEmpty()) {
        return;
      }
      start("AssociatedValidationReportData");
      reportData(findings, policy);
      end();
    }

    private void reportData(List<Finding> findings, Optional<PolicyDecision> policy)
        throws XMLStreamException {
      if (findings.isEmpty() && policy.isEmpty()) {
        return;
      }
      start("AdditionalValidationReportData");
      for (Finding f : findings) {
        typed("urn:kyso:finding:" + urnPart(f.code()), f.severity() + ": " + f.messageEn());
      }
      if (policy.isPresent()) {
        PolicyDecision d = policy.get();
        typed("urn:kyso:policy:verdict", d.verdict().name());
        for (PolicyFinding f : d.findings()) {
          typed(
              "urn:kyso:policy:rule:" + urnPart(f.ruleId()),
              f.severity()
                  + ": "
                  + f.messageEn()
                  + " ("
                  + f.citation().document()
                  + (f.citation().article().isEmpty() ? "" : ", " + f.citation().article())
                  + ")");
        }
      }
      end();
    }

    private void typed(String type, String value) throws XMLStreamException {
      start("ReportData");
      text("Type", type);
      text("Value", value);
      end();
    }

    private void object(Vo v) throws XMLStreamException {
      start("ValidationObject");
      x.writeAttribute("id", v.id());
      text("ObjectType", v.type());
      start("ValidationObjectRepresentation");
      if (v.der() != null) {
        text("base64", Base64.getEncoder().encodeToString(v.der()));
      } else {
        text("URI", v.uri());
      }
      end();
      if (v.poe() != null) {
        start("POE");
        text("POETime", v.poe().toString());
        text("TypeOfProof", "urn:etsi:019102:poetype:validation");
        end();
      }
      if (v.ind() != null) {
        start("ValidationReport");
        start("SignatureValidationStatus");
        text("MainIndication", main(v.ind()));
        if (v.sub() != null) {
          text("SubIndication", sub(v.sub()));
        }
        end();
        end();
      }
      end();
    }

    private void material(CertificateResult c) {
      c.chain().forEach(this::certificate);
      for (RevocationEvidence e : c.revocation()) {
        String id = revocationId(e);
        objects.putIfAbsent(
            id,
            new Vo(
                id,
                VO + (e.kind() == RevocationEvidence.Kind.OCSP ? "OCSPResponse" : "CRL"),
                e.encoded(),
                null,
                null,
                null,
                null));
        e.signerChain().forEach(this::certificate);
      }
    }

    private void certificate(X509Certificate c) {
      String id = certificateId(c);
      if (objects.containsKey(id)) {
        return;
      }
      try {
        objects.put(id, new Vo(id, VO + "certificate", c.getEncoded(), null, null, null, null));
      } catch (CertificateEncodingException e) {
        objects.put(
            id,
            new Vo(id, VO + "certificate", null, "urn:kyso:certificate:" + id, null, null, null));
      }
    }

    private void reference(String name, String id) throws XMLStreamException {
      x.writeEmptyElement("vr", name, NAMESPACE);
      x.writeAttribute("VOReference", id);
    }

    private void start(String name) throws XMLStreamException {
      x.writeStartElement("vr", name, NAMESPACE);
    }

    private void end() throws XMLStreamException {
      x.writeEndElement();
    }

    private void text(String name, String value) throws XMLStreamException {
      start(name);
      x.writeCharacters(clean(value));
      end();
    }
  }

  /** The time-stamp whose time is the best signature time, when one proves it. */
  private static Optional<String> provingTimestamp(SignatureResult s, List<String> ids) {
    if (s.bestSignatureTime().isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < s.timestamps().size(); i++) {
      TimestampResult t = s.timestamps().get(i);
      if (t.isPassed() && t.time().equals(s.bestSignatureTime().get())) {
        return Optional.of(ids.get(i));
      }
    }
    return Optional.empty();
  }

  private static String certificateId(X509Certificate c) {
    return "C-"
        + Certificates.sha256Fingerprint(c).replace(":", "").toUpperCase(java.util.Locale.ROOT);
  }

  private static String revocationId(RevocationEvidence e) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(e.encoded());
      return (e.kind() == RevocationEvidence.Kind.OCSP ? "O-" : "R-")
          + java.util.HexFormat.of().withUpperCase().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException x) {
      throw new IllegalStateException("SHA-256 is always present", x);
    }
  }

  private static String process(SignatureLevel level) {
    return switch (level) {
      case B_LTA -> "urn:etsi:019102:validationprocess:LTA";
      case B_T, B_LT -> "urn:etsi:019102:validationprocess:LTVM";
      default -> "urn:etsi:019102:validationprocess:Basic";
    };
  }

  private static String main(Indication i) {
    return MAIN
        + switch (i) {
          case TOTAL_PASSED -> "total-passed";
          case TOTAL_FAILED -> "total-failed";
          case INDETERMINATE -> "indeterminate";
        };
  }

  private static String sub(SubIndication s) {
    return s == SubIndication.DISALLOWED_CHANGE
        ? "urn:kyso:subindication:" + s.name()
        : SUB + s.name();
  }

  /** A value safe inside a URN: letters, digits and {@code -._~}, others percent-encoded. */
  private static String urnPart(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_') {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
      }
    }
    return sb.toString();
  }

  /** XML 1.0 cannot carry most control characters: they are dropped. */
  private static String clean(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    value
        .codePoints()
        .filter(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
