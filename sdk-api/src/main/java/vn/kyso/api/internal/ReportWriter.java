package vn.kyso.api.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.api.validation.ValidationReport;

/** Renders a {@link ValidationReport} as JSON (jackson-core streaming) or text. */
public final class ReportWriter {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ReportWriter() {}

  /**
   * Writes JSON.
   *
   * @param report the report
   * @param out the writer
   * @throws IOException if writing fails
   */
  public static void json(ValidationReport report, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("document", report.documentName());
      g.writeStringField("validationTime", report.validationTime().toString());
      g.writeStringField("indication", report.overall().name());
      g.writeArrayFieldStart("signatures");
      for (SignatureResult s : report.signatures()) {
        signature(g, s);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("documentTimestamps");
      for (SignatureResult t : report.documentTimestamps()) {
        signature(g, t);
      }
      g.writeEndArray();
      findings(g, "documentFindings", report.documentFindings());
      if (report.policyDecision().isPresent()) {
        policy(g, report.policyDecision().get());
      }
      g.writeEndObject();
    }
  }

  private static void signature(JsonGenerator g, SignatureResult s) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("format", s.format().name());
    g.writeStringField("level", s.level().name());
    g.writeBooleanField("validationDataUsable", s.validationDataUsable());
    g.writeStringField("indication", s.indication().name());
    if (s.subIndication().isPresent()) {
      g.writeStringField("subIndication", s.subIndication().get().name());
    }
    if (s.signer().isPresent()) {
      identity(g, s.signer().get());
    }
    if (s.signingCertificate().isPresent()) {
      certificate(g, "signingCertificate", s.signingCertificate().get());
    }
    time(g, "claimedSigningTime", s.claimedSigningTime().orElse(null));
    time(g, "bestSignatureTime", s.bestSignatureTime().orElse(null));
    if (!s.timestamps().isEmpty()) {
      g.writeArrayFieldStart("timestamps");
      for (TimestampResult t : s.timestamps()) {
        g.writeStartObject();
        g.writeStringField("kind", t.kind().name());
        if (!t.id().isEmpty()) {
          g.writeStringField("id", t.id());
        }
        g.writeStringField("time", t.time().toString());
        g.writeStringField("tsa", t.tsaName());
        g.writeStringField("indication", t.indication().name());
        if (t.subIndication() != null) {
          g.writeStringField("subIndication", t.subIndication().name());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeStringField("scope", s.scope());
    g.writeStringField("scopeVi", s.scope(Messages.VIETNAMESE));
    if (s.certificateResult().isPresent()) {
      CertificateResult c = s.certificateResult().get();
      g.writeObjectFieldStart("certificateValidation");
      g.writeStringField("indication", c.indication().name());
      if (c.subIndication().isPresent()) {
        g.writeStringField("subIndication", c.subIndication().get().name());
      }
      g.writeStringField("validationTime", c.validationTime().toString());
      g.writeArrayFieldStart("chain");
      for (X509Certificate x : c.chain()) {
        g.writeStartObject();
        g.writeStringField("subject", Certificates.readableName(x.getSubjectX500Principal()));
        g.writeStringField("sha256", Certificates.sha256Fingerprint(x));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("revocation");
      for (RevocationEvidence e : c.revocation()) {
        g.writeStartObject();
        g.writeStringField(
            "subject", Certificates.readableName(e.certificate().getSubjectX500Principal()));
        g.writeStringField("kind", e.kind().name());
        g.writeStringField("origin", e.origin().name());
        g.writeStringField("status", e.status().name());
        g.writeStringField("thisUpdate", e.thisUpdate().toString());
        time(g, "nextUpdate", e.nextUpdate().orElse(null));
        time(g, "revocationTime", e.revocationTime().orElse(null));
        if (e.reason().isPresent()) {
          g.writeStringField("reason", e.reason().get());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    findings(g, "findings", s.findings());
    if (s.policyDecision().isPresent()) {
      policy(g, s.policyDecision().get());
    }
    g.writeEndObject();
  }

  private static void policy(JsonGenerator g, PolicyDecision d) throws IOException {
    g.writeObjectFieldStart("policy");
    g.writeStringField("verdict", d.verdict().name());
    g.writeStringField("asOf", d.asOf().toString());
    g.writeArrayFieldStart("packs");
    for (String p : d.packs()) {
      g.writeString(p);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("outcomes");
    for (PolicyOutcome o : d.outcomes().stream().sorted().toList()) {
      g.writeString(o.name());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("findings");
    for (PolicyFinding f : d.findings()) {
      g.writeStartObject();
      g.writeStringField("rule", f.ruleId());
      g.writeStringField("pack", f.packId());
      g.writeStringField("code", f.code());
      g.writeStringField("severity", f.severity().name());
      g.writeStringField("en", f.messageEn());
      g.writeStringField("vi", f.messageVi());
      g.writeStringField("source", f.citation().document());
      g.writeStringField("article", f.citation().article());
      g.writeStringField("jurisdiction", f.citation().jurisdiction());
      g.writeStringField("confidence", f.citation().confidence());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("satisfied");
    for (PolicyFinding f : d.satisfied()) {
      g.writeStartObject();
      g.writeStringField("rule", f.ruleId());
      g.writeStringField("pack", f.packId());
      g.writeStringField("en", f.messageEn());
      g.writeStringField("vi", f.messageVi());
      g.writeStringField("source", f.citation().document());
      g.writeStringField("article", f.citation().article());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (d.override().isPresent()) {
      g.writeObjectFieldStart("override");
      g.writeStringField("by", d.override().get().by());
      g.writeStringField("reason", d.override().get().reason());
      g.writeStringField("at", d.override().get().at().toString());
      g.writeArrayFieldStart("rules");
      for (String r : d.override().get().ruleIds().stream().sorted().toList()) {
        g.writeString(r);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void identity(JsonGenerator g, SignerIdentity id) throws IOException {
    g.writeObjectFieldStart("signer");
    g.writeStringField("name", id.name());
    if (id.title().isPresent()) {
      g.writeStringField("title", id.title().get());
    }
    g.writeArrayFieldStart("organisation");
    for (String o : id.organisationChain()) {
      g.writeString(o);
    }
    g.writeEndArray();
    g.writeStringField("subjectType", id.subjectType().name());
    if (id.email().isPresent()) {
      g.writeStringField("email", id.email().get());
    }
    g.writeStringField("distinguishedName", id.distinguishedName());
    g.writeEndObject();
  }

  private static void certificate(JsonGenerator g, String field, X509Certificate c)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("serialNumber", c.getSerialNumber().toString(16));
    g.writeStringField("issuer", Certificates.readableName(c.getIssuerX500Principal()));
    g.writeStringField("notBefore", c.getNotBefore().toInstant().toString());
    g.writeStringField("notAfter", c.getNotAfter().toInstant().toString());
    g.writeStringField("sha256", Certificates.sha256Fingerprint(c));
    g.writeEndObject();
  }

  private static void findings(JsonGenerator g, String field, List<Finding> findings)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Finding f : findings) {
      g.writeStartObject();
      g.writeStringField("code", f.code());
      g.writeStringField("severity", f.severity().name());
      g.writeStringField("en", f.messageEn());
      g.writeStringField("vi", f.messageVi());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void time(JsonGenerator g, String field, Instant t) throws IOException {
    if (t != null) {
      g.writeStringField(field, t.toString());
    }
  }

  /**
   * Renders text.
   *
   * @param report the report
   * @param locale the language
   * @return the text
   */
  public static String text(ValidationReport report, Locale locale) {
    Messages m = Messages.API;
    StringBuilder sb = new StringBuilder();
    sb.append(
            m.format(
                locale,
                "report.header",
                report.documentName(),
                local(report.validationTime()),
                m.format(locale, "indication." + report.overall().name())))
        .append('\n');
    int n = 0;
    for (SignatureResult s : report.signatures()) {
      n++;
      signatureText(sb, m, locale, n, s);
    }
    n = 0;
    for (SignatureResult t : report.documentTimestamps()) {
      n++;
      sb.append(
              m.format(
                  locale,
                  "report.documentTimestamp",
                  n,
                  t.id(),
                  m.format(locale, "indication." + t.indication().name()),
                  t.subIndication().map(Enum::name).orElse("-")))
          .append('\n');
      t.signingCertificate()
          .ifPresent(
              c ->
                  sb.append("  ")
                      .append(
                          m.format(
                              locale,
                              "report.tsa",
                              Certificates.readableName(c.getSubjectX500Principal())))
                      .append('\n'));
      t.bestSignatureTime()
          .ifPresent(
              x ->
                  sb.append("  ")
                      .append(m.format(locale, "report.provenTime", local(x)))
                      .append('\n'));
      if (!t.scope().isEmpty()) {
        sb.append("  ").append(m.format(locale, "report.scope", t.scope(locale))).append('\n');
      }
      findingsText(sb, t.findings(), locale, "  ");
    }
    findingsText(sb, report.documentFindings(), locale, "");
    report.policyDecision().ifPresent(d -> indent(sb, d.toText(locale), ""));
    return sb.toString();
  }

  private static void signatureText(
      StringBuilder sb, Messages m, Locale locale, int n, SignatureResult s) {
    sb.append(
            m.format(
                locale,
                "report.signature",
                n,
                s.id(),
                m.format(locale, "format." + s.format().name()),
                s.level().name().replace('_', '-'),
                m.format(locale, "indication." + s.indication().name()),
                s.subIndication().map(Enum::name).orElse("-")))
        .append('\n');
    s.signer()
        .ifPresent(
            id ->
                sb.append("  ")
                    .append(
                        m.format(
                            locale,
                            "report.signer",
                            id.name(),
                            id.title().orElse("-"),
                            String.join(" / ", id.organisationChain())))
                    .append('\n'));
    s.claimedSigningTime()
        .ifPresent(
            t ->
                sb.append("  ")
                    .append(m.format(locale, "report.claimedTime", local(t)))
                    .append('\n'));
    s.bestSignatureTime()
        .ifPresent(
            t ->
                sb.append("  ")
                    .append(m.format(locale, "report.provenTime", local(t)))
                    .append('\n'));
    for (TimestampResult t : s.timestamps()) {
      sb.append("  ")
          .append(
              m.format(
                  locale,
                  "report.timestamp." + t.kind().name(),
                  local(t.time()),
                  t.tsaName().isEmpty() ? "-" : t.tsaName(),
                  m.format(locale, "indication." + t.indication().name()),
                  t.id()))
          .append('\n');
    }
    if (s.level() != SignatureLevel.NONE && s.level() != SignatureLevel.B_B) {
      sb.append("  ")
          .append(
              m.format(
                  locale,
                  "report.level",
                  s.level().name().replace('_', '-'),
                  m.format(locale, s.validationDataUsable() ? "report.usable" : "report.unusable")))
          .append('\n');
    }
    if (!s.scope().isEmpty()) {
      sb.append("  ").append(m.format(locale, "report.scope", s.scope(locale))).append('\n');
    }
    findingsText(sb, s.findings(), locale, "  ");
    s.policyDecision().ifPresent(d -> indent(sb, d.toText(locale), "  "));
  }

  private static void findingsText(
      StringBuilder sb, List<Finding> findings, Locale locale, String indent) {
    for (Finding f : findings) {
      sb.append(indent)
          .append("[")
          .append(Messages.API.format(locale, "severity." + f.severity().name()))
          .append("] ")
          .append(f.code())
          .append(": ")
          .append(f.message(locale))
          .append('\n');
    }
  }

  /** Vietnam time (UTC+07:00, no daylight saving) for people; JSON keeps ISO-8601 UTC. */
  private static String local(Instant t) {
    return Messages.vietnamTime(t);
  }

  private static void indent(StringBuilder sb, String text, String prefix) {
    for (String line : text.split("\n")) {
      sb.append(prefix).append(line).append('\n');
    }
  }
}
