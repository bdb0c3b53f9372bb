package vn.kyso.api.policy;

/**
 * The copy forms of Nghị định 30/2020/NĐ-CP Art 25.
 *
 * @since 0.1
 */
public enum CopyForm {
  /** Sao y: a full copy from the original or the main document. */
  SAO_Y,
  /** Sao lục: a full copy made from a sao y copy. */
  SAO_LUC,
  /** Trích sao: a copy of part of the content. */
  TRICH_SAO
}
