package vn.kyso.pades;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.util.Matrix;

/** Official letters with real signer blocks, and signature and seal images, made in the test. */
final class Letters {
  /** One signer block: lines from the top, the name after a gap, centred on {@code centreX}. */
  record Block(float centreX, float top, List<String> lines, String name) {}

  static final Block TM =
      new Block(400, 300, List.of("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Nguyễn Văn An");
  static final Block KT =
      new Block(
          400,
          300,
          List.of("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
          "Trần Thị Bình");
  static final Block TL =
      new Block(400, 300, List.of("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"), "Phạm Thị Dung");
  static final Block TUQ =
      new Block(400, 300, List.of("TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG HÀNH CHÍNH"), "Lê Văn Cường");
  static final Block LEFT = new Block(150, 300, List.of("NGƯỜI LẬP BIỂU"), "Hoàng Thị Én");
  static final Block RIGHT =
      new Block(430, 300, List.of("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Trần Thị Bình");

  private Letters() {}

  static byte[] font() {
    return AppearanceFont.bundled().bytes();
  }

  /** A one-page A4 letter in Vietnamese with the given signer blocks (and an optional rotation). */
  static Path letter(Path dir, String name, int rotation, Block... blocks) throws IOException {
    Path file = dir.resolve(name);
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      page.setRotation(rotation);
      doc.addPage(page);
      PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(font()), true);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        text(cs, font, 12, 60, 780, "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM");
        text(cs, font, 12, 60, 760, "Số: 123/UBND-VP");
        text(cs, font, 12, 60, 700, "V/v triển khai chữ ký số chuyên dùng Chính phủ");
        text(
            cs,
            font,
            12,
            60,
            680,
            "Đề nghị các cơ quan, đơn vị thực hiện theo Nghị định 30/2020/NĐ-CP.");
        for (Block b : blocks) {
          float y = b.top();
          for (String line : b.lines()) {
            centred(cs, font, 13, b.centreX(), y, line);
            y -= 16;
          }
          centred(cs, font, 13, b.centreX(), y - 80, b.name());
        }
      }
      doc.save(file.toFile());
    }
    return file;
  }

  /**
   * A one-page letter that reads upright on a page turned by {@code rotation}: the reader sees an
   * A4 portrait page (595 × 842 pt), whatever the rotation; the user-space page is landscape for 90
   * and 270. The media box starts at ({@code originX}, {@code originY}) and the crop box is {@code
   * inset} points inside it on every side. The text is placed as {@link #letter} places it, in the
   * reader's coordinates.
   */
  static Path uprightLetter(
      Path dir,
      String name,
      int rotation,
      float originX,
      float originY,
      float inset,
      Block... blocks)
      throws IOException {
    Path file = dir.resolve(name);
    boolean quarter = rotation == 90 || rotation == 270;
    float cropW = quarter ? PDRectangle.A4.getHeight() : PDRectangle.A4.getWidth();
    float cropH = quarter ? PDRectangle.A4.getWidth() : PDRectangle.A4.getHeight();
    try (PDDocument doc = new PDDocument()) {
      PDPage page =
          new PDPage(new PDRectangle(originX, originY, cropW + 2 * inset, cropH + 2 * inset));
      page.setCropBox(new PDRectangle(originX + inset, originY + inset, cropW, cropH));
      page.setRotation(rotation);
      doc.addPage(page);
      PageView view = PageView.of(page);
      PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(font()), true);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        Writer at =
            (size, x, y, s) -> {
              float[] u = view.toUser(x, y);
              cs.beginText();
              cs.setFont(font, size);
              cs.setTextMatrix(Matrix.getRotateInstance(Math.toRadians(rotation), u[0], u[1]));
              cs.showText(s);
              cs.endText();
            };
        at.write(12, 60, 780, "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM");
        at.write(12, 60, 760, "Số: 123/UBND-VP");
        at.write(12, 60, 700, "V/v triển khai chữ ký số chuyên dùng Chính phủ");
        for (Block b : blocks) {
          float y = b.top();
          for (String line : b.lines()) {
            float w = font.getStringWidth(line) / 1000 * 13;
            at.write(13, b.centreX() - w / 2, y, line);
            y -= 16;
          }
          float w = font.getStringWidth(b.name()) / 1000 * 13;
          at.write(13, b.centreX() - w / 2, y - 80, b.name());
        }
      }
      doc.save(file.toFile());
    }
    return file;
  }

  /** Shows a line of text at a point of the reader's view. */
  private interface Writer {
    void write(float size, float x, float y, String s) throws IOException;
  }

  private static void centred(
      PDPageContentStream cs, PDType0Font font, float size, float cx, float y, String s)
      throws IOException {
    float w = font.getStringWidth(s) / 1000 * size;
    text(cs, font, size, cx - w / 2, y, s);
  }

  private static void text(
      PDPageContentStream cs, PDType0Font font, float size, float x, float y, String s)
      throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, y);
    cs.showText(s);
    cs.endText();
  }

  /** A handwritten-looking signature in a colour on a transparent background. */
  static byte[] signaturePng(Color colour) throws IOException {
    BufferedImage img = new BufferedImage(300, 120, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(colour);
    g.setStroke(new BasicStroke(9));
    g.drawArc(20, 20, 120, 80, 0, 300);
    g.drawLine(120, 90, 280, 30);
    g.drawArc(150, 30, 110, 60, 180, 270);
    g.dispose();
    return png(img);
  }

  /** A round red seal on a transparent background. */
  static byte[] sealPng() throws IOException {
    BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(220, 20, 30));
    g.setStroke(new BasicStroke(12));
    g.drawOval(10, 10, 180, 180);
    g.fillOval(80, 80, 40, 40);
    g.dispose();
    return png(img);
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
