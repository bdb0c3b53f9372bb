package vn.kyso.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.report.internal.Html;
import vn.kyso.report.internal.Sheet;
import vn.kyso.report.internal.Sheet.Block;
import vn.kyso.report.internal.Sheet.Line;
import vn.kyso.report.internal.Sheet.PolicyView;
import vn.kyso.report.internal.Sheet.Row;
import vn.kyso.report.internal.Texts;

/**
 * A verification report as one self-contained HTML page: the style is inline, pictures are inline
 * PNG, and there is no script, no external font and no external image, so the file can be mailed,
 * archived or printed on A4 as it is. Vietnamese by default, English on request.
 *
 * <p>The page shows the verdict first, in words and colour; then, per signature and per document
 * time-stamp, the signer, organisation, issuing CA, certificate validity, trust path, revocation
 * status with its source and time, claimed and proven signing time, time-stamps with their
 * authority, integrity, what the signature covers and what changed after it, the level, every
 * finding with its code, and the policy decision with its citations. That covers what Circular
 * 15/2025/TT-BKHCN Art 6 asks a verifier to display (trust path, signer, signing time, integrity
 * status, in Vietnamese).
 *
 * <p>Each row carries a stable {@code data-key} and each signature section a {@code data-signature}
 * attribute, so integrators and tests can find fields without reading the language.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Renders a report without pictures.
   *
   * @param report the report
   * @param locale the language: English for {@code en}, Vietnamese otherwise
   * @return the page
   */
  public static String render(ValidationReport report, Locale locale) {
    return render(report, locale, PdfPictures.none());
  }

  /**
   * Renders a report.
   *
   * @param report the report
   * @param locale the language: English for {@code en}, Vietnamese otherwise
   * @param pictures pictures of the signed pages ({@link PdfPictures#none()} for none)
   * @return the page
   */
  public static String render(ValidationReport report, Locale locale, PdfPictures pictures) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(pictures, "pictures");
    Texts t = Texts.of(locale);
    Sheet sheet = Sheet.of(report, t, pictures);
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"")
        .append(t.vietnamese() ? "vi" : "en")
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(Html.escape(sheet.title() + " — " + sheet.documentName()))
        .append("</title>\n<style>\n")
        .append(Html.STYLE)
        .append("</style>\n</head>\n<body>\n<main class=\"report\">\n<header>\n<h1>")
        .append(Html.escape(sheet.title()))
        .append("</h1>\n");
    h.append("<div class=\"verdict ")
        .append(Html.css(sheet.tone()))
        .append("\" data-indication=\"")
        .append(report.overall().name())
        .append("\"><strong>")
        .append(Html.escape(sheet.verdict()))
        .append("</strong><p>")
        .append(Html.escape(sheet.verdictDetail()))
        .append("</p></div>\n");
    rows(h, sheet.facts(), "facts");
    h.append("</header>\n");
    for (Block b : sheet.blocks()) {
      block(h, b, pictures, t);
    }
    if (!sheet.documentFindings().isEmpty() || sheet.documentPolicy().isPresent()) {
      h.append("<section class=\"document\">\n");
      if (!sheet.documentFindings().isEmpty()) {
        h.append("<h2>").append(Html.escape(t.get("row.findings"))).append("</h2>\n");
        findings(h, sheet.documentFindings());
      }
      sheet.documentPolicy().ifPresent(p -> policy(h, p, t, "document-policy"));
      h.append("</section>\n");
    }
    if (!pictures.notes().isEmpty()) {
      h.append("<p class=\"note\">")
          .append(Html.escape(t.get("value.picturesLimited", String.join("; ", pictures.notes()))))
          .append("</p>\n");
    }
    h.append("<footer>").append(Html.escape(sheet.footer())).append("</footer>\n");
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /**
   * Writes a report to a stream as UTF-8.
   *
   * @param report the report
   * @param locale the language
   * @param pictures the pictures
   * @param out the stream; not closed
   * @throws IOException when writing fails
   */
  public static void write(
      ValidationReport report, Locale locale, PdfPictures pictures, OutputStream out)
      throws IOException {
    out.write(render(report, locale, pictures).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a report to a file atomically: the file appears complete or not at all.
   *
   * @param report the report
   * @param locale the language
   * @param pictures the pictures
   * @param target the file
   * @throws IOException when writing fails; no partial file is left
   */
  public static void write(
      ValidationReport report, Locale locale, PdfPictures pictures, Path target)
      throws IOException {
    OutputFiles.write(target, out -> write(report, locale, pictures, out));
  }

  private static void block(StringBuilder h, Block b, PdfPictures pictures, Texts t) {
    h.append("<section class=\"block\" data-signature=\"")
        .append(Html.escape(b.id()))
        .append("\">\n<h2>")
        .append(Html.escape(b.heading()))
        .append(" <span class=\"badge ")
        .append(Html.css(b.tone()))
        .append("\">")
        .append(Html.escape(b.verdict()))
        .append("</span></h2>\n");
    rows(h, b.rows(), "rows");
    Optional<PdfPictures.SignedPage> page = pictures.of(b.id());
    page.ifPresent(p -> pictures(h, p, t));
    if (!b.findings().isEmpty()) {
      h.append("<h3>").append(Html.escape(t.get("row.findings"))).append("</h3>\n");
      findings(h, b.findings());
    }
    b.policy().ifPresent(p -> policy(h, p, t, "policy"));
    h.append("</section>\n");
  }

  private static void pictures(StringBuilder h, PdfPictures.SignedPage p, Texts t) {
    h.append("<div class=\"pictures\">\n");
    figure(
        h,
        p.signed(),
        p.changed()
            ? t.get("value.signedPage", p.pageNumber())
            : t.get("value.samePage", p.pageNumber()),
        "signed");
    p.current().ifPresent(c -> figure(h, c, t.get("value.finalPage", p.pageNumber()), "current"));
    h.append("</div>\n");
  }

  private static void figure(StringBuilder h, byte[] png, String caption, String kind) {
    h.append("<figure class=\"")
        .append(kind)
        .append("\"><img alt=\"")
        .append(Html.escape(caption))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\"><figcaption>")
        .append(Html.escape(caption))
        .append("</figcaption></figure>\n");
  }

  private static void rows(StringBuilder h, java.util.List<Row> rows, String css) {
    h.append("<table class=\"").append(css).append("\">\n");
    for (Row r : rows) {
      h.append("<tr data-key=\"")
          .append(r.key())
          .append("\"><th>")
          .append(Html.escape(r.label()))
          .append("</th><td class=\"value\">")
          .append(Html.escape(r.value()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void findings(StringBuilder h, java.util.List<Line> lines) {
    h.append("<table class=\"findings\">\n");
    for (Line l : lines) {
      h.append("<tr class=\"")
          .append(Html.css(l.tone()))
          .append("\" data-code=\"")
          .append(Html.escape(l.code()))
          .append("\"><td class=\"severity\"><span class=\"badge ")
          .append(Html.css(l.tone()))
          .append("\">")
          .append(Html.escape(l.severity()))
          .append("</span></td><td class=\"code\">")
          .append(Html.escape(l.code()))
          .append("</td><td>")
          .append(Html.escape(l.text()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void policy(StringBuilder h, PolicyView p, Texts t, String css) {
    h.append("<div class=\"")
        .append(css)
        .append(" policy\"><h3>")
        .append(Html.escape(t.get("row.policy")))
        .append(": <span class=\"badge ")
        .append(Html.css(p.tone()))
        .append("\">")
        .append(Html.escape(p.verdict()))
        .append("</span></h3>\n<p>")
        .append(Html.escape(p.asOf()))
        .append("</p>\n<ul>\n");
    for (Line l : p.lines()) {
      h.append("<li class=\"")
          .append(Html.css(l.tone()))
          .append("\" data-rule=\"")
          .append(Html.escape(l.code()))
          .append("\"><strong>")
          .append(Html.escape(l.severity()))
          .append(" · ")
          .append(Html.escape(l.code()))
          .append("</strong>: ")
          .append(Html.escape(l.text()))
          .append("</li>\n");
    }
    h.append("</ul></div>\n");
  }
}
