package vn.kyso.api.trust;

import java.util.List;

/**
 * The trust stores shipped inside {@code sdk-api}.
 *
 * <p>The certificates were copied from public sources recorded in the project's README (section
 * "Built-in trust anchors") with their SHA-256 fingerprints, which a test pins. Compare them with
 * the fingerprints the issuers publish (ca.gov.vn, rootca.gov.vn) before relying on them in
 * production.
 *
 * @since 0.1
 */
public enum BuiltInTrust {
  /**
   * The government special-use PKI (chứng thư số chuyên dùng Chính phủ, Ban Cơ yếu Chính phủ):
   * anchors G1 RootCA (2010–2030, SHA-1 hierarchy) and RootCA G2 (2018–2048); known intermediates:
   * the G1 sub-CAs Chính phủ, Bộ Tài chính, Bộ Công an, Đảng Cộng sản, Bộ Ngoại giao and the G2 "CA
   * phục vụ các cơ quan Nhà nước G2".
   */
  GOVERNMENT_SPECIAL_USE(
      List.of("gov-anchor-vgca-g1-root-rootca.pem", "gov-anchor-vgca-g2-root.pem"),
      List.of(
          "gov-intermediate-vgca-g1-sub-chinh-phu.pem",
          "gov-intermediate-vgca-g1-sub-bo-tai-chinh.pem",
          "gov-intermediate-vgca-g1-sub-bo-cong-an.pem",
          "gov-intermediate-vgca-g1-sub-dang-cong-san.pem",
          "gov-intermediate-vgca-g1-sub-bo-ngoai-giao.pem",
          "gov-intermediate-vgca-g2-sub-co-quan-nha-nuoc.pem")),
  /**
   * The national public PKI (NEAC): anchor Vietnam National Root CA (2014–2039); known intermediate
   * VNPT-CA SHA2.
   */
  NATIONAL_PUBLIC(
      List.of("national-anchor-vietnam-national-root-ca-2014.pem"),
      List.of("national-intermediate-vnpt-ca-sha2.pem"));

  private final List<String> anchorResources;
  private final List<String> intermediateResources;

  BuiltInTrust(List<String> anchorResources, List<String> intermediateResources) {
    this.anchorResources = anchorResources;
    this.intermediateResources = intermediateResources;
  }

  List<String> anchorResources() {
    return anchorResources;
  }

  List<String> intermediateResources() {
    return intermediateResources;
  }
}
