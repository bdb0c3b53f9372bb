package vn.kyso.pades;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/**
 * A signature or seal image for a visible signature: a PNG with transparency, decoded and
 * compressed once and reused for every signature it appears on. Immutable and thread-safe.
 *
 * <p>Nghị định 30/2020/NĐ-CP Phụ lục I asks for the handwritten signature in blue and the seal in
 * red, both PNG with a transparent background. {@link #png} refuses anything but a PNG with an
 * alpha channel, and {@link #warnings(Hue)} says when the dominant hue of the visible pixels is not
 * the expected one.
 *
 * @since 0.1
 */
public final class SignatureImage {
  /** The dominant hue of the opaque pixels. */
  public enum Hue {
    /** Blue, as a handwritten signature should be. */
    BLUE,
    /** Red, as a seal should be. */
    RED,
    /** Anything else (black, grey, green, mixed). */
    OTHER
  }

  private static final int MAX_BYTES = 8 * 1024 * 1024;
  private static final int MAX_SIDE = 4096;
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final int width;
  private final int height;
  private final byte[] rgbFlate;
  private final byte[] alphaFlate;
  private final Hue hue;

  private SignatureImage(int width, int height, byte[] rgbFlate, byte[] alphaFlate, Hue hue) {
    this.width = width;
    this.height = height;
    this.rgbFlate = rgbFlate;
    this.alphaFlate = alphaFlate;
    this.hue = hue;
  }

  /**
   * Reads a PNG with transparency.
   *
   * @param png the PNG file's bytes (at most 8 MB, 4096 pixels a side)
   * @return the image
   * @throws DocumentException {@code APPEARANCE_INVALID} when it is not a PNG, has no alpha
   *     channel, is too large or cannot be decoded
   */
  public static SignatureImage png(byte[] png) throws DocumentException {
    Objects.requireNonNull(png, "png");
    if (png.length > MAX_BYTES) {
      throw new DocumentException(
          ErrorCode.APPEARANCE_INVALID, null, "the image is larger than 8 MB");
    }
    if (png.length < PNG_MAGIC.length
        || !Arrays.equals(Arrays.copyOf(png, PNG_MAGIC.length), PNG_MAGIC)) {
      throw new DocumentException(ErrorCode.APPEARANCE_INVALID, null, "the image is not a PNG");
    }
    BufferedImage image;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new DocumentException(
            ErrorCode.APPEARANCE_INVALID, null, "the PNG cannot be decoded");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (reader.getWidth(0) > MAX_SIDE || reader.getHeight(0) > MAX_SIDE) {
          throw new DocumentException(
              ErrorCode.APPEARANCE_INVALID, null, "the image is larger than 4096 pixels a side");
        }
        image = reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new DocumentException(
          ErrorCode.APPEARANCE_INVALID, e, "the PNG cannot be decoded: " + e.getMessage());
    }
    if (!image.getColorModel().hasAlpha()) {
      throw new DocumentException(
          ErrorCode.APPEARANCE_INVALID,
          null,
          "the PNG has no transparency (alpha channel); signature and seal images need a"
              + " transparent background");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    byte[] alpha = new byte[w * h];
    long blue = 0;
    long red = 0;
    long opaque = 0;
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int a = argb >>> 24;
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        int i = y * w + x;
        rgb[3 * i] = (byte) r;
        rgb[3 * i + 1] = (byte) g;
        rgb[3 * i + 2] = (byte) b;
        alpha[i] = (byte) a;
        if (a >= 128) {
          opaque++;
          if (b > r + 40 && b > g + 20) {
            blue++;
          } else if (r > b + 40 && r > g + 40) {
            red++;
          }
        }
      }
    }
    Hue hue =
        opaque == 0
            ? Hue.OTHER
            : blue * 2 > opaque ? Hue.BLUE : red * 2 > opaque ? Hue.RED : Hue.OTHER;
    return new SignatureImage(w, h, deflate(rgb), deflate(alpha), hue);
  }

  static SignatureImage of(int width, int height, byte[] rgbFlate, byte[] alphaFlate, Hue hue) {
    return new SignatureImage(width, height, rgbFlate, alphaFlate, hue);
  }

  private static byte[] deflate(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
    try (DeflaterOutputStream z =
        new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED))) {
      z.write(raw);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /**
   * @return the width in pixels
   */
  public int width() {
    return width;
  }

  /**
   * @return the height in pixels
   */
  public int height() {
    return height;
  }

  /**
   * @return the dominant hue of the opaque pixels
   */
  public Hue hue() {
    return hue;
  }

  /**
   * Returns warnings for an image used as a given kind: a signature should be blue, a seal red.
   *
   * @param expected the hue the national format expects
   * @return the warnings, empty when the hue matches
   */
  public List<Finding> warnings(Hue expected) {
    if (hue == expected) {
      return List.of();
    }
    return List.of(
        Finding.fromBundle(
            "vn.kyso.pades.messages",
            SignatureImage.class,
            "APPEARANCE_IMAGE_COLOUR",
            Severity.WARNING,
            expected.name(),
            hue.name()));
  }

  byte[] rgbFlate() {
    return rgbFlate;
  }

  byte[] alphaFlate() {
    return alphaFlate;
  }
}
