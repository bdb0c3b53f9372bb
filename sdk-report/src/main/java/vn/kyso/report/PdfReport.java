package vn.kyso.report;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.report.internal.PdfLayout;
import vn.kyso.report.internal.Sheet;
import vn.kyso.report.internal.Sheet.Block;
import vn.kyso.report.internal.Sheet.Line;
import vn.kyso.report.internal.Sheet.PolicyView;
import vn.kyso.report.internal.Sheet.Row;
import vn.kyso.report.internal.Sheet.Tone;
import vn.kyso.report.internal.Texts;

/**
 * A verification report as a printable PDF (biên bản kiểm tra chữ ký số) with the same content as
 * {@link HtmlReport}: the verdict first, then every signature and document time-stamp with its
 * rows, pictures, findings and policy decision. A4, numbered pages, DejaVu Sans embedded (it has
 * every Vietnamese letter), an sRGB output intent and PDF/A-2b identification, so the record can be
 * archived as it is. The file is made with PDFBox alone.
 */
public final class PdfReport {
  private PdfReport() {}

  /**
   * Writes a report as PDF.
   *
   * @param report the report
   * @param locale the language: English for {@code en}, Vietnamese otherwise
   * @param pictures pictures of the signed pages ({@link PdfPictures#none()} for none)
   * @param out the stream; not closed
   * @throws IOException when writing fails
   */
  public static void write(
      ValidationReport report, Locale locale, PdfPictures pictures, OutputStream out)
      throws IOException {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(pictures, "pictures");
    Texts t = Texts.of(locale);
    Sheet sheet = Sheet.of(report, t, pictures);
    try (PDDocument doc = new PDDocument()) {
      doc.getDocument().setVersion(1.7f);
      try (PdfLayout l = new PdfLayout(doc)) {
        l.paragraph(
            sheet.title().toUpperCase(t.locale()),
            15,
            true,
            Color.BLACK,
            l.left(),
            l.width(),
            true);
        l.gap(8);
        l.box(sheet.verdict(), sheet.verdictDetail(), border(sheet.tone()), fill(sheet.tone()));
        for (Row r : sheet.facts()) {
          l.row(r.label(), r.value(), 9.5f);
        }
        for (Block b : sheet.blocks()) {
          l.gap(10);
          l.need(60);
          l.paragraph(b.heading(), 12, true, Color.BLACK, l.left(), l.width(), false);
          l.paragraph(b.verdict(), 10, true, border(b.tone()), l.left(), l.width(), false);
          l.gap(3);
          for (Row r : b.rows()) {
            l.row(r.label(), r.value(), 9f);
          }
          var page = pictures.of(b.id());
          if (page.isPresent()) {
            l.gap(6);
            List<PDImageXObject> images = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            images.add(image(doc, page.get().signed()));
            captions.add(
                page.get().changed()
                    ? t.get("value.signedPage", page.get().pageNumber())
                    : t.get("value.samePage", page.get().pageNumber()));
            if (page.get().current().isPresent()) {
              images.add(image(doc, page.get().current().get()));
              captions.add(t.get("value.finalPage", page.get().pageNumber()));
            }
            l.images(images, captions, 330);
          }
          lines(l, t.get("row.findings"), b.findings());
          if (b.policy().isPresent()) {
            policy(l, t, b.policy().get());
          }
        }
        lines(l, t.get("row.findings"), sheet.documentFindings());
        if (sheet.documentPolicy().isPresent()) {
          l.gap(6);
          policy(l, t, sheet.documentPolicy().get());
        }
        if (!pictures.notes().isEmpty()) {
          l.gap(4);
          l.paragraph(
              t.get("value.picturesLimited", String.join("; ", pictures.notes())),
              8,
              false,
              Color.DARK_GRAY,
              l.left(),
              l.width(),
              false);
        }
        l.gap(12);
        l.paragraph(sheet.footer(), 8, false, Color.DARK_GRAY, l.left(), l.width(), false);
        l.numberPages(t.vietnamese() ? "Trang %d/%d" : "Page %d/%d");
      }
      archival(doc, t, sheet, report.validationTime());
      doc.save(out);
    }
  }

  /**
   * Writes a report to a file atomically.
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

  private static void lines(PdfLayout l, String heading, List<Line> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    l.gap(4);
    l.need(30);
    l.paragraph(heading, 10, true, Color.BLACK, l.left(), l.width(), false);
    for (Line x : lines) {
      line(l, x);
    }
  }

  private static void policy(PdfLayout l, Texts t, PolicyView p) throws IOException {
    l.gap(4);
    l.need(30);
    l.paragraph(
        t.get("row.policy") + ": " + p.verdict(),
        10,
        true,
        border(p.tone()),
        l.left(),
        l.width(),
        false);
    l.paragraph(p.asOf(), 8.5f, false, Color.DARK_GRAY, l.left(), l.width(), false);
    for (Line x : p.lines()) {
      line(l, x);
    }
  }

  /** One finding or policy reason: severity, code and text, in the tone's colour. */
  private static void line(PdfLayout l, Line x) throws IOException {
    l.paragraph(
        x.severity() + " · " + x.code() + ": " + x.text(),
        8.5f,
        false,
        x.tone() == Tone.NEUTRAL ? Color.BLACK : border(x.tone()),
        l.left() + 8,
        l.width() - 8,
        false);
    l.gap(1.5f);
  }

  private static PDImageXObject image(PDDocument doc, byte[] png) throws IOException {
    BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
    if (read == null) {
      throw new IOException("picture unreadable");
    }
    // PDF/A: no transparency; the pictures are drawn on white in RGB.
    BufferedImage rgb =
        new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
    var g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
      g.drawImage(read, 0, 0, null);
    } finally {
      g.dispose();
    }
    return LosslessFactory.createFromImage(doc, rgb);
  }

  private static Color border(Tone tone) {
    return switch (tone) {
      case GOOD -> new Color(0x1e, 0x7b, 0x34);
      case WARNING -> new Color(0xa3, 0x66, 0x00);
      case BAD -> new Color(0xb3, 0x26, 0x1e);
      case NEUTRAL -> new Color(0x57, 0x60, 0x6a);
    };
  }

  private static Color fill(Tone tone) {
    return switch (tone) {
      case GOOD -> new Color(0xe6, 0xf4, 0xea);
      case WARNING -> new Color(0xff, 0xf4, 0xe0);
      case BAD -> new Color(0xfd, 0xec, 0xea);
      case NEUTRAL -> new Color(0xf6, 0xf8, 0xfa);
    };
  }

  /** PDF/A-2b: XMP identification matching the document information, and an sRGB intent. */
  private static void archival(PDDocument doc, Texts t, Sheet sheet, Instant created)
      throws IOException {
    String title = sheet.title() + " — " + sheet.documentName();
    Calendar when = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
    when.setTimeInMillis(created.toEpochMilli() / 1000 * 1000);
    PDDocumentInformation info = doc.getDocumentInformation();
    info.setTitle(title);
    info.setProducer("Kyso SDK");
    info.setCreator("Kyso SDK");
    info.setCreationDate(when);
    info.setModificationDate(when);
    String date =
        created
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString()
            .replace("Z", "+00:00");
    String xmp =
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
            + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
            + "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
            + "</rdf:Description>\n"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + "<dc:format>application/pdf</dc:format>"
            + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
            + xml(title)
            + "</rdf:li></rdf:Alt></dc:title>"
            + "<dc:language><rdf:Bag><rdf:li>"
            + (t.vietnamese() ? "vi" : "en")
            + "</rdf:li></rdf:Bag></dc:language>"
            + "</rdf:Description>\n"
            + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
            + "<xmp:CreatorTool>Kyso SDK</xmp:CreatorTool>"
            + "<xmp:CreateDate>"
            + date
            + "</xmp:CreateDate><xmp:ModifyDate>"
            + date
            + "</xmp:ModifyDate></rdf:Description>\n"
            + "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
            + "<pdf:Producer>Kyso SDK</pdf:Producer></rdf:Description>\n"
            + "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    PDMetadata metadata = new PDMetadata(doc);
    metadata.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
    doc.getDocumentCatalog().setMetadata(metadata);
    doc.getDocumentCatalog().setLanguage(t.vietnamese() ? "vi" : "en");
    PDOutputIntent intent =
        new PDOutputIntent(
            doc, new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
    intent.setInfo("sRGB IEC61966-2.1");
    intent.setOutputCondition("sRGB IEC61966-2.1");
    intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    intent.setRegistryName("http://www.color.org");
    doc.getDocumentCatalog().addOutputIntent(intent);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
