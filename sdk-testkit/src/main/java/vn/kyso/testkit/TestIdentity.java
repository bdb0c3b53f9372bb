package vn.kyso.testkit;

/**
 * The certificates a {@link TestPki} issues: officials, organisations and a service shaped like
 * Vietnamese special-use certificates, and broken ones for negative tests.
 *
 * @since 0.1
 */
public enum TestIdentity {
  /** Chủ tịch Nguyễn Văn An, UBND tỉnh Thử Nghiệm; G2 layout with title in {@code T}. */
  CHAIRMAN,
  /** Phó Chủ tịch Trần Thị Bình, UBND tỉnh Thử Nghiệm. */
  VICE_CHAIRMAN,
  /** Giám đốc Lê Văn Cường, Sở Nội vụ. */
  DIRECTOR,
  /** Chánh Văn phòng Phạm Thị Dung, Văn phòng UBND tỉnh. */
  CHIEF_OF_OFFICE,
  /** Văn thư Hoàng Thị Én, the records clerk who holds the organisation token. */
  CLERK,
  /** The organisation Ủy ban nhân dân tỉnh Thử Nghiệm, with {@code UID=MST:…}. */
  PROVINCE_ORGANISATION,
  /** The organisation Sở Nội vụ tỉnh Thử Nghiệm. */
  DEPARTMENT_ORGANISATION,
  /** A document-management service (device/service certificate). */
  SERVICE,
  /** A G1-style person: ASCII, title inside the CN, issued by a SHA-1-signed sub-CA. */
  G1_LEGACY_PERSON,
  /** Expired yesterday. */
  EXPIRED,
  /** Valid only from ten days from now. */
  NOT_YET_VALID,
  /** Revoked two days ago for key compromise. */
  REVOKED,
  /** Key usage keyEncipherment only: cannot sign. */
  WRONG_KEY_USAGE,
  /** Issued by a foreign root that is not a trust anchor. */
  FOREIGN_ROOT,
  /** An RSA-1024 key. */
  RSA_1024,
  /** Signed by the issuing CA with SHA-1. */
  SHA1_SIGNED
}
