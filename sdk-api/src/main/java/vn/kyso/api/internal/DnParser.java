package vn.kyso.api.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import vn.kyso.api.DnAttribute;

/** Reads and writes distinguished names as ordered attribute lists. */
public final class DnParser {
  /** Short names for the attribute types Vietnamese certificates use. */
  public static final Map<String, String> SHORT_NAMES =
      Map.ofEntries(
          Map.entry("2.5.4.3", "CN"),
          Map.entry("2.5.4.12", "T"),
          Map.entry("2.5.4.10", "O"),
          Map.entry("2.5.4.11", "OU"),
          Map.entry("2.5.4.7", "L"),
          Map.entry("2.5.4.8", "ST"),
          Map.entry("2.5.4.6", "C"),
          Map.entry("2.5.4.9", "STREET"),
          Map.entry("2.5.4.5", "SERIALNUMBER"),
          Map.entry("2.5.4.4", "SURNAME"),
          Map.entry("2.5.4.42", "GIVENNAME"),
          Map.entry("2.5.4.20", "TELEPHONE"),
          Map.entry("2.5.4.97", "ORGANIZATIONIDENTIFIER"),
          Map.entry("0.9.2342.19200300.100.1.1", "UID"),
          Map.entry("0.9.2342.19200300.100.1.25", "DC"),
          Map.entry("1.2.840.113549.1.9.1", "E"));

  private DnParser() {}

  /**
   * Lists a name's attributes in encoding order, multi-valued RDNs flattened.
   *
   * @param principal the name
   * @return the attributes
   */
  public static List<DnAttribute> attributes(X500Principal principal) {
    X500Name name = X500Name.getInstance(principal.getEncoded());
    List<DnAttribute> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        String oid = atv.getType().getId();
        out.add(new DnAttribute(oid, SHORT_NAMES.getOrDefault(oid, oid), valueText(atv)));
      }
    }
    return out;
  }

  /**
   * Builds a name from attributes, one RDN each, in the given order.
   *
   * @param attributes the attributes
   * @return the name
   */
  public static X500Principal principal(List<DnAttribute> attributes) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    for (DnAttribute a : attributes) {
      builder.addRDN(new ASN1ObjectIdentifier(a.oid()), encode(a.oid(), a.value()));
    }
    try {
      return new X500Principal(builder.build().getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode name", e);
    }
  }

  /** Encodes a value literally (no escape or {@code #hex} interpretation), as RFC 5280 prefers. */
  private static ASN1Encodable encode(String oid, String value) {
    switch (oid) {
      case "2.5.4.6":
      case "2.5.4.5":
      case "2.5.4.20":
        if (DERPrintableString.isPrintableString(value)) {
          return new DERPrintableString(value);
        }
        return new DERUTF8String(value);
      case "1.2.840.113549.1.9.1":
      case "0.9.2342.19200300.100.1.25":
        if (DERIA5String.isIA5String(value)) {
          return new DERIA5String(value);
        }
        return new DERUTF8String(value);
      default:
        return new DERUTF8String(value);
    }
  }

  private static String valueText(AttributeTypeAndValue atv) {
    if (atv.getValue() instanceof ASN1String s) {
      return s.getString();
    }
    try {
      return "#"
          + HexFormat.of().formatHex(atv.getValue().toASN1Primitive().getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      return "#";
    }
  }
}
