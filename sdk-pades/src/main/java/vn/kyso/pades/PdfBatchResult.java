package vn.kyso.pades;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.KysoException;

/**
 * What {@link PdfSigner#signAll} did with each document of a batch, in the order given. A document
 * is signed (its output written and durable) or carries the typed reason it is not: its own
 * failure, or {@code BATCH_INTERRUPTED} naming the token failure that stopped the batch before it.
 * Immutable.
 *
 * @param outcomes one per document, in the order given
 * @since 0.1
 */
public record PdfBatchResult(List<PdfBatchResult.Outcome> outcomes) {

  /**
   * Validates and copies.
   *
   * @param outcomes the outcomes
   */
  public PdfBatchResult {
    outcomes = List.copyOf(outcomes);
  }

  /**
   * One document of the batch.
   *
   * @param item the input and output given
   * @param failure why it was not signed; empty when its output was written
   */
  public record Outcome(PdfSigner.BatchItem item, Optional<KysoException> failure) {
    /**
     * Validates.
     *
     * @param item the document
     * @param failure the failure, if any
     */
    public Outcome {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(failure, "failure");
    }

    /**
     * @return whether the output was written
     */
    public boolean isSigned() {
      return failure.isEmpty();
    }
  }

  /**
   * @return the outputs written, in the order given
   */
  public List<Path> signed() {
    return outcomes.stream().filter(Outcome::isSigned).map(o -> o.item().output()).toList();
  }

  /**
   * @return the documents not signed, with their reasons, in the order given
   */
  public List<Outcome> failures() {
    return outcomes.stream().filter(o -> !o.isSigned()).toList();
  }

  /**
   * @return whether every document was signed
   */
  public boolean isComplete() {
    return outcomes.stream().allMatch(Outcome::isSigned);
  }
}
