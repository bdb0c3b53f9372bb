package vn.kyso.pades;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/**
 * A visible signature in the national format of Nghị định 30/2020/NĐ-CP, Phụ lục I:
 *
 * <ul>
 *   <li>{@link #personal}: the competent person's handwritten signature (blue PNG), centred in the
 *       signer block between the title line and the name line;
 *   <li>{@link #organisation}: the seal (red PNG) at its real size in millimetres, over about one
 *       third of the personal signature on its left side, in a later revision;
 *   <li>{@link #attachment} and {@link #copy}: no image; a text block at the top right of the first
 *       page with the main document's number and symbol, or the copy form and copying organisation,
 *       and the signing time as ISO 8601 with {@code +07:00}, in Times New Roman 10 pt, black,
 *       upright (or the bundled metric-compatible fallback, see {@link AppearanceFont}).
 * </ul>
 *
 * Text is normalised to Unicode NFC and the font embedded as a subset. Immutable and thread-safe;
 * images and fonts are decoded once and reused for every signature.
 *
 * <pre>{@code
 * SignatureImage signature = SignatureImage.png(Files.readAllBytes(Path.of("chu-ky.png")));
 * PdfSignatureOptions personal = PdfSignatureOptions.builder(PadesLevel.B_T)
 *     .visible(VisibleSignature.personal(
 *         signature, Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")))
 *     .build();
 * PdfSignatureOptions seal = PdfSignatureOptions.builder(PadesLevel.B_T)
 *     .visible(VisibleSignature.organisation(SignatureImage.png(sealPng), 36, 36))   // mm
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class VisibleSignature {
  /** What is shown. */
  public enum Kind {
    /** The personal signature image. */
    PERSONAL,
    /** The seal image. */
    ORGANISATION,
    /** The text marker of an attachment in a separate file. */
    ATTACHMENT,
    /** The text marker of an electronic copy. */
    COPY,
    /** The host's own text block, followed by the signing time. */
    TEXT
  }

  private final Kind kind;
  private final SignatureImage image;
  private final Placement placement;
  private final double widthMm;
  private final double heightMm;
  private final double overlap;
  private final List<String> lines;
  private final AppearanceFont font;

  private VisibleSignature(
      Kind kind,
      SignatureImage image,
      Placement placement,
      double widthMm,
      double heightMm,
      double overlap,
      List<String> lines,
      AppearanceFont font) {
    this.kind = kind;
    this.image = image;
    this.placement = placement;
    this.widthMm = widthMm;
    this.heightMm = heightMm;
    this.overlap = overlap;
    this.lines = List.copyOf(lines);
    this.font = font;
  }

  static VisibleSignature of(
      Kind kind,
      SignatureImage image,
      Placement placement,
      double widthMm,
      double heightMm,
      double overlap,
      List<String> lines,
      AppearanceFont font) {
    return new VisibleSignature(kind, image, placement, widthMm, heightMm, overlap, lines, font);
  }

  /**
   * The competent person's signature image, 35 mm wide by default (smaller when the signer block
   * leaves less room).
   *
   * @param handwritten the signature image (blue PNG with transparency)
   * @param where where it goes, e.g. {@link Placement#signerBlock}
   * @return the visible signature
   */
  public static VisibleSignature personal(SignatureImage handwritten, Placement where) {
    return new VisibleSignature(
        Kind.PERSONAL,
        Objects.requireNonNull(handwritten, "handwritten"),
        Objects.requireNonNull(where, "where"),
        35,
        0,
        0,
        List.of(),
        null);
  }

  /**
   * The organisation's seal at its real size, over the left third of the earlier personal signature
   * ({@link Placement#besidePersonalSignature()}).
   *
   * @param seal the seal image (red PNG with transparency)
   * @param widthMm the seal's real width in millimetres
   * @param heightMm the seal's real height in millimetres
   * @return the visible signature
   * @throws IllegalArgumentException for sizes outside 5 to 100 mm
   */
  public static VisibleSignature organisation(
      SignatureImage seal, double widthMm, double heightMm) {
    if (!(widthMm >= 5 && widthMm <= 100 && heightMm >= 5 && heightMm <= 100)) {
      throw new IllegalArgumentException("a seal is 5 to 100 mm a side");
    }
    return new VisibleSignature(
        Kind.ORGANISATION,
        Objects.requireNonNull(seal, "seal"),
        Placement.besidePersonalSignature(),
        widthMm,
        heightMm,
        1.0 / 3,
        List.of(),
        null);
  }

  /**
   * The marker of an attachment in a separate file: the main document's number and symbol and the
   * signing time.
   *
   * @param mainNumberSymbol e.g. {@code 123/UBND-VP}
   * @return the visible signature
   */
  public static VisibleSignature attachment(String mainNumberSymbol) {
    return new VisibleSignature(
        Kind.ATTACHMENT,
        null,
        Placement.topRightOfFirstPage(),
        0,
        0,
        0,
        List.of(nfc(mainNumberSymbol, "mainNumberSymbol")),
        null);
  }

  /**
   * The marker of an electronic copy: the copy form, the copying organisation and the signing time.
   *
   * @param form sao y, sao lục or trích sao
   * @param copyingOrganisation the organisation making the copy
   * @return the visible signature
   */
  public static VisibleSignature copy(CopyForm form, String copyingOrganisation) {
    String word =
        switch (Objects.requireNonNull(form, "form")) {
          case SAO_Y -> "SAO Y";
          case SAO_LUC -> "SAO LỤC";
          case TRICH_SAO -> "TRÍCH SAO";
        };
    return new VisibleSignature(
        Kind.COPY,
        null,
        Placement.topRightOfFirstPage(),
        0,
        0,
        0,
        List.of(nfc(word, "form"), nfc(copyingOrganisation, "copyingOrganisation")),
        null);
  }

  /**
   * The host's own text block (e.g. the organisation's name and "Ký bởi"), followed by the signing
   * time as ISO 8601 with {@code +07:00}, in the marker's font, size and colour.
   *
   * @param where where it goes
   * @param lines one to six lines
   * @return the visible signature
   */
  public static VisibleSignature text(Placement where, String... lines) {
    if (lines.length < 1 || lines.length > 6) {
      throw new IllegalArgumentException("one to six lines");
    }
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(nfc(l, "line"));
    }
    return new VisibleSignature(
        Kind.TEXT, null, Objects.requireNonNull(where, "where"), 0, 0, 0, out, null);
  }

  private static String nfc(String s, String name) {
    if (Objects.requireNonNull(s, name).isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return Normalizer.normalize(s.strip(), Normalizer.Form.NFC);
  }

  /**
   * Returns a copy placed elsewhere.
   *
   * @param where the placement
   * @return the copy
   */
  public VisibleSignature at(Placement where) {
    return new VisibleSignature(
        kind,
        image,
        Objects.requireNonNull(where, "where"),
        widthMm,
        heightMm,
        overlap,
        lines,
        font);
  }

  /**
   * Returns a copy with the personal signature's width (its height follows the image).
   *
   * @param millimetres the width, 10 to 120 mm
   * @return the copy
   */
  public VisibleSignature width(double millimetres) {
    if (kind != Kind.PERSONAL || !(millimetres >= 10 && millimetres <= 120)) {
      throw new IllegalArgumentException("a personal signature image is 10 to 120 mm wide");
    }
    return new VisibleSignature(
        kind, image, placement, millimetres, heightMm, overlap, lines, font);
  }

  /**
   * Returns a copy with another overlap: the share of the personal signature's width the seal
   * covers (default 1/3).
   *
   * @param ratio 0.1 to 0.9
   * @return the copy
   */
  public VisibleSignature overlap(double ratio) {
    if (kind != Kind.ORGANISATION || !(ratio >= 0.1 && ratio <= 0.9)) {
      throw new IllegalArgumentException(
          "an organisation seal overlaps 0.1 to 0.9 of the personal signature");
    }
    return new VisibleSignature(kind, image, placement, widthMm, heightMm, ratio, lines, font);
  }

  /**
   * Returns a copy with the text marker's font (default {@link AppearanceFont#timesNewRoman()}).
   *
   * @param value the font
   * @return the copy
   */
  public VisibleSignature font(AppearanceFont value) {
    return new VisibleSignature(
        kind,
        image,
        placement,
        widthMm,
        heightMm,
        overlap,
        lines,
        Objects.requireNonNull(value, "font"));
  }

  /**
   * @return what is shown
   */
  public Kind kind() {
    return kind;
  }

  /**
   * @return where it goes
   */
  public Placement placement() {
    return placement;
  }

  /**
   * @return the image, for the personal and organisation kinds
   */
  public Optional<SignatureImage> image() {
    return Optional.ofNullable(image);
  }

  /**
   * @return the overlap ratio of a seal
   */
  public double overlapRatio() {
    return overlap;
  }

  /**
   * @return the text lines of a marker, before the signing time
   */
  public List<String> lines() {
    return lines;
  }

  /**
   * Returns what departs from the national format: a signature image that is not blue, a seal that
   * is not red, the fallback font instead of Times New Roman.
   *
   * @return the warnings
   */
  public List<Finding> warnings() {
    List<Finding> out = new ArrayList<>();
    if (kind == Kind.PERSONAL) {
      out.addAll(image.warnings(SignatureImage.Hue.BLUE));
    } else if (kind == Kind.ORGANISATION) {
      out.addAll(image.warnings(SignatureImage.Hue.RED));
    } else if (font().isFallback()) {
      out.add(
          Finding.fromBundle(
              "vn.kyso.pades.messages",
              VisibleSignature.class,
              "APPEARANCE_FONT_FALLBACK",
              Severity.WARNING,
              font().name()));
    }
    return out;
  }

  AppearanceFont font() {
    return font != null ? font : DefaultFont.INSTANCE;
  }

  double widthMm() {
    return widthMm;
  }

  double heightMm() {
    return heightMm;
  }

  /** The default font, looked up once. */
  private static final class DefaultFont {
    static final AppearanceFont INSTANCE = AppearanceFont.timesNewRoman();
  }
}
