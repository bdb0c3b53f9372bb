package vn.kyso.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.kyso.api.KysoException;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.report.EtsiReport;
import vn.kyso.report.HtmlReport;
import vn.kyso.report.PdfPictures;
import vn.kyso.report.PdfReport;
import vn.kyso.report.Summary;

/**
 * The report files of {@code kyso verify --report ... --out FOLDER}: per file {@code NAME.html},
 * {@code NAME.pdf} (the printable record) and {@code NAME.etsi.xml}, and for the whole run {@code
 * tong-hop.html} and {@code tong-hop.csv} (the summary). Each is written atomically.
 */
final class ReportFiles {
  enum Kind {
    HTML,
    PDF,
    ETSI,
    CSV
  }

  private final Set<Kind> kinds;
  private final Path folder;
  private final Locale locale;
  private final List<Summary.Entry> entries = new ArrayList<>();
  private final Set<String> used = new HashSet<>();
  private int count;

  private ReportFiles(Set<Kind> kinds, Path folder, Locale locale) {
    this.kinds = kinds;
    this.folder = folder;
    this.locale = locale;
  }

  static ReportFiles of(List<String> names, Path folder, Locale locale) throws IOException {
    if (folder == null) {
      throw new Kyso.UsageException("reportNeedsOut");
    }
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    for (String n : names) {
      switch (n.strip().toLowerCase(Locale.ROOT)) {
        case "html" -> kinds.add(Kind.HTML);
        case "pdf" -> kinds.add(Kind.PDF);
        case "etsi" -> kinds.add(Kind.ETSI);
        case "csv" -> kinds.add(Kind.CSV);
        default -> throw new Kyso.UsageException("badReport", n);
      }
    }
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new Kyso.UsageException("isNotFolder", folder);
    }
    Files.createDirectories(folder);
    return new ReportFiles(kinds, folder, locale);
  }

  Path folder() {
    return folder;
  }

  int count() {
    return count;
  }

  /** Writes the reports of one verified file. */
  void write(Path file, ValidationReport report, boolean pdf) throws IOException {
    String base = unique(String.valueOf(file.getFileName()));
    PdfPictures pictures =
        pdf && (kinds.contains(Kind.HTML) || kinds.contains(Kind.PDF))
            ? PdfPictures.render(file, report)
            : PdfPictures.none();
    String link = null;
    if (kinds.contains(Kind.HTML)) {
      link = base + ".html";
      HtmlReport.write(report, locale, pictures, folder.resolve(link));
      count++;
    }
    if (kinds.contains(Kind.PDF)) {
      PdfReport.write(report, locale, pictures, folder.resolve(base + ".pdf"));
      link = link == null ? base + ".pdf" : link;
      count++;
    }
    if (kinds.contains(Kind.ETSI)) {
      EtsiReport.write(report, folder.resolve(base + ".etsi.xml"));
      count++;
    }
    entries.add(Summary.Entry.verified(String.valueOf(file), report, link));
  }

  /** Records a file that could not be verified. */
  void failed(Path file, KysoException e) {
    entries.add(Summary.Entry.unreadable(String.valueOf(file), e.code().name(), e.message(locale)));
  }

  /** Writes the summary. */
  void finish() throws IOException {
    if (kinds.contains(Kind.HTML)) {
      Summary.writeHtml(entries, locale, folder.resolve("tong-hop.html"));
      count++;
    }
    if (kinds.contains(Kind.CSV)) {
      Summary.writeCsv(entries, locale, folder.resolve("tong-hop.csv"));
      count++;
    }
  }

  /** Two inputs with the same name (from different folders) get different reports. */
  private String unique(String name) {
    String base = name;
    int n = 1;
    while (!used.add(base)) {
      n++;
      base = name + "-" + n;
    }
    return base;
  }
}
