package vn.kyso.pades;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A page as the reader sees it: the crop box turned by the page's {@code /Rotate}, with the origin
 * at its lower-left corner, x to the right and y upwards, in points. Placement and the appearance
 * check reason in this frame; the widget's rectangle is converted to user space at the end.
 * PDFBox's direction-adjusted text positions are in the same frame (measured from the top).
 */
final class PageView {
  private final int rotation;
  private final float llx;
  private final float lly;
  private final float w;
  private final float h;

  private PageView(int rotation, PDRectangle crop) {
    this.rotation = rotation;
    this.llx = crop.getLowerLeftX();
    this.lly = crop.getLowerLeftY();
    this.w = crop.getWidth();
    this.h = crop.getHeight();
  }

  /**
   * @param page the page
   * @return its view
   * @throws IllegalArgumentException when {@code /Rotate} is not a multiple of 90
   */
  static PageView of(PDPage page) {
    int r = Math.floorMod(page.getRotation(), 360);
    if (r % 90 != 0) {
      throw new IllegalArgumentException("a page rotation of " + page.getRotation() + " degrees");
    }
    return new PageView(r, page.getCropBox());
  }

  /**
   * @return 0, 90, 180 or 270: how far the page is turned clockwise for display
   */
  int rotation() {
    return rotation;
  }

  /**
   * @return the width the reader sees
   */
  float width() {
    return quarter() ? h : w;
  }

  /**
   * @return the height the reader sees
   */
  float height() {
    return quarter() ? w : h;
  }

  private boolean quarter() {
    return rotation == 90 || rotation == 270;
  }

  /** A point of the view in user space. */
  float[] toUser(float x, float y) {
    return switch (rotation) {
      case 90 -> new float[] {llx + w - y, lly + x};
      case 180 -> new float[] {llx + w - x, lly + h - y};
      case 270 -> new float[] {llx + y, lly + h - x};
      default -> new float[] {llx + x, lly + y};
    };
  }

  /** A point of user space in the view. */
  float[] toView(float ux, float uy) {
    return switch (rotation) {
      case 90 -> new float[] {uy - lly, llx + w - ux};
      case 180 -> new float[] {llx + w - ux, lly + h - uy};
      case 270 -> new float[] {lly + h - uy, ux - llx};
      default -> new float[] {ux - llx, uy - lly};
    };
  }

  /** A rectangle of the view in user space. */
  PDRectangle toUser(PDRectangle view) {
    return box(
        toUser(view.getLowerLeftX(), view.getLowerLeftY()),
        toUser(view.getUpperRightX(), view.getUpperRightY()));
  }

  /** A rectangle of user space in the view. */
  PDRectangle toView(PDRectangle user) {
    return box(
        toView(user.getLowerLeftX(), user.getLowerLeftY()),
        toView(user.getUpperRightX(), user.getUpperRightY()));
  }

  private static PDRectangle box(float[] a, float[] b) {
    float x0 = Math.min(a[0], b[0]);
    float y0 = Math.min(a[1], b[1]);
    return new PDRectangle(x0, y0, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
  }
}
