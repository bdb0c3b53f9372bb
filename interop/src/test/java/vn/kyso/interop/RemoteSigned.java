package vn.kyso.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.cades.CadesLevel;
import vn.kyso.cades.CadesPackaging;
import vn.kyso.cades.CadesSignatureOptions;
import vn.kyso.cades.CadesSigner;
import vn.kyso.cades.PreparedCadesSignature;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.remote.Api769Signer;
import vn.kyso.remote.CscSigner;
import vn.kyso.remote.MssSigner;
import vn.kyso.remote.MySignSigner;
import vn.kyso.remote.VgcaPlugin;
import vn.kyso.testkit.Api769Server;
import vn.kyso.testkit.CscServer;
import vn.kyso.testkit.LoopbackServer;
import vn.kyso.testkit.MssServer;
import vn.kyso.testkit.MySignServer;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.VgcaPluginServer;
import vn.kyso.xades.PreparedXmlSignature;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;

/** Signs through each remote signing adapter and its loopback service, and through the plug-in. */
final class RemoteSigned {
  static final List<String> ADAPTERS = List.of("csc", "769", "mysign", "mss", "vgca");

  private RemoteSigned() {}

  /**
   * PAdES B-T of {@code pdf}, enveloped XAdES B-B of {@code xml} and detached CAdES B-B of {@code
   * file} through {@code adapter}.
   */
  static void sign(
      String adapter,
      TestPki pki,
      TestCredential key,
      PdfSigner pdfSigner,
      Path pdf,
      Path signedPdf,
      Path xml,
      Path signedXml,
      Path file,
      Path p7s)
      throws Exception {
    if (adapter.equals("vgca")) {
      throughThePlugin(key, pdfSigner, pdf, signedPdf, xml, signedXml, file, p7s);
      return;
    }
    LoopbackServer server = null;
    RemoteSigner remote;
    try {
      switch (adapter) {
        case "csc" -> {
          CscServer s = new CscServer("c", "s".toCharArray());
          server = s;
          s.pki(pki);
          s.user("u", key);
          remote =
              CscSigner.builder(s.v2())
                  .clientCredentials("c", "s".toCharArray())
                  .userId("u")
                  .build();
        }
        case "769" -> {
          Api769Server s = new Api769Server("sp", "pw".toCharArray());
          server = s;
          s.user("u", key);
          remote =
              Api769Signer.builder(s.base())
                  .serviceProvider("sp", "pw".toCharArray())
                  .userId("u")
                  .build();
        }
        case "mysign" -> {
          MySignServer s = new MySignServer("c", "s".toCharArray());
          server = s;
          s.user("u", key);
          remote =
              MySignSigner.builder(s.base()).client("c", "s".toCharArray()).userId("u").build();
        }
        default -> {
          MssServer s = new MssServer("ap", "pw".toCharArray());
          server = s;
          s.user("84900000001", key);
          remote =
              MssSigner.builder(s.signaturePort())
                  .applicationProvider("ap", "pw".toCharArray())
                  .msisdn("84900000001")
                  .certificateChain(key.chain())
                  .build();
        }
      }
      RemoteCredential c = remote.credentials().get(0);
      PreparedSignature p =
          pdfSigner.prepare(pdf, PdfSignatureOptions.builder(PadesLevel.B_T).build(), c.chain());
      pdfSigner.complete(p, pdf, signedPdf, value(remote, c, p.dataToSign()));
      XmlSigner xmlSigner = XmlSigner.builder().build();
      PreparedXmlSignature x =
          xmlSigner.prepare(
              xml,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
              c.chain());
      xmlSigner.complete(x, xml, signedXml, value(remote, c, x.dataToSign()));
      CadesSigner cades = CadesSigner.builder().build();
      PreparedCadesSignature cs =
          cades.prepare(
              file,
              CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED).build(),
              c.chain());
      cades.complete(cs, file, p7s, value(remote, c, cs.dataToSign()));
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** The government browser plug-in's hash mode (SignMsg), called as a page would. */
  private static void throughThePlugin(
      TestCredential key,
      PdfSigner pdfSigner,
      Path pdf,
      Path signedPdf,
      Path xml,
      Path signedXml,
      Path file,
      Path p7s)
      throws Exception {
    try (VgcaPluginServer plugin = new VgcaPluginServer(key)) {
      java.security.cert.X509Certificate cert =
          VgcaPlugin.certificate(plugin.call("GetCertInfo", "get_cert_info"));
      PreparedSignature p =
          pdfSigner.prepare(pdf, PdfSignatureOptions.builder(PadesLevel.B_T).build(), key.chain());
      pdfSigner.complete(
          p,
          pdf,
          signedPdf,
          VgcaPlugin.signature(
              plugin.call("SignMsg", VgcaPlugin.signMsgRequest(p.dataToSign())),
              p.dataToSign(),
              cert));
      XmlSigner xmlSigner = XmlSigner.builder().build();
      PreparedXmlSignature x =
          xmlSigner.prepare(
              xml,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
              key.chain());
      xmlSigner.complete(
          x,
          xml,
          signedXml,
          VgcaPlugin.signature(
              plugin.call("SignMsg", VgcaPlugin.signMsgRequest(x.dataToSign())),
              x.dataToSign(),
              cert));
      CadesSigner cades = CadesSigner.builder().build();
      PreparedCadesSignature cs =
          cades.prepare(
              file,
              CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED).build(),
              key.chain());
      cades.complete(
          cs,
          file,
          p7s,
          VgcaPlugin.signature(
              plugin.call("SignMsg", VgcaPlugin.signMsgRequest(cs.dataToSign())),
              cs.dataToSign(),
              cert));
    }
  }

  private static SignatureValue value(RemoteSigner remote, RemoteCredential c, vn.kyso.api.Digest d)
      throws Exception {
    return remote
        .signAndWait(
            c,
            List.of(d),
            SignatureAlgorithm.RSA_SHA256,
            "Cong van",
            Duration.ofSeconds(20),
            Duration.ofMillis(20))
        .get(0);
  }
}
