package vn.kyso.policy;

/**
 * How an organisation decides (Nghị định 30/2020/NĐ-CP Art 13).
 *
 * @since 0.1
 */
public enum Regime {
  /** Head-of-agency regime (chế độ thủ trưởng): the head signs; deputies sign KT. */
  HEAD_OF_AGENCY,
  /** Collective regime (chế độ tập thể): the head signs TM. for the collective. */
  COLLECTIVE
}
