package vn.kyso.policy;

/**
 * A person's position in their organisation, as the host's registry records it.
 *
 * @since 0.1
 */
public enum Position {
  /** Head of the organisation (Chủ tịch, Giám đốc, Thủ trưởng). */
  HEAD,
  /** A deputy head (Phó Chủ tịch, Phó Giám đốc). */
  DEPUTY_HEAD,
  /** A deputy head put in charge, or an acting head (Q.). */
  ACTING_HEAD,
  /** Head of a subordinate unit (Chánh Văn phòng, Trưởng phòng). */
  UNIT_HEAD,
  /** Deputy head of a subordinate unit. */
  UNIT_DEPUTY,
  /** A records clerk (văn thư), who applies the organisation signature. */
  CLERK,
  /** Any other official. */
  OFFICIAL
}
