package vn.kyso.pades;

/**
 * What a certification signature allows afterwards (ISO 32000-1, 12.8.2.2, DocMDP /P).
 *
 * @since 0.1
 */
public enum DocMdpPermission {
  /** P=1: no change at all, not even another signature. */
  NO_CHANGES(1),
  /** P=2: filling form fields and signing. */
  FORM_FILL_AND_SIGN(2),
  /** P=3: as P=2, plus annotations. */
  ANNOTATE_FORM_FILL_AND_SIGN(3);

  private final int p;

  DocMdpPermission(int p) {
    this.p = p;
  }

  /**
   * @return the /P value
   */
  public int value() {
    return p;
  }
}
