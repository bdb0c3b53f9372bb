package vn.kyso.asic;

/**
 * The two ASiC container types (ETSI EN 319 162-1).
 *
 * @since 0.2
 */
public enum AsicType {
  /** ASiC-S: one data file and its signature(s). */
  S("application/vnd.etsi.asic-s+zip"),
  /** ASiC-E: several data files; each signature says which it covers. */
  E("application/vnd.etsi.asic-e+zip");

  private final String mimeType;

  AsicType(String mimeType) {
    this.mimeType = mimeType;
  }

  /**
   * @return the content of the container's {@code mimetype} entry
   */
  public String mimeType() {
    return mimeType;
  }
}
