package vn.kyso.api.policy;

import vn.kyso.api.SubjectType;

/**
 * The two kinds of signature on a state e-document (Nghị định 30/2020/NĐ-CP Art 5, 32).
 *
 * @since 0.1
 */
public enum SignatureKind {
  /** The competent person's own signature (chữ ký số của người có thẩm quyền). */
  PERSONAL,
  /**
   * The issuing organisation's signature, applied by the văn thư (chữ ký số của cơ quan, tổ chức).
   */
  ORGANISATION;

  /**
   * Infers the kind from the certificate's subject type: an organisation certificate gives {@link
   * #ORGANISATION}, anything else {@link #PERSONAL}.
   *
   * @param type the subject type
   * @return the kind
   */
  public static SignatureKind from(SubjectType type) {
    return type == SubjectType.ORGANISATION ? ORGANISATION : PERSONAL;
  }
}
