package vn.kyso.report.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.api.validation.ValidationReport;

/**
 * What a person reads in a verification report, in one language, computed once from a {@link
 * ValidationReport}: the HTML page and the printable PDF both render this, so they say the same.
 *
 * @param title the report's title
 * @param documentName the file checked
 * @param validatedAt when, in Vietnam time
 * @param tone the colour of the verdict
 * @param verdict the verdict in words
 * @param verdictDetail one sentence saying what the verdict means
 * @param facts the document's own rows (signature count, policy packs, ...)
 * @param blocks one per signature, then one per document time-stamp
 * @param documentFindings findings about the document as a whole
 * @param documentPolicy the policy decision on the document, when a policy reviewed it
 * @param footer who made the report and what it does not say
 */
public record Sheet(
    String title,
    String documentName,
    String validatedAt,
    Tone tone,
    String verdict,
    String verdictDetail,
    List<Row> facts,
    List<Block> blocks,
    List<Line> documentFindings,
    Optional<PolicyView> documentPolicy,
    String footer) {

  /** The colour a verdict or finding is shown in; always with words, never colour alone. */
  public enum Tone {
    /** Passed, allowed. */
    GOOD,
    /** Cannot be decided yet, or allowed with warnings. */
    WARNING,
    /** Failed, denied. */
    BAD,
    /** Information only. */
    NEUTRAL
  }

  /**
   * One labelled value.
   *
   * @param label the label
   * @param value the value, possibly several lines
   * @param key the stable key of the label (for tests and the DOM)
   */
  public record Row(String key, String label, String value) {}

  /**
   * One finding or policy reason.
   *
   * @param tone its colour
   * @param severity the severity in words
   * @param code the stable code (a finding code or a rule id)
   * @param text the explanation, with its citation for a policy reason
   */
  public record Line(Tone tone, String severity, String code, String text) {}

  /**
   * A policy decision.
   *
   * @param tone its colour
   * @param verdict the verdict in words
   * @param asOf the date the law was taken as of, and the packs applied
   * @param lines the reasons with their citations
   */
  public record PolicyView(Tone tone, String verdict, String asOf, List<Line> lines) {}

  /**
   * One signature or document time-stamp.
   *
   * @param id the signature's id (the PDF field name, the XML Id)
   * @param heading e.g. "Chữ ký 1: Signature1"
   * @param tone the verdict's colour
   * @param verdict the verdict in words
   * @param rows what a person checks, in order
   * @param findings every finding with its code
   * @param policy the policy decision on this signature
   */
  public record Block(
      String id,
      String heading,
      Tone tone,
      String verdict,
      List<Row> rows,
      List<Line> findings,
      Optional<PolicyView> policy) {}

  private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
  private static final DateTimeFormatter PEOPLE_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.ROOT);

  /** Sub-indications that mean the signed content itself is not intact. */
  private static final Set<SubIndication> NOT_INTACT =
      Set.of(
          SubIndication.HASH_FAILURE,
          SubIndication.SIG_CRYPTO_FAILURE,
          SubIndication.DISALLOWED_CHANGE,
          SubIndication.FORMAT_FAILURE,
          SubIndication.SIGNED_DATA_NOT_FOUND);

  /**
   * Builds the sheet.
   *
   * @param report the report
   * @param t the texts
   * @param pictures the pictures, which know each signed revision's page count
   * @return the sheet
   */
  public static Sheet of(ValidationReport report, Texts t, vn.kyso.report.PdfPictures pictures) {
    return of(
        report,
        t,
        id -> pictures.of(id).map(p -> t.get("value.pages", p.pageCount())).orElse(null));
  }

  private static Sheet of(
      ValidationReport report, Texts t, java.util.function.Function<String, String> pages) {
    List<Block> blocks = new ArrayList<>();
    int n = 0;
    for (SignatureResult s : report.signatures()) {
      n++;
      blocks.add(signature(s, t, t.get("block.signature", n, s.id()), pages.apply(s.id())));
    }
    n = 0;
    for (SignatureResult s : report.documentTimestamps()) {
      n++;
      blocks.add(signature(s, t, t.get("block.documentTimestamp", n, s.id()), null));
    }
    Indication overall = report.overall();
    List<Row> facts = new ArrayList<>();
    facts.add(new Row("file", t.get("row.file"), report.documentName()));
    facts.add(new Row("validatedAt", t.get("row.validatedAt"), time(report.validationTime())));
    facts.add(
        new Row(
            "signatureCount",
            t.get("row.signatureCount"),
            t.get(
                "value.signatureCount",
                report.signatures().size(),
                report.documentTimestamps().size())));
    facts.add(new Row("result", t.get("row.result"), t.get("indication." + overall.name())));
    return new Sheet(
        t.get("title"),
        report.documentName(),
        time(report.validationTime()),
        tone(overall),
        t.get("indication." + overall.name()),
        report.signatures().isEmpty()
            ? t.get("verdict.noSignature")
            : t.get("verdict." + overall.name()),
        facts,
        blocks,
        lines(report.documentFindings(), t),
        report.policyDecision().map(d -> policy(d, t)),
        t.get("footer"));
  }

  private static Block signature(SignatureResult s, Texts t, String heading, String pages) {
    List<Row> rows = new ArrayList<>();
    boolean timestampOnly = s.format() == SignatureFormat.PDF_DOCUMENT_TIMESTAMP;
    String verdict = t.get("indication." + s.indication().name());
    if (s.subIndication().isPresent()) {
      SubIndication sub = s.subIndication().get();
      verdict += " — " + t.get("subIndication." + sub.name()) + " (" + sub.name() + ")";
    }
    Optional<SignerIdentity> id = s.signer();
    Optional<X509Certificate> cert = s.signingCertificate();
    if (timestampOnly) {
      cert.ifPresent(
          c ->
              rows.add(
                  new Row(
                      "tsa",
                      t.get("row.tsa"),
                      Certificates.readableName(c.getSubjectX500Principal()))));
    } else {
      rows.add(
          new Row(
              "signer",
              t.get("row.signer"),
              id.map(
                      i ->
                          i.name()
                              + i.title().map(x -> " — " + x).orElse("")
                              + " ("
                              + t.get("subjectType." + i.subjectType().name())
                              + ")")
                  .orElse(t.get("value.unknown"))));
      rows.add(
          new Row(
              "organisation",
              t.get("row.organisation"),
              id.map(i -> i.organisationChain())
                  .filter(o -> !o.isEmpty())
                  .map(o -> String.join(" / ", o))
                  .orElse(t.get("value.notStated"))));
      id.ifPresent(i -> rows.add(new Row("subject", t.get("row.subject"), i.distinguishedName())));
    }
    cert.ifPresent(
        c -> {
          rows.add(
              new Row(
                  "issuer",
                  t.get("row.issuer"),
                  Certificates.readableName(c.getIssuerX500Principal())));
          rows.add(
              new Row(
                  "serial",
                  t.get("row.serial"),
                  c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT)));
          rows.add(
              new Row(
                  "validity",
                  t.get("row.validity"),
                  t.get(
                      "value.validity",
                      time(c.getNotBefore().toInstant()),
                      time(c.getNotAfter().toInstant()))));
        });
    if (cert.isEmpty()) {
      rows.add(new Row("issuer", t.get("row.issuer"), t.get("value.noCertificate")));
    }
    rows.add(
        new Row(
            "trustPath",
            t.get("row.trustPath"),
            s.certificateResult().map(c -> trustPath(c, t)).orElse(t.get("value.notChecked"))));
    rows.add(
        new Row(
            "revocation",
            t.get("row.revocation"),
            s.certificateResult()
                .filter(c -> !c.revocation().isEmpty())
                .map(c -> revocation(c, t))
                .orElse(t.get("value.noRevocation"))));
    if (!timestampOnly) {
      rows.add(
          new Row(
              "claimedTime",
              t.get("row.claimedTime"),
              s.claimedSigningTime().map(Sheet::time).orElse(t.get("value.notStated"))));
    }
    rows.add(
        new Row(
            "provenTime",
            t.get(timestampOnly ? "row.timestampTime" : "row.provenTime"),
            s.bestSignatureTime()
                .filter(x -> timestampOnly || s.level().compareTo(SignatureLevel.B_T) >= 0)
                .map(Sheet::time)
                .orElse(t.get("value.notProven"))));
    if (!timestampOnly) {
      rows.add(
          new Row(
              "timestamps",
              t.get("row.timestamps"),
              s.timestamps().isEmpty()
                  ? t.get("value.noTimestamp")
                  : String.join("\n", s.timestamps().stream().map(x -> timestamp(x, t)).toList())));
    }
    rows.add(
        new Row(
            "integrity",
            t.get("row.integrity"),
            s.subIndication().filter(NOT_INTACT::contains).isPresent()
                ? t.get("value.notIntact")
                : t.get("value.intact")));
    String covers = s.scope(t.locale());
    if (pages != null) {
      covers = covers.isEmpty() ? pages : covers + "; " + pages;
    }
    rows.add(
        new Row(
            "covers", t.get("row.covers"), covers.isEmpty() ? t.get("value.notStated") : covers));
    if (s.format() != SignatureFormat.XADES_BASELINE && s.format() != SignatureFormat.XMLDSIG) {
      rows.add(new Row("changes", t.get("row.changes"), changes(s, t)));
    }
    if (!timestampOnly) {
      rows.add(
          new Row(
              "level",
              t.get("row.level"),
              t.get(
                  "value.level",
                  t.get("format." + s.format().name()),
                  s.level().name().replace('_', '-'),
                  t.get(s.validationDataUsable() ? "value.usable" : "value.unusable"))));
    }
    return new Block(
        s.id(),
        heading,
        tone(s.indication()),
        verdict,
        rows,
        lines(s.findings(), t),
        s.policyDecision().filter(d -> !timestampOnly).map(d -> policy(d, t)));
  }

  private static String changes(SignatureResult s, Texts t) {
    List<String> out = new ArrayList<>();
    for (Finding f : s.findings()) {
      if (f.code().equals("PDF_DISALLOWED_CHANGE") || f.code().equals("PDF_ALLOWED_CHANGES")) {
        out.add(f.message(t.locale()));
      }
    }
    if (!out.isEmpty()) {
      return String.join("\n", out);
    }
    return s.scope().contains("whole document")
        ? t.get("value.noChange")
        : t.get("value.laterRevisions");
  }

  private static String trustPath(CertificateResult c, Texts t) {
    StringBuilder sb = new StringBuilder();
    sb.append(t.get("indication." + c.indication().name()));
    c.subIndication().ifPresent(x -> sb.append(" — ").append(t.get("subIndication." + x.name())));
    sb.append(" (").append(t.get("value.at", time(c.validationTime()))).append(')');
    for (X509Certificate x : c.chain()) {
      sb.append("\n→ ").append(Certificates.readableName(x.getSubjectX500Principal()));
    }
    if (c.anchor().isPresent()) {
      sb.append("\n").append(t.get("value.anchor"));
    }
    return sb.toString();
  }

  private static String revocation(CertificateResult c, Texts t) {
    List<String> out = new ArrayList<>();
    for (RevocationEvidence e : c.revocation()) {
      String s =
          t.get(
              "value.revocation",
              shortName(e.certificate()),
              t.get("revocation." + e.status().name()),
              e.kind().name(),
              t.get("origin." + e.origin().name()),
              time(e.thisUpdate()),
              e.nextUpdate().map(Sheet::time).orElse("—"));
      if (e.revocationTime().isPresent()) {
        s +=
            " "
                + t.get(
                    "value.revokedAt",
                    time(e.revocationTime().get()),
                    e.reason().orElse(t.get("value.notStated")));
      }
      out.add(s);
    }
    return String.join("\n", out);
  }

  private static String shortName(X509Certificate c) {
    SignerIdentity id = SignerIdentity.from(c);
    return id.name().isEmpty() ? Certificates.readableName(c.getSubjectX500Principal()) : id.name();
  }

  private static String timestamp(TimestampResult x, Texts t) {
    return t.get(
        "value.timestamp." + x.kind().name(),
        time(x.time()),
        x.tsaName().isEmpty() ? t.get("value.notStated") : x.tsaName(),
        t.get("indication." + x.indication().name())
            + (x.subIndication() == null
                ? ""
                : " — " + t.get("subIndication." + x.subIndication().name())));
  }

  private static List<Line> lines(List<Finding> findings, Texts t) {
    List<Line> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(
          new Line(
              f.severity() == Severity.ERROR
                  ? Tone.BAD
                  : f.severity() == Severity.WARNING ? Tone.WARNING : Tone.NEUTRAL,
              t.get("severity." + f.severity().name()),
              f.code(),
              f.message(t.locale())));
    }
    return out;
  }

  private static PolicyView policy(PolicyDecision d, Texts t) {
    List<Line> lines = new ArrayList<>();
    for (PolicyFinding f : d.findings()) {
      String citation =
          f.citation().document()
              + (f.citation().article().isEmpty() ? "" : ", " + f.citation().article());
      lines.add(
          new Line(
              f.severity() == Severity.ERROR
                  ? Tone.BAD
                  : f.severity() == Severity.WARNING ? Tone.WARNING : Tone.NEUTRAL,
              t.get("severity." + f.severity().name()),
              f.ruleId(),
              f.message(t.locale()) + " — " + t.get("value.citation", citation)));
    }
    if (d.verdict() != PolicyDecision.Verdict.DENY) {
      for (PolicyFinding f : d.satisfied()) {
        String citation =
            f.citation().document()
                + (f.citation().article().isEmpty() ? "" : ", " + f.citation().article());
        lines.add(
            new Line(
                Tone.GOOD,
                t.get("policy.satisfied"),
                f.ruleId(),
                f.message(t.locale()) + " — " + t.get("value.citation", citation)));
      }
    }
    Tone tone =
        switch (d.verdict()) {
          case ALLOW -> Tone.GOOD;
          case ALLOW_WITH_WARNINGS -> Tone.WARNING;
          case DENY -> Tone.BAD;
        };
    return new PolicyView(
        tone,
        t.get("policy." + d.verdict().name()),
        t.get("value.policyAsOf", d.asOf().toString(), String.join(", ", d.packs())),
        lines);
  }

  /**
   * Formats a time for people: day/month/year in Vietnam time, with the offset said.
   *
   * @param instant the time
   * @return e.g. {@code 06/12/2026 14:05:03 (UTC+07:00)}
   */
  public static String time(Instant instant) {
    return PEOPLE_TIME.format(instant.atOffset(VIETNAM)) + " (UTC+07:00)";
  }

  /**
   * @param indication an indication
   * @return its colour
   */
  public static Tone tone(Indication indication) {
    return switch (indication) {
      case TOTAL_PASSED -> Tone.GOOD;
      case INDETERMINATE -> Tone.WARNING;
      case TOTAL_FAILED -> Tone.BAD;
    };
  }
}
