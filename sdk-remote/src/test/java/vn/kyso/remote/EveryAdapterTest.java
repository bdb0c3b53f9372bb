package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.testkit.Api769Server;
import vn.kyso.testkit.CscServer;
import vn.kyso.testkit.MssServer;
import vn.kyso.testkit.MySignServer;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.PreparedXmlSignature;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;
import vn.kyso.xades.XmlVerifier;

/** Every adapter signs PAdES B-T and XAdES B-B through its loopback service, and both verify. */
class EveryAdapterTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(11).build();

  @TempDir Path dir;

  /** Runs a test body against one adapter and its server. */
  private static void with(String adapter, Function<RemoteSigner, Void> body) {
    TestCredential key = PKI.pki().credential(TestIdentity.VICE_CHAIRMAN);
    switch (adapter) {
      case "csc" -> {
        try (CscServer s = new CscServer("c", "s".toCharArray())) {
          s.pki(PKI.pki());
          s.user("u", key);
          body.apply(
              CscSigner.builder(s.v2())
                  .clientCredentials("c", "s".toCharArray())
                  .userId("u")
                  .build());
        }
      }
      case "769" -> {
        try (Api769Server s = new Api769Server("sp", "pw".toCharArray())) {
          s.user("u", key);
          body.apply(
              Api769Signer.builder(s.base())
                  .serviceProvider("sp", "pw".toCharArray())
                  .userId("u")
                  .build());
        }
      }
      case "mysign" -> {
        try (MySignServer s = new MySignServer("c", "s".toCharArray())) {
          s.user("u", key);
          body.apply(
              MySignSigner.builder(s.base()).client("c", "s".toCharArray()).userId("u").build());
        }
      }
      default -> {
        try (MssServer s = new MssServer("ap", "pw".toCharArray())) {
          s.user("84900000001", key);
          body.apply(
              MssSigner.builder(s.signaturePort())
                  .applicationProvider("ap", "pw".toCharArray())
                  .msisdn("84900000001")
                  .certificateChain(key.chain())
                  .build());
        }
      }
    }
  }

  private static <T> T sneaky(Call<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Call<T> {
    T call() throws Exception;
  }

  @ParameterizedTest
  @ValueSource(strings = {"csc", "769", "mysign", "mss"})
  void padesBT_and_xadesBB_verify(String adapter) throws Exception {
    Path pdf = dir.resolve("in.pdf");
    try (PDDocument d = new PDDocument()) {
      d.addPage(new PDPage());
      d.save(pdf.toFile());
    }
    Path xml = Files.writeString(dir.resolve("in.xml"), "<hoSo><so>12</so></hoSo>");
    Path signedPdf = dir.resolve(adapter + ".pdf");
    Path signedXml = dir.resolve(adapter + ".xml");
    with(
        adapter,
        remote ->
            sneaky(
                () -> {
                  RemoteCredential c = remote.credentials().get(0);
                  PdfSigner pdfSigner =
                      PdfSigner.builder().timestampClient(PKI.tsaClient()).build();
                  PreparedSignature p =
                      pdfSigner.prepare(
                          pdf, PdfSignatureOptions.builder(PadesLevel.B_T).build(), c.chain());
                  pdfSigner.complete(
                      p,
                      pdf,
                      signedPdf,
                      remote
                          .signAndWait(
                              c,
                              List.of(p.dataToSign()),
                              SignatureAlgorithm.RSA_SHA256,
                              "Cong van",
                              Duration.ofSeconds(10),
                              Duration.ofMillis(20))
                          .get(0));
                  XmlSigner xmlSigner = XmlSigner.builder().build();
                  PreparedXmlSignature x =
                      xmlSigner.prepare(
                          xml,
                          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED)
                              .build(),
                          c.chain());
                  xmlSigner.complete(
                      x,
                      xml,
                      signedXml,
                      remote
                          .signAndWait(
                              c,
                              List.of(x.dataToSign()),
                              SignatureAlgorithm.RSA_SHA256,
                              "Ho so",
                              Duration.ofSeconds(10),
                              Duration.ofMillis(20))
                          .get(0));
                  return null;
                }));
    SignatureResult pades =
        PdfVerifier.builder(PKI.verifier()).build().verify(signedPdf).signatures().get(0);
    assertThat(pades.indication())
        .as(pades.findings().toString())
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(pades.level()).isEqualTo(SignatureLevel.B_T);
    assertThat(pades.signingCertificate())
        .contains(PKI.pki().credential(TestIdentity.VICE_CHAIRMAN).certificate());
    SignatureResult xades =
        XmlVerifier.builder(PKI.verifier())
            .build()
            .verify(signedXml, Map.of())
            .report()
            .signatures()
            .get(0);
    assertThat(xades.indication())
        .as(xades.findings().toString())
        .isEqualTo(Indication.TOTAL_PASSED);
  }
}
