package vn.kyso.api.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.security.auth.x500.X500Principal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERSequence;
import org.bouncycastle.asn1.BERSet;
import org.bouncycastle.asn1.BERTaggedObject;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import vn.kyso.api.TestCertificates;

/** The signed attributes of a CMS container must be DER as written; the rest may be BER. */
class CmsEncodingTest {
  private static final ContentInfo SIGNED = signed();

  private static ContentInfo signed() {
    try {
      TestCertificates.Issued c =
          TestCertificates.selfSigned(
              new X500Principal("CN=Văn thư,C=VN"), TestCertificates.rsa(2048), false);
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(
                  new JcaContentSignerBuilder("SHA256withRSA").build(c.keys().getPrivate()),
                  c.certificate()));
      gen.addCertificates(new JcaCertStore(List.of(c.certificate())));
      return gen.generate(
              new CMSProcessableByteArray("Công văn số 12/UBND".getBytes(StandardCharsets.UTF_8)),
              false)
          .toASN1Structure();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The container with its signed attributes rewritten (DL parts, so nothing sorts them again). */
  private static byte[] withAttributes(UnaryOperator<ASN1Encodable[]> attrs) throws Exception {
    return withAttributes(attrs, false);
  }

  private static byte[] withAttributes(UnaryOperator<ASN1Encodable[]> attrs, boolean indefinite)
      throws Exception {
    ASN1Encodable[] sd = ASN1Sequence.getInstance(SIGNED.getContent()).toArray();
    ASN1Encodable[] si =
        ASN1Sequence.getInstance(ASN1Set.getInstance(sd[sd.length - 1]).getObjectAt(0)).toArray();
    ASN1Encodable[] a = ASN1Set.getInstance((ASN1TaggedObject) si[3], false).toArray();
    si[3] =
        indefinite
            ? new BERTaggedObject(false, 0, new BERSet(attrs.apply(a)))
            : new DLTaggedObject(false, 0, new DLSet(attrs.apply(a)));
    if (indefinite) { // BER all the way down: a DL container would write its children definite
      // again
      sd[sd.length - 1] = new BERSet(new BERSequence(si));
      return new BERSequence(
              new ASN1Encodable[] {
                SIGNED.getContentType(), new BERTaggedObject(true, 0, new BERSequence(sd))
              })
          .getEncoded(ASN1Encoding.BER);
    }
    sd[sd.length - 1] = new DLSet(new DLSequence(si));
    return new DLSequence(
            new ASN1Encodable[] {
              SIGNED.getContentType(), new DLTaggedObject(true, 0, new DLSequence(sd))
            })
        .getEncoded(ASN1Encoding.DL);
  }

  @Test
  void derContainer_passes() throws Exception {
    byte[] der = SIGNED.getEncoded(ASN1Encoding.DER);

    assertThat(CmsEncoding.signedAttributesAreDer(der)).isTrue();
    assertThat(CmsEncoding.encodedLength(der)).isEqualTo(der.length);
  }

  @Test
  void berOutside_withDerAttributes_passes_andItsLengthIsTheWrittenOne() throws Exception {
    byte[] ber =
        new BERSequence(
                new ASN1Encodable[] {
                  SIGNED.getContentType(),
                  new BERTaggedObject(
                      true,
                      0,
                      new BERSequence(ASN1Sequence.getInstance(SIGNED.getContent()).toArray()))
                })
            .getEncoded(ASN1Encoding.BER);
    byte[] padded = Arrays.copyOf(ber, ber.length + 100);

    assertThat(ber[1]).isEqualTo((byte) 0x80); // indefinite length
    assertThat(CmsEncoding.signedAttributesAreDer(padded)).isTrue();
    assertThat(CmsEncoding.encodedLength(padded)).isEqualTo(ber.length);
  }

  @Test
  void attributesOutOfOrder_fail() throws Exception {
    byte[] reordered =
        withAttributes(
            a -> {
              ASN1Encodable[] r = a.clone();
              Collections.reverse(Arrays.asList(r));
              return r;
            });
    byte[] same = withAttributes(a -> a);

    assertThat(CmsEncoding.signedAttributesAreDer(same)).isTrue();
    assertThat(CmsEncoding.signedAttributesAreDer(reordered)).isFalse();
  }

  @Test
  void indefiniteLengthAttributes_fail() throws Exception {
    byte[] ber = withAttributes(a -> a, true);
    assertThat(HexFormat.of().formatHex(ber)).contains("a080"); // an indefinite [0]

    assertThat(CmsEncoding.encodedLength(ber)).isEqualTo(ber.length);
    assertThat(CmsEncoding.signedAttributesAreDer(ber)).isFalse();
  }

  @Test
  void unsignedAttributeValue_isReturnedAsWritten() throws Exception {
    byte[] token =
        new BERSequence(
                new ASN1Encodable[] {
                  SIGNED.getContentType(),
                  new BERTaggedObject(
                      true,
                      0,
                      new BERSequence(ASN1Sequence.getInstance(SIGNED.getContent()).toArray()))
                })
            .getEncoded(ASN1Encoding.BER);
    String tst = "1.2.840.113549.1.9.16.2.14";
    ASN1Encodable[] sd = ASN1Sequence.getInstance(SIGNED.getContent()).toArray();
    ASN1Encodable[] si =
        ASN1Sequence.getInstance(ASN1Set.getInstance(sd[sd.length - 1]).getObjectAt(0)).toArray();
    ASN1Encodable[] withUnsigned = Arrays.copyOf(si, si.length + 1);
    withUnsigned[si.length] =
        new DLTaggedObject(
            false,
            1,
            new DLSet(
                new Attribute(
                    new ASN1ObjectIdentifier(tst), new DLSet(ASN1Sequence.getInstance(token)))));
    sd[sd.length - 1] = new DLSet(new DLSequence(withUnsigned));
    byte[] container =
        new DLSequence(
                new ASN1Encodable[] {
                  SIGNED.getContentType(), new DLTaggedObject(true, 0, new DLSequence(sd))
                })
            .getEncoded(ASN1Encoding.DL);
    byte[] plain = SIGNED.getEncoded(ASN1Encoding.DER);

    assertThat(CmsEncoding.unsignedAttributeValue(container, tst))
        .isNotNull()
        .satisfies(v -> assertThat(CmsEncoding.signedAttributesAreDer(v)).isTrue());
    assertThat(CmsEncoding.unsignedAttributeValue(container, "1.2.3.4")).isNull();
    assertThat(CmsEncoding.unsignedAttributeValue(plain, tst)).isNull();
  }

  @Test
  void cutShort_isAnIllegalArgument() throws Exception {
    byte[] der = SIGNED.getEncoded(ASN1Encoding.DER);

    assertThatThrownBy(() -> CmsEncoding.encodedLength(Arrays.copyOf(der, der.length / 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CmsEncoding.signedAttributesAreDer(Arrays.copyOf(der, der.length / 2))).isFalse();
  }

  @Provide
  Arbitrary<byte[]> mutated() throws Exception {
    byte[] der = SIGNED.getEncoded(ASN1Encoding.DER);
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    Arbitrary<byte[]> flipped =
        Arbitraries.integers()
            .between(0, der.length - 1)
            .tuple2()
            .map(
                t -> {
                  byte[] copy = der.clone();
                  copy[t.get1()] ^= (byte) (t.get2() | 1);
                  return copy;
                });
    return Arbitraries.oneOf(random, flipped);
  }

  @Property(tries = 500)
  void anyBytes_giveAnAnswerOrAnIllegalArgument(@ForAll("mutated") byte[] data) {
    CmsEncoding.signedAttributesAreDer(data);
    try {
      assertThat(CmsEncoding.encodedLength(data)).isBetween(2, data.length);
    } catch (IllegalArgumentException expected) {
      // a typed refusal
    }
  }
}
