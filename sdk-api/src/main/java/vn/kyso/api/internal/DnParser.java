package vn.kyso.api.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
   * Writes a name as people read it: RFC 4514 order (most specific first), the short names of
   * {@link #SHORT_NAMES} (CN, O, OU, T, E, UID, L, ST, C, ...), string values as their Unicode text
   * with RFC 4514's escapes, and {@code #hex} only for values that are not strings. Bounded: at
   * most 64 attributes and 1024 characters a value.
   *
   * @param principal the name
   * @return the text, e.g. {@code CN=Nguyễn Văn A,T=Giám đốc,O=Sở Nội vụ,C=VN}
   */
  public static String readable(X500Principal principal) {
    X500Name name;
    try {
      name = X500Name.getInstance(principal.getEncoded());
    } catch (RuntimeException e) {
      return principal.getName(X500Principal.RFC2253);
    }
    RDN[] rdns = name.getRDNs();
    StringBuilder sb = new StringBuilder();
    int count = 0;
    for (int i = rdns.length - 1; i >= 0 && count < 64; i--) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      AttributeTypeAndValue[] atvs = rdns[i].getTypesAndValues();
      for (int j = 0; j < atvs.length && count < 64; j++, count++) {
        if (j > 0) {
          sb.append('+');
        }
        String oid = atvs[j].getType().getId();
        String value = valueText(atvs[j]);
        if (value.length() > 1024) {
          value = value.substring(0, 1024) + "…";
        }
        sb.append(SHORT_NAMES.getOrDefault(oid, oid)).append('=');
        sb.append(
            value.startsWith("#") && !(atvs[j].getValue() instanceof ASN1String)
                ? value
                : escape(value));
      }
    }
    return sb.toString();
  }

  /** RFC 4514, 2.4: the characters that must be escaped in a string value. */
  private static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean special =
          c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';';
      boolean edge = (i == 0 && (c == ' ' || c == '#')) || (i == value.length() - 1 && c == ' ');
      if (c == 0) {
        sb.append("\\00");
      } else if (Character.isISOControl(c)) {
        sb.append(String.format(Locale.ROOT, "\\%02X", (int) c));
      } else {
        if (special || edge) {
          sb.append('\\');
        }
        sb.append(c);
      }
    }
    return sb.toString();
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
      try {
        return s.getString();
      } catch (IllegalArgumentException e) {
        // not valid in its string type (a UTF8String that is not UTF-8): shown as its bytes
      }
    }
    try {
      return "#"
          + HexFormat.of().formatHex(atv.getValue().toASN1Primitive().getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      return "#";
    }
  }
}
