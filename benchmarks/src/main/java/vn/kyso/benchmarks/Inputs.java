package vn.kyso.benchmarks;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The benchmark inputs, generated at run time from a fixed seed: PDFs of text pages with
 * incompressible images (so the file size is what the benchmark names), and XML case files of
 * Vietnamese records.
 */
final class Inputs {
  private static final int PAGE_BYTES = 512 * 512 * 3;

  private Inputs() {}

  /**
   * Parses a size such as {@code 100k}, {@code 1m} or {@code 200m}.
   *
   * @param size the size
   * @return bytes
   */
  static long bytes(String size) {
    long n = Long.parseLong(size.substring(0, size.length() - 1));
    return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
      case 'k' -> n * 1024;
      case 'm' -> n * 1024 * 1024;
      default -> throw new IllegalArgumentException(size);
    };
  }

  /**
   * Writes a PDF of about {@code target} bytes: text pages, each with one random RGB image (512 px
   * square, about 0.75 MB, or smaller for a small target).
   *
   * @param target the size in bytes
   * @param out the file
   * @throws IOException when it cannot be written
   */
  static void pdf(long target, Path out) throws IOException {
    cached("pdf-" + target + ".pdf", out, file -> generatePdf(target, file));
  }

  /** What generates a file. */
  private interface Generator {
    void write(Path file) throws IOException;
  }

  /**
   * Copies a generated input from the cache ({@code kyso.bench.cache}, by default
   * benchmarks/target/inputs), generating it once: every JMH fork needs the same files, and
   * generating a 10 MB PDF of random images takes longer than the measurement.
   */
  private static void cached(String name, Path out, Generator generator) throws IOException {
    Path cache = Path.of(System.getProperty("kyso.bench.cache", "benchmarks/target/inputs"));
    Files.createDirectories(cache);
    Path file = cache.resolve(name);
    if (!Files.exists(file)) {
      Path temp = Files.createTempFile(cache, name, ".part");
      generator.write(temp);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.copy(file, out, StandardCopyOption.REPLACE_EXISTING);
  }

  static void generatePdf(long target, Path out) throws IOException {
    Random random = new Random(42);
    int pages = (int) Math.max(1, target / PAGE_BYTES);
    int side = target >= PAGE_BYTES ? 512 : (int) Math.sqrt(target * 0.9 / 3);
    try (PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
          for (int x = 0; x < side; x++) {
            img.setRGB(x, y, random.nextInt());
          }
        }
        PDImageXObject image = LosslessFactory.createFromImage(doc, img);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(image, 50, 300, 400, 400);
          cs.beginText();
          cs.setFont(font, 12);
          cs.newLineAtOffset(50, 250);
          cs.setLeading(15);
          for (int line = 0; line < 12; line++) {
            cs.showText(
                "Ho so mot cua so "
                    + (p + 1)
                    + "/"
                    + pages
                    + ", dong "
                    + (line + 1)
                    + ": de nghi cap giay phep xay dung nha o rieng le.");
            cs.newLine();
          }
          cs.endText();
        }
      }
      doc.save(out.toFile());
    }
  }

  /**
   * Writes an XML case file of about {@code target} bytes (records of a one-stop register).
   *
   * @param target the size in bytes
   * @param out the file
   * @throws IOException when it cannot be written
   */
  static void xml(long target, Path out) throws IOException {
    cached("xml-" + target + ".xml", out, file -> generateXml(target, file));
  }

  private static void generateXml(long target, Path out) throws IOException {
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<SoTiepNhan xmlns=\"urn:kyso:bench\" coQuan=\"Bộ phận Một cửa tỉnh Thử"
              + " Nghiệm\">\n");
      long written = 120;
      for (int i = 1; written < target - 40; i++) {
        String record =
            "  <HoSo so=\""
                + i
                + "\"><NguoiNop>Nguyễn Văn Định "
                + i
                + "</NguoiNop><ThuTuc>Cấp giấy phép xây dựng nhà ở riêng"
                + " lẻ</ThuTuc><NgayNhan>2026-11-27</NgayNhan><TrangThai>Đang xử"
                + " lý</TrangThai></HoSo>\n";
        w.write(record);
        written += record.getBytes(StandardCharsets.UTF_8).length;
      }
      w.write("</SoTiepNhan>\n");
    }
  }

  /**
   * Removes a benchmark's working folder and everything in it.
   *
   * @param dir the folder, with its sub-folders
   * @param dir the folder (flat)
   * @throws IOException when a file cannot be removed
   */
  static void deleteFolder(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
