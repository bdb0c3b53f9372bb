package vn.kyso.pades.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.trust.CertificateVerifier;

/**
 * What one verification of one PDF knows, computed once and shared by the steps: the file, the
 * parsed final revision, the revision ends, the certification permission, the DSS material, and the
 * changes after each signed revision (one comparison per revision, whichever signature or document
 * time-stamp asks first). Not thread-safe: one per verification.
 */
public final class DocumentContext {
  private final Path pdf;
  private final String secret;
  private final SignedBytes bytes;
  private final PDDocument latest;
  private final List<Long> ends;
  private final Integer docMdp;
  private final DssMaterial dss;
  private final ResourceLimits limits;
  private final CertificateVerifier certificates;
  private final Map<Long, RevisionChanges> changes = new HashMap<>();

  /**
   * Collects the document's facts.
   *
   * @param pdf the file
   * @param secret its password, empty for none
   * @param bytes the file's bytes
   * @param latest the parsed final revision
   * @param ends the revision ends, in file order
   * @param limits the resource limits
   * @param certificates validates signer and TSA certificates
   */
  public DocumentContext(
      Path pdf,
      String secret,
      SignedBytes bytes,
      PDDocument latest,
      List<Long> ends,
      ResourceLimits limits,
      CertificateVerifier certificates) {
    this.pdf = pdf;
    this.secret = secret;
    this.bytes = bytes;
    this.latest = latest;
    this.ends = List.copyOf(ends);
    this.limits = limits;
    this.certificates = certificates;
    this.docMdp = PdfUpdate.docMdpOf(latest);
    this.dss = DssMaterial.read(latest, limits.maxDecodedStreamBytes());
  }

  /**
   * @return the file
   */
  public Path pdf() {
    return pdf;
  }

  /**
   * @return the file's password, empty for none
   */
  public String secret() {
    return secret;
  }

  /**
   * @return the file's bytes
   */
  public SignedBytes bytes() {
    return bytes;
  }

  /**
   * @return the parsed final revision
   */
  public PDDocument latest() {
    return latest;
  }

  /**
   * @return the revision ends in file order
   */
  public List<Long> ends() {
    return ends;
  }

  /**
   * @param end a revision's end
   * @return its number from 1, or 0 when no revision ends there
   */
  public int revisionOf(long end) {
    return ends.indexOf(end) + 1;
  }

  /**
   * @return the certification (DocMDP) permission in force, or null
   */
  public Integer docMdp() {
    return docMdp;
  }

  /**
   * @return the DSS material
   */
  public DssMaterial dss() {
    return dss;
  }

  /**
   * @return the resource limits
   */
  public ResourceLimits limits() {
    return limits;
  }

  /**
   * @return the certificate verifier
   */
  public CertificateVerifier certificates() {
    return certificates;
  }

  /**
   * Returns what changed after a signed revision, compared once per revision.
   *
   * @param revisionEnd the signed revision's end; must be before the file's end
   * @return the changes
   */
  public RevisionChanges changesAfter(long revisionEnd) {
    return changes.computeIfAbsent(revisionEnd, end -> RevisionChanges.after(this, end));
  }

  /**
   * @return the comparisons made so far, by revision end
   */
  public Map<Long, RevisionChanges> comparedRevisions() {
    return Map.copyOf(changes);
  }
}
