package vn.kyso.pades;

import java.util.Objects;

/**
 * Where a visible signature goes: an empty signature field, a page and rectangle, the signer block
 * found from its text, a placeholder the drafting system wrote, next to the earlier personal
 * signature (for the seal), or the top right of the first page (for text markers). Immutable.
 *
 * @since 0.1
 */
public final class Placement {
  /** Units of a rectangle. */
  public enum Unit {
    /** PDF points, 1/72 inch. */
    POINT,
    /** Millimetres. */
    MILLIMETRE
  }

  /** Which page corner the rectangle's {@code y} is measured from. */
  public enum Origin {
    /** From the top edge of the page's crop box, downwards (as people measure a printed page). */
    TOP_LEFT,
    /** From the bottom edge of the crop box, upwards (PDF user space). */
    BOTTOM_LEFT
  }

  enum Kind {
    FIELD,
    RECTANGLE,
    SIGNER_BLOCK,
    ANCHOR,
    MARKER,
    BESIDE_PERSONAL,
    TOP_RIGHT
  }

  private final Kind kind;
  private final String text;
  private final String secondText;
  private final int page;
  private final double[] box;
  private final Unit unit;
  private final Origin origin;

  private Placement(
      Kind kind, String text, String secondText, int page, double[] box, Unit unit, Origin origin) {
    this.kind = kind;
    this.text = text;
    this.secondText = secondText;
    this.page = page;
    this.box = box;
    this.unit = unit;
    this.origin = origin;
  }

  /**
   * Uses an empty signature field already in the document.
   *
   * @param name the field's name
   * @return the placement
   */
  public static Placement field(String name) {
    return new Placement(
        Kind.FIELD, Objects.requireNonNull(name, "name"), null, 0, null, null, null);
  }

  /**
   * Uses a rectangle on a page.
   *
   * @param pageIndex the page, from 0
   * @param x left edge
   * @param y top edge ({@link Origin#TOP_LEFT}) or bottom edge ({@link Origin#BOTTOM_LEFT})
   * @param width width
   * @param height height
   * @param unit points or millimetres
   * @param origin which corner {@code y} is measured from
   * @return the placement
   * @throws IllegalArgumentException for a negative page or a non-positive size
   */
  public static Placement rectangle(
      int pageIndex, double x, double y, double width, double height, Unit unit, Origin origin) {
    if (pageIndex < 0
        || !(width > 0)
        || !(height > 0)
        || !Double.isFinite(x)
        || !Double.isFinite(y)) {
      throw new IllegalArgumentException("page >= 0 and a positive, finite size are needed");
    }
    return new Placement(
        Kind.RECTANGLE,
        null,
        null,
        pageIndex,
        new double[] {x, y, width, height},
        Objects.requireNonNull(unit, "unit"),
        Objects.requireNonNull(origin, "origin"));
  }

  /**
   * Finds the signer block from its lines: the image goes centred under the title line and above
   * the name line, e.g. {@code signerBlock("CHỦ TỊCH", "Nguyễn Văn An")}. Lines are matched after
   * Unicode NFC normalisation, ignoring case and surrounding spaces; the last page holding both
   * (title above name) is used.
   *
   * @param titleLine the title line as printed, e.g. {@code PHÓ CHỦ TỊCH}
   * @param nameLine the signer's name as printed
   * @return the placement
   */
  public static Placement signerBlock(String titleLine, String nameLine) {
    return new Placement(
        Kind.SIGNER_BLOCK,
        requireText(titleLine, "titleLine"),
        requireText(nameLine, "nameLine"),
        0,
        null,
        null,
        null);
  }

  /**
   * Finds the signer block from one of its lines, e.g. the authority line {@code TM. ỦY BAN NHÂN
   * DÂN}: follows the lines stacked under it to the title line and places the image between it and
   * the name line below (60 pt under the title when there is none). The last occurrence of the line
   * in the document is used.
   *
   * @param line the authority or title line as printed
   * @return the placement
   */
  public static Placement anchor(String line) {
    return new Placement(Kind.ANCHOR, requireText(line, "line"), null, 0, null, null, null);
  }

  /**
   * Uses a placeholder the drafting system wrote where the signature goes (e.g. {@code
   * [[CHU_KY_LANH_DAO]]}); the image is centred on it.
   *
   * @param placeholder the placeholder text
   * @return the placement
   */
  public static Placement marker(String placeholder) {
    return new Placement(
        Kind.MARKER, requireText(placeholder, "placeholder"), null, 0, null, null, null);
  }

  /**
   * Places the seal over the left part of the last visible signature already in the document (the
   * personal signature of the earlier revision); the default for the organisation signature.
   *
   * @return the placement
   */
  public static Placement besidePersonalSignature() {
    return new Placement(Kind.BESIDE_PERSONAL, null, null, 0, null, null, null);
  }

  /**
   * Places a text marker in the top right corner of the first page; the default for attachments and
   * copies.
   *
   * @return the placement
   */
  public static Placement topRightOfFirstPage() {
    return new Placement(Kind.TOP_RIGHT, null, null, 0, null, null, null);
  }

  static Placement of(
      Kind kind, String text, String secondText, int page, double[] box, Unit unit, Origin origin) {
    return new Placement(kind, text, secondText, page, box, unit, origin);
  }

  double[] box() {
    return box == null ? null : box.clone();
  }

  Unit unit() {
    return unit;
  }

  Origin origin() {
    return origin;
  }

  private static String requireText(String value, String name) {
    if (Objects.requireNonNull(value, name).isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value;
  }

  Kind kind() {
    return kind;
  }

  String text() {
    return text;
  }

  String secondText() {
    return secondText;
  }

  int page() {
    return page;
  }

  /**
   * @return x, y, width, height in points with the origin at the bottom left of the crop box
   */
  double[] pointsFromBottom(double cropHeight) {
    double f = unit == Unit.MILLIMETRE ? 72.0 / 25.4 : 1.0;
    double x = box[0] * f;
    double w = box[2] * f;
    double h = box[3] * f;
    double y = origin == Origin.TOP_LEFT ? cropHeight - box[1] * f - h : box[1] * f;
    return new double[] {x, y, w, h};
  }

  @Override
  public String toString() {
    return "Placement[" + kind + (text == null ? "" : " " + text) + "]";
  }
}
