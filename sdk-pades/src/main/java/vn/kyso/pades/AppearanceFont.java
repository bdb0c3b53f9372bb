package vn.kyso.pades;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/**
 * The font of a visible signature's text (the marker of attachments and copies). Nghị định 30/2020
 * names Times New Roman, which is not free: {@link #timesNewRoman()} uses the host's copy when one
 * is installed and otherwise the bundled Liberation Serif 2 (metric-compatible, full Vietnamese
 * coverage, SIL Open Font Licence), and {@link #isFallback()} says so. The font is read once; each
 * signature embeds a subset. Never a standard-14 font. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AppearanceFont {
  private static final String BUNDLED = "fonts/LiberationSerif-Regular.ttf";
  private static final List<String> TIMES_PATHS =
      List.of(
          "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
          "/usr/share/fonts/truetype/msttcorefonts/times.ttf",
          "/usr/share/fonts/TTF/times.ttf",
          "/usr/share/fonts/truetype/times.ttf",
          "/Library/Fonts/Times New Roman.ttf",
          "/System/Library/Fonts/Supplemental/Times New Roman.ttf",
          "C:\\Windows\\Fonts\\times.ttf");
  private static final String VIETNAMESE =
      "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđƠơƯư";

  private final String name;
  private final byte[] bytes;
  private final boolean fallback;
  private volatile float[] advances;

  private AppearanceFont(String name, byte[] bytes, boolean fallback) {
    this.name = name;
    this.bytes = bytes;
    this.fallback = fallback;
  }

  /**
   * Returns the width of a text in points, from advance widths read once per font.
   *
   * @param text the text (Basic Multilingual Plane)
   * @param size the font size
   * @return the width
   */
  float width(String text, float size) {
    float[] a = advances;
    if (a == null) {
      a = readAdvances();
      advances = a;
    }
    float w = 0;
    for (int i = 0; i < text.length(); i++) {
      w += a[text.charAt(i)];
    }
    return w * size;
  }

  private float[] readAdvances() {
    try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
      float units = ttf.getUnitsPerEm();
      var cmap = ttf.getUnicodeCmapLookup();
      float[] out = new float[65536];
      for (int c = 0; c < out.length; c++) {
        int gid = cmap.getGlyphId(c);
        out[c] =
            gid == 0 && c != 0 ? ttf.getAdvanceWidth(0) / units : ttf.getAdvanceWidth(gid) / units;
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("the font " + name + " cannot be read", e);
    }
  }

  /**
   * Loads a TrueType font file (the host's Times New Roman, or any font with Vietnamese letters).
   *
   * @param ttf the font file
   * @return the font
   * @throws DocumentException {@code APPEARANCE_INVALID} when it is not a TrueType font or lacks
   *     Vietnamese letters
   */
  public static AppearanceFont load(Path ttf) throws DocumentException {
    Objects.requireNonNull(ttf, "ttf");
    try {
      byte[] data = Files.readAllBytes(ttf);
      return checked(data, String.valueOf(ttf.getFileName()), false);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.APPEARANCE_INVALID, e, "cannot read the font " + ttf);
    }
  }

  /**
   * Returns Times New Roman when the system has it, else the bundled Liberation Serif.
   *
   * @return the font
   */
  public static AppearanceFont timesNewRoman() {
    for (String p : TIMES_PATHS) {
      Path path = Path.of(p);
      if (Files.isRegularFile(path)) {
        try {
          return checked(Files.readAllBytes(path), "Times New Roman", false);
        } catch (IOException | DocumentException e) {
          // an unusable copy: try the next place, then the bundled font
        }
      }
    }
    return bundled();
  }

  /**
   * Returns the bundled Liberation Serif 2.1.5 (SIL Open Font Licence 1.1).
   *
   * @return the font
   */
  public static AppearanceFont bundled() {
    try (InputStream in = AppearanceFont.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the SDK jar lacks " + BUNDLED);
      }
      return checked(in.readAllBytes(), "Liberation Serif", true);
    } catch (IOException | DocumentException e) {
      throw new IllegalStateException("cannot read the bundled font", e);
    }
  }

  private static AppearanceFont checked(byte[] data, String name, boolean fallback)
      throws DocumentException {
    try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(data))) {
      var cmap = ttf.getUnicodeCmapLookup();
      for (int i = 0; i < VIETNAMESE.length(); i++) {
        if (cmap.getGlyphId(VIETNAMESE.charAt(i)) == 0) {
          throw new DocumentException(
              ErrorCode.APPEARANCE_INVALID,
              null,
              "the font " + name + " has no glyph for '" + VIETNAMESE.charAt(i) + "'");
        }
      }
      return new AppearanceFont(Optional.ofNullable(ttf.getName()).orElse(name), data, fallback);
    } catch (IOException | RuntimeException e) {
      throw new DocumentException(
          ErrorCode.APPEARANCE_INVALID, e, "the font " + name + " cannot be read");
    }
  }

  static AppearanceFont of(String name, byte[] bytes, boolean fallback) {
    return new AppearanceFont(name, bytes, fallback);
  }

  /**
   * @return the font's name
   */
  public String name() {
    return name;
  }

  /**
   * @return whether this is the bundled fallback rather than Times New Roman or the host's font
   */
  public boolean isFallback() {
    return fallback;
  }

  byte[] bytes() {
    return bytes;
  }
}
