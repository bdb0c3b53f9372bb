package vn.kyso.interop;

/** Test documents. */
final class Xml {
  static final String RECORD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo Id=\"hs1\"><SoTien>1000000</SoTien>"
          + "<NguoiNop>Nguyễn Văn An</NguoiNop></HoSo>\n";

  private Xml() {}
}
