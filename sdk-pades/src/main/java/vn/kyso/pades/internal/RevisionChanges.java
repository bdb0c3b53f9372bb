package vn.kyso.pades.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.kyso.api.DocumentException;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/**
 * What changed after a signed revision: every later update must be a clean revision (a
 * cross-reference section a strict parser follows), nothing may follow the last, and every object
 * that differs is sorted into allowed or not by {@link RevisionDiff}. The signed revision is read
 * in place (the file up to its end), not copied.
 *
 * @param revision the signed revision's number, from 1
 * @param unclean the spans after it that are not clean updates, as "start-end"
 * @param changes the differing objects, or null when the signed revision could not be read
 */
public record RevisionChanges(
    int revision, List<String> unclean, List<RevisionDiff.Change> changes) {
  private static final int NAMED = 10;

  static RevisionChanges after(DocumentContext ctx, long revisionEnd) {
    int revision = ctx.revisionOf(revisionEnd);
    List<String> unclean = new ArrayList<>();
    SignedBytes bytes = ctx.bytes();
    try {
      long previous = revisionEnd;
      for (long end : ctx.ends()) {
        if (end > revisionEnd) {
          if (!bytes.isCleanRevision(previous, end)) {
            unclean.add(previous + "-" + end);
          }
          previous = end;
        }
      }
      if (previous < bytes.size()
          && !new String(
                  bytes.read(previous, (int) Math.min(4096, bytes.size() - previous)),
                  StandardCharsets.ISO_8859_1)
              .isBlank()) {
        unclean.add(previous + "-" + bytes.size());
      }
    } catch (IOException e) {
      unclean.add(revisionEnd + "-" + bytes.size());
    }
    List<RevisionDiff.Change> changes;
    try (PDDocument signed = PdfLoad.open(ctx.pdf(), ctx.secret(), revisionEnd)) {
      changes = RevisionDiff.compare(signed, ctx.latest(), ctx.docMdp()).changes();
    } catch (DocumentException | IOException | RuntimeException e) {
      changes = null;
    }
    return new RevisionChanges(revision, List.copyOf(unclean), changes);
  }

  /**
   * @return the changes no rule allows (empty when the revision could not be read)
   */
  public List<RevisionDiff.Change> disallowed() {
    return changes == null ? List.of() : changes.stream().filter(c -> !c.allowed()).toList();
  }

  /**
   * @return whether every later change is allowed, every update clean, and the revision readable
   */
  public boolean acceptable() {
    return changes != null && unclean.isEmpty() && disallowed().isEmpty();
  }

  /**
   * The findings for a signature (or document time-stamp) over this revision: what is not allowed
   * (ERROR), or the allowed changes by name (INFO).
   *
   * @return the findings
   */
  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (String span : unclean) {
      String[] p = span.split("-");
      out.add(PdfFindings.of("PDF_UNCLEAN_REVISION", Severity.ERROR, p[0], p[1]));
    }
    if (changes == null) {
      out.add(PdfFindings.of("PDF_REVISION_UNREADABLE", Severity.ERROR, revision));
      return out;
    }
    List<RevisionDiff.Change> bad = disallowed();
    if (!bad.isEmpty()) {
      out.add(
          PdfFindings.of(
              "PDF_DISALLOWED_CHANGE", Severity.ERROR, bad.size(), names(bad), revision));
    } else if (!changes.isEmpty()) {
      out.add(PdfFindings.of("PDF_ALLOWED_CHANGES", Severity.INFO, changes.size(), names(changes)));
    }
    return out;
  }

  private static String names(List<RevisionDiff.Change> list) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < list.size() && i < NAMED; i++) {
      names
          .append(i == 0 ? "" : "; ")
          .append(list.get(i).object())
          .append(" (")
          .append(list.get(i).what())
          .append(')');
    }
    if (list.size() > NAMED) {
      names.append("; …");
    }
    return names.toString();
  }
}
