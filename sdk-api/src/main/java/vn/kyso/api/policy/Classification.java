package vn.kyso.api.policy;

/**
 * The security classification of a document (độ mật), Luật Bảo vệ bí mật nhà nước 2018 Art 8.
 *
 * @since 0.1
 */
public enum Classification {
  /** Not classified. */
  NONE,
  /** Mật (confidential). */
  MAT,
  /** Tối mật (secret). */
  TOI_MAT,
  /** Tuyệt mật (top secret). */
  TUYET_MAT;

  /**
   * @return whether the document holds state-secret information
   */
  public boolean isClassified() {
    return this != NONE;
  }
}
