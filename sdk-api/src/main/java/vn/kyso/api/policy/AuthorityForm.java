package vn.kyso.api.policy;

/**
 * The signing-authority form written above the signer's title (Nghị định 30/2020/NĐ-CP Art 13).
 *
 * @since 0.1
 */
public enum AuthorityForm {
  /** The head signs in their own name (no prefix). */
  NONE("", "none"),
  /** TM. (thay mặt): the head signs for a collective body. */
  TM("TM.", "on behalf of the collective"),
  /** KT. (ký thay): a deputy signs for the head. */
  KT("KT.", "signing for the head"),
  /** TM. then KT.: a deputy signs for the head of a collective body (two lines). */
  TM_KT("TM. / KT.", "deputy signing for the head of a collective"),
  /** TL. (thừa lệnh): a unit head signs by order of the head, for assigned document types. */
  TL("TL.", "by order of the head"),
  /** TL. then KT.: the deputy of a TL. signer signs for them. */
  TL_KT("TL. / KT.", "deputy of a by-order signer"),
  /** TUQ. (thừa ủy quyền): a written, time- and content-limited authorisation. */
  TUQ("TUQ.", "by written authorisation"),
  /** Q. (quyền): an acting head. */
  Q("Q.", "acting head");

  private final String prefix;
  private final String english;

  AuthorityForm(String prefix, String english) {
    this.prefix = prefix;
    this.english = english;
  }

  /**
   * @return the prefix as written on the document, e.g. {@code KT.}
   */
  public String prefix() {
    return prefix;
  }

  /**
   * @return a short English description
   */
  public String description() {
    return english;
  }
}
