package vn.kyso.pades.internal;

import java.io.IOException;
import java.time.Instant;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import vn.kyso.api.DocumentException;

/** A visible signature that decides where it goes on a document and draws its appearance stream. */
public interface VisibleAppearance {

  /**
   * Where the widget goes.
   *
   * @param page the page index, from 0
   * @param rectangle the widget rectangle in the page's user space
   * @param fieldName an existing empty signature field to use instead, or null
   */
  record Target(int page, PDRectangle rectangle, String fieldName) {}

  /**
   * Decides the target on the document before the update (deterministic for the same input).
   *
   * @param doc the document
   * @return the target
   * @throws DocumentException {@code APPEARANCE_INVALID} when there is no place for it
   */
  Target target(PDDocument doc) throws DocumentException;

  /**
   * Draws the appearance into a stream whose bounding box is {@code width} × {@code height}.
   *
   * @param doc the document (for image and font resources)
   * @param stream the appearance stream
   * @param width the width
   * @param height the height
   * @param signingTime the signing time shown by text markers
   * @throws IOException when drawing fails
   */
  void draw(
      PDDocument doc, PDAppearanceStream stream, float width, float height, Instant signingTime)
      throws IOException;
}
