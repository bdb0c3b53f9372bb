package vn.kyso.pades.internal;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * Where a page paints: boxes around every glyph, image and painted path, in default user space.
 * Generous on purpose, so that "does this annotation cover content" errs towards yes.
 */
public final class ContentBounds extends PDFGraphicsStreamEngine {
  private static final int MAX_BOXES = 200_000;
  private final List<Rectangle2D> boxes = new ArrayList<>();
  private final List<Point2D> path = new ArrayList<>();
  private Point2D current = new Point2D.Float();

  private ContentBounds(PDPage page) {
    super(page);
  }

  /**
   * Collects the painted boxes of a page.
   *
   * @param page the page
   * @return the boxes; a page that cannot be read yields its whole media box
   */
  public static List<Rectangle2D> of(PDPage page) {
    ContentBounds engine = new ContentBounds(page);
    try {
      engine.processPage(page);
    } catch (IOException | RuntimeException e) {
      var m = page.getMediaBox();
      return List.of(
          new Rectangle2D.Float(m.getLowerLeftX(), m.getLowerLeftY(), m.getWidth(), m.getHeight()));
    }
    return engine.boxes;
  }

  private void add(Rectangle2D r) {
    if (boxes.size() < MAX_BOXES) {
      boxes.add(r);
    }
  }

  @Override
  protected void showGlyph(Matrix trm, PDFont font, int code, Vector displacement)
      throws IOException {
    float h = Math.max(Math.abs(trm.getScalingFactorY()), 1f);
    float w = Math.max(Math.abs(displacement.getX() * trm.getScalingFactorX()), h);
    add(
        new Rectangle2D.Float(
            trm.getTranslateX() - 0.1f * h,
            trm.getTranslateY() - 0.3f * h,
            w + 0.2f * h,
            1.4f * h));
  }

  @Override
  public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
    path.add(p0);
    path.add(p1);
    path.add(p2);
    path.add(p3);
  }

  @Override
  public void drawImage(PDImage pdImage) {
    Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
    Rectangle2D r = null;
    for (float[] c : new float[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
      Point2D p = ctm.transformPoint(c[0], c[1]);
      if (r == null) {
        r = new Rectangle2D.Double(p.getX(), p.getY(), 0, 0);
      } else {
        r.add(p);
      }
    }
    add(r);
  }

  @Override
  public void clip(int windingRule) {
    // clipping paints nothing
  }

  @Override
  public void moveTo(float x, float y) {
    current = new Point2D.Float(x, y);
    path.add(current);
  }

  @Override
  public void lineTo(float x, float y) {
    current = new Point2D.Float(x, y);
    path.add(current);
  }

  @Override
  public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
    path.add(new Point2D.Float(x1, y1));
    path.add(new Point2D.Float(x2, y2));
    current = new Point2D.Float(x3, y3);
    path.add(current);
  }

  @Override
  public Point2D getCurrentPoint() {
    return current;
  }

  @Override
  public void closePath() {
    // the points are already recorded
  }

  @Override
  public void endPath() {
    path.clear();
  }

  @Override
  public void strokePath() {
    paintPath();
  }

  @Override
  public void fillPath(int windingRule) {
    paintPath();
  }

  @Override
  public void fillAndStrokePath(int windingRule) {
    paintPath();
  }

  @Override
  public void shadingFill(COSName shadingName) {
    var m = getPage().getMediaBox();
    add(new Rectangle2D.Float(m.getLowerLeftX(), m.getLowerLeftY(), m.getWidth(), m.getHeight()));
  }

  private void paintPath() {
    Rectangle2D r = null;
    for (Point2D p : path) {
      if (r == null) {
        r = new Rectangle2D.Double(p.getX(), p.getY(), 0, 0);
      } else {
        r.add(p);
      }
    }
    if (r != null) {
      add(new Rectangle2D.Double(r.getX() - 1, r.getY() - 1, r.getWidth() + 2, r.getHeight() + 2));
    }
    path.clear();
  }
}
