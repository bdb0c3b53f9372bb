package vn.kyso.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.report.internal.Html;
import vn.kyso.report.internal.Sheet;
import vn.kyso.report.internal.Texts;

/**
 * One row per checked file, for a folder or a batch: the verdict, the signers and the reasons, as a
 * self-contained HTML page and as CSV. A file that could not be read at all is a row too, with its
 * error code, so nothing given is silently left out.
 *
 * <p>The CSV is RFC 4180 (comma, CRLF, double quotes), UTF-8 with a byte-order mark so that
 * spreadsheet programs show Vietnamese correctly, and a value that a spreadsheet would run as a
 * formula (starting with {@code = + - @}) is prefixed with an apostrophe.
 */
public final class Summary {
  private Summary() {}

  /**
   * One file.
   *
   * @param file the file's name as the user gave it
   * @param report its report, when it could be verified
   * @param errorCode the error code, when it could not
   * @param errorText the error in the report's language, when it could not
   * @param reportLink a relative link to the file's own report, when written
   */
  public record Entry(
      String file,
      Optional<ValidationReport> report,
      Optional<String> errorCode,
      Optional<String> errorText,
      Optional<String> reportLink) {
    /**
     * Checks the parts.
     *
     * @param file file
     * @param report report
     * @param errorCode code
     * @param errorText text
     * @param reportLink link
     */
    public Entry {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(errorCode, "errorCode");
      Objects.requireNonNull(errorText, "errorText");
      Objects.requireNonNull(reportLink, "reportLink");
      if (report.isPresent() == errorCode.isPresent()) {
        throw new IllegalArgumentException("either a report or an error");
      }
    }

    /**
     * A verified file.
     *
     * @param file the name
     * @param report the report
     * @param reportLink a relative link to its own report, or null
     * @return the entry
     */
    public static Entry verified(String file, ValidationReport report, String reportLink) {
      return new Entry(
          file,
          Optional.of(report),
          Optional.empty(),
          Optional.empty(),
          Optional.ofNullable(reportLink));
    }

    /**
     * A file that could not be verified.
     *
     * @param file the name
     * @param code the error code
     * @param text the error, in the summary's language
     * @return the entry
     */
    public static Entry unreadable(String file, String code, String text) {
      return new Entry(
          file, Optional.empty(), Optional.of(code), Optional.of(text), Optional.empty());
    }
  }

  /**
   * Renders the CSV.
   *
   * @param entries the files, in order
   * @param locale the language of the texts
   * @return the CSV, with a byte-order mark
   */
  public static String csv(List<Entry> entries, Locale locale) {
    Texts t = Texts.of(locale);
    StringBuilder sb = new StringBuilder("\uFEFF");
    csvLine(
        sb,
        List.of(
            t.get("summary.file"),
            "indication",
            t.get("summary.result"),
            t.get("summary.signers"),
            t.get("summary.reasons"),
            t.get("summary.report")));
    for (Entry e : entries) {
      csvLine(
          sb,
          List.of(
              e.file(),
              code(e),
              result(e, t),
              String.join("; ", signers(e)),
              String.join("; ", reasons(e, t)),
              e.reportLink().orElse("")));
    }
    return sb.toString();
  }

  /**
   * Renders the HTML page.
   *
   * @param entries the files, in order
   * @param locale the language
   * @return the page
   */
  public static String html(List<Entry> entries, Locale locale) {
    Texts t = Texts.of(locale);
    int[] counts = new int[4];
    for (Entry e : entries) {
      counts[
          e.report()
              .map(
                  r ->
                      r.overall() == Indication.TOTAL_PASSED
                          ? 0
                          : r.overall() == Indication.TOTAL_FAILED ? 1 : 2)
              .orElse(3)]++;
    }
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"")
        .append(t.vietnamese() ? "vi" : "en")
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(t.get("title.summary")))
        .append("</title>\n<style>\n")
        .append(Html.STYLE)
        .append("</style>\n</head>\n<body>\n<main class=\"summary\">\n<h1>")
        .append(Html.escape(t.get("title.summary")))
        .append("</h1>\n<p class=\"counts\">")
        .append(
            Html.escape(
                t.get(
                    "summary.counts", entries.size(), counts[0], counts[1], counts[2], counts[3])))
        .append("</p>\n<table class=\"summary\">\n<tr><th>")
        .append(Html.escape(t.get("summary.file")))
        .append("</th><th>")
        .append(Html.escape(t.get("summary.result")))
        .append("</th><th>")
        .append(Html.escape(t.get("summary.signers")))
        .append("</th><th>")
        .append(Html.escape(t.get("summary.reasons")))
        .append("</th></tr>\n");
    for (Entry e : entries) {
      Sheet.Tone tone = e.report().map(r -> Sheet.tone(r.overall())).orElse(Sheet.Tone.BAD);
      h.append("<tr data-indication=\"").append(code(e)).append("\"><td>");
      if (e.reportLink().isPresent()) {
        h.append("<a href=\"")
            .append(Html.escape(e.reportLink().get()))
            .append("\">")
            .append(Html.escape(e.file()))
            .append("</a>");
      } else {
        h.append(Html.escape(e.file()));
      }
      h.append("</td><td><span class=\"badge ")
          .append(Html.css(tone))
          .append("\">")
          .append(Html.escape(result(e, t)))
          .append("</span></td><td class=\"value\">")
          .append(Html.escape(String.join("\n", signers(e))))
          .append("</td><td class=\"value\">")
          .append(Html.escape(String.join("\n", reasons(e, t))))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<footer>")
        .append(Html.escape(t.get("footer")))
        .append("</footer>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /**
   * Writes the CSV to a file atomically.
   *
   * @param entries the files
   * @param locale the language
   * @param target the file
   * @throws IOException when writing fails; no partial file is left
   */
  public static void writeCsv(List<Entry> entries, Locale locale, Path target) throws IOException {
    byte[] bytes = csv(entries, locale).getBytes(StandardCharsets.UTF_8);
    OutputFiles.write(target, out -> out.write(bytes));
  }

  /**
   * Writes the HTML page to a file atomically.
   *
   * @param entries the files
   * @param locale the language
   * @param target the file
   * @throws IOException when writing fails; no partial file is left
   */
  public static void writeHtml(List<Entry> entries, Locale locale, Path target) throws IOException {
    byte[] bytes = html(entries, locale).getBytes(StandardCharsets.UTF_8);
    OutputFiles.write(target, out -> out.write(bytes));
  }

  private static String code(Entry e) {
    return e.report().map(r -> r.overall().name()).orElse("ERROR");
  }

  private static String result(Entry e, Texts t) {
    if (e.report().isEmpty()) {
      return t.get("summary.error", e.errorText().orElse(""), e.errorCode().orElse(""));
    }
    ValidationReport r = e.report().get();
    String s = t.get("indication." + r.overall().name());
    Optional<PolicyDecision> d = r.policyDecision();
    return d.map(x -> s + " · " + t.get("policy." + x.verdict().name())).orElse(s);
  }

  private static List<String> signers(Entry e) {
    List<String> out = new ArrayList<>();
    e.report()
        .ifPresent(
            r -> {
              for (SignatureResult s : r.signatures()) {
                out.add(s.signer().map(i -> i.name()).orElse(s.id()));
              }
            });
    return out;
  }

  private static List<String> reasons(Entry e, Texts t) {
    Set<String> out = new LinkedHashSet<>();
    if (e.report().isEmpty()) {
      out.add(e.errorCode().orElse(""));
      return List.copyOf(out);
    }
    ValidationReport r = e.report().get();
    for (SignatureResult s : r.signatures()) {
      s.subIndication()
          .ifPresent(
              x ->
                  out.add(
                      s.id() + ": " + t.get("subIndication." + x.name()) + " (" + x.name() + ")"));
    }
    for (SignatureResult s : r.documentTimestamps()) {
      s.subIndication().ifPresent(x -> out.add(s.id() + ": " + x.name()));
    }
    for (Finding f : r.documentFindings()) {
      if (f.severity() == Severity.ERROR) {
        out.add(f.code());
      }
    }
    r.policyDecision()
        .ifPresent(
            d -> {
              for (PolicyFinding f : d.denials()) {
                out.add(f.ruleId() + ": " + f.message(t.locale()));
              }
            });
    if (r.signatures().isEmpty()) {
      out.add(t.get("verdict.noSignature"));
    }
    return List.copyOf(out);
  }

  private static void csvLine(StringBuilder sb, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = values.get(i);
      if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
        v = "'" + v;
      }
      sb.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
    sb.append("\r\n");
  }
}
