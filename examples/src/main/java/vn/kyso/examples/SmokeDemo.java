package vn.kyso.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import vn.kyso.api.KysoException;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.Placement;
import vn.kyso.pades.SignatureImage;
import vn.kyso.pades.VisibleSignature;
import vn.kyso.pkcs11.Pkcs11Module;
import vn.kyso.pkcs11.Pkcs11Token;
import vn.kyso.pkcs11.TokenSelector;
import vn.kyso.policy.Policy;
import vn.kyso.remote.CscSigner;
import vn.kyso.remote.RemoteSigningKey;
import vn.kyso.report.EtsiReport;
import vn.kyso.report.HtmlReport;
import vn.kyso.report.PdfPictures;
import vn.kyso.report.PdfReport;
import vn.kyso.testkit.CrlServer;
import vn.kyso.testkit.CscServer;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.SoftHsm;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;
import vn.kyso.xades.XmlVerifier;

/**
 * The SDK's main job end to end, until the {@code kyso} command-line tool lands: starts a
 * government-shaped test PKI with loopback OCSP, CRL and TSA servers; writes a sample official
 * letter (công văn) as a PDF; the chairman signs it (PAdES B-T), then the clerk adds the
 * organisation's signature (PAdES B-LTA, with the validation data and a document time-stamp); a
 * sample one-stop record (hồ sơ) in XML is signed (XAdES B-LT, enveloped); both are verified and
 * the reports printed in Vietnamese and English and written as JSON.
 *
 * <p>Usage: {@code SmokeDemo [output-folder]} (default: a new temporary folder).
 */
public final class SmokeDemo {
  /** The body of the letter, one line per entry (set left-aligned with a first-line indent). */
  private static final List<String> BODY =
      List.of(
          "    Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về",
          "công tác văn thư, Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị:",
          "    1. Sử dụng chữ ký số chuyên dùng Chính phủ khi gửi, nhận văn bản điện tử;",
          "văn bản điện tử có chữ ký số của người có thẩm quyền và của cơ quan là bản gốc.",
          "    2. Kiểm tra chữ ký số của văn bản đến trước khi vào sổ và trình xử lý.",
          "    3. Báo cáo kết quả thực hiện về Văn phòng Ủy ban nhân dân tỉnh trước ngày",
          "30 tháng 6 năm 2026.",
          "    Đề nghị các cơ quan, đơn vị nghiêm túc thực hiện./.");

  private static final String RECORD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<HoSo xmlns=\"urn:kyso:demo:hoso\" Id=\"hoso-2026-000123\">\n"
          + "  <ThuTuc>Cấp giấy phép xây dựng</ThuTuc>\n"
          + "  <NguoiNop>Trần Thị Bình</NguoiNop>\n"
          + "  <NgayNhan>2026-06-15</NgayNhan>\n"
          + "  <KetQua>Đã giải quyết đúng hạn</KetQua>\n"
          + "</HoSo>\n";

  private SmokeDemo() {}

  /** The two reports of a run and where its files are. */
  public record Result(ValidationReport pdf, ValidationReport xml, Path folder, String token) {
    /**
     * @return whether every signature of both documents passed
     */
    public boolean passed() {
      return pdf.overall() == Indication.TOTAL_PASSED && xml.overall() == Indication.TOTAL_PASSED;
    }
  }

  /**
   * Runs the demo.
   *
   * @param args an optional output folder
   * @throws Exception when something in the run fails
   */
  public static void main(String[] args) throws Exception {
    Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("kyso-demo-");
    Result result = run(out);
    for (ValidationReport report : List.of(result.pdf(), result.xml())) {
      System.out.println(report.toText(Locale.forLanguageTag("vi")));
      System.out.println(report.toText(Locale.ENGLISH));
    }
    System.out.println("Output / Thư mục kết quả: " + out.toAbsolutePath());
    if (!result.passed()) {
      throw new IllegalStateException("a demo signature did not pass validation");
    }
  }

  /**
   * Runs the demo and returns the reports.
   *
   * @param outputFolder where the letter, the record, the signed files and the reports are written
   * @return the reports
   * @throws KysoException when signing, time-stamping or verification fails
   * @throws IOException when the output cannot be written
   */
  public static Result run(Path outputFolder) throws KysoException, IOException {
    return run(outputFolder, false);
  }

  /**
   * Runs the demo, with the keys on a SoftHSM2 token when asked (SoftHSM2 and OpenSC installed,
   * {@code SOFTHSM2_CONF} set for this process) or in PKCS#12 software tokens.
   *
   * @param outputFolder where the files are written
   * @param onSoftHsm whether to put the keys on a SoftHSM2 token
   * @return the reports
   * @throws KysoException when signing, time-stamping or verification fails
   * @throws IOException when the output cannot be written
   */
  public static Result run(Path outputFolder, boolean onSoftHsm) throws KysoException, IOException {
    return run(outputFolder, onSoftHsm, step -> {});
  }

  /** The steps the demo reports while it works, in order. */
  public enum Step {
    /** Starting the test PKI and its loopback OCSP, CRL and time-stamp services. */
    PKI,
    /** The leader signs the letter (B-T, visible, policy checked first). */
    LEADER,
    /** The organisation issues it (B-LTA with the seal). */
    ORGANISATION,
    /** The XML record is signed (XAdES B-LT). */
    RECORD,
    /** Both are verified and the policy judges them. */
    VERIFY,
    /** The verification reports are written: HTML, printable PDF and ETSI XML. */
    REPORTS,
    /** The files a newcomer needs to go on by hand are written. */
    FILES
  }

  /** The client secret of the demo's loopback remote signing service (a test value). */
  private static final char[] DEMO_CLIENT_SECRET = "kyso-demo-secret".toCharArray();

  /** The password of the PKCS#12 files the demo leaves in its folder. */
  public static final String PKCS12_PASSWORD = "kyso-demo";

  /**
   * Runs the demo, reporting each step as it starts.
   *
   * @param outputFolder where the files are written
   * @param onSoftHsm whether to put the keys on a SoftHSM2 token
   * @param progress told of each step as it starts
   * @return the reports
   * @throws KysoException when signing, time-stamping or verification fails
   * @throws IOException when the output cannot be written
   */
  public static Result run(Path outputFolder, boolean onSoftHsm, Consumer<Step> progress)
      throws KysoException, IOException {
    return run(outputFolder, onSoftHsm, false, progress);
  }

  /**
   * Runs the demo, the leader's key held by a remote signing service when asked: a loopback CSC
   * service (as a CA's HSM would hold it) that the leader "approves on the phone" after two polls.
   *
   * @param outputFolder where the files are written
   * @param onSoftHsm whether to put the keys on a SoftHSM2 token
   * @param remote whether the leader signs through the remote signing service
   * @param progress told of each step as it starts
   * @return the reports
   * @throws KysoException when signing, time-stamping or verification fails
   * @throws IOException when the output cannot be written
   */
  public static Result run(
      Path outputFolder, boolean onSoftHsm, boolean remote, Consumer<Step> progress)
      throws KysoException, IOException {
    progress.accept(Step.PKI);
    TestPkiExtension services =
        TestPkiExtension.builder().seed(2026).clock(Clock.systemUTC()).build();
    services.start();
    try {
      Files.createDirectories(outputFolder);
      Path letter = outputFolder.resolve("cong-van.pdf");
      writeLetter(letter);
      Path leaderSigned = outputFolder.resolve("cong-van-lanh-dao-ky.pdf");
      Path issued = outputFolder.resolve("cong-van-ban-hanh.pdf");
      Path record = outputFolder.resolve("ho-so.xml");
      write(record, RECORD.getBytes(StandardCharsets.UTF_8));
      Path recordSigned = outputFolder.resolve("ho-so-ky.xml");

      PdfSigner pdfSigner =
          PdfSigner.builder()
              .timestampClient(services.tsaClient())
              .certificateVerifier(services.verifier())
              .build();
      XmlSigner xmlSigner =
          XmlSigner.builder()
              .timestampClient(services.tsaClient())
              .certificateVerifier(services.verifier())
              .build();
      // The national rules, with roles from the test PKI's registry (your e-office data in
      // production):
      // each signature is checked before the token is used, and the verified documents are judged.
      Policy policy = Policy.preset("national").registry(services.pki().signerRegistry()).build();
      DocumentInfo letterInfo =
          DocumentInfo.builder("Công văn")
              .numberSymbol("123/UBND-VP")
              .issuingOrganisation(TestPki.PROVINCE)
              .authorityForm(AuthorityForm.TM)
              .signerName("Nguyễn Văn An")
              .titleLine("CHỦ TỊCH")
              .build();
      DocumentInfo recordInfo =
          DocumentInfo.builder("Hồ sơ")
              .issuingOrganisation(TestPki.PROVINCE)
              .signerName("Nguyễn Văn An")
              .build();
      String tokenName = onSoftHsm ? "SoftHSM2 (PKCS#11)" : "PKCS#12";
      try (Keys keys = onSoftHsm ? Keys.softHsm(services) : Keys.pkcs12(services);
          CscServer csc = remote ? new CscServer("kyso-demo", DEMO_CLIENT_SECRET) : null) {
        SigningKey leaderKey = keys.leader();
        if (csc != null) {
          // The leader's key sits in the CA's HSM: the same chairman credential, reached through
          // the CSC API; the approval comes after two polls, as from a phone.
          csc.pki(services.pki());
          csc.user("CCCD:001080000001", services.pki().credential(TestIdentity.CHAIRMAN));
          csc.pollsBeforeApproval(2);
          CscSigner service =
              CscSigner.builder(csc.v2())
                  .clientCredentials("kyso-demo", DEMO_CLIENT_SECRET)
                  .userId("CCCD:001080000001")
                  .asynchronous(true)
                  .build();
          leaderKey =
              RemoteSigningKey.of(
                  service,
                  service.credentials().get(0),
                  "Cong van 123/UBND-VP",
                  Duration.ofSeconds(60),
                  Duration.ofMillis(200));
        }
        KeyStorage leaderStorage = csc != null ? KeyStorage.CENTRALISED : KeyStorage.TOKEN;
        SigningKey clerkKey = keys.clerk();
        progress.accept(Step.LEADER);
        pdfSigner.sign(
            letter,
            leaderSigned,
            PdfSignatureOptions.builder(PadesLevel.B_T)
                .reason("Phê duyệt / Approval")
                .location("Thử Nghiệm")
                .visible(
                    VisibleSignature.personal(
                        SignatureImage.png(picture(false)),
                        Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")))
                .policyCheck(
                    PolicyCheck.builder(policy, letterInfo).keyStorage(leaderStorage).build())
                .build(),
            leaderKey);
        progress.accept(Step.ORGANISATION);
        pdfSigner.sign(
            leaderSigned,
            issued,
            PdfSignatureOptions.builder(PadesLevel.B_LTA)
                .reason("Ban hành / Issued")
                .location("Thử Nghiệm")
                .visible(VisibleSignature.organisation(SignatureImage.png(picture(true)), 36, 36))
                .policyCheck(
                    PolicyCheck.builder(policy, letterInfo)
                        .kind(SignatureKind.ORGANISATION)
                        .operator(TestPki.registryId(TestIdentity.CLERK))
                        .keyStorage(KeyStorage.TOKEN)
                        .build())
                .build(),
            clerkKey);
        progress.accept(Step.RECORD);
        xmlSigner.sign(
            record,
            recordSigned,
            XmlSignatureOptions.builder(XadesLevel.B_LT, XadesPackaging.ENVELOPED)
                .policyCheck(
                    PolicyCheck.builder(policy, recordInfo).keyStorage(leaderStorage).build())
                .build(),
            leaderKey);
      }

      progress.accept(Step.VERIFY);
      ValidationReport pdfReport =
          policy.review(
              PdfVerifier.builder(services.verifier()).build().verify(issued), letterInfo);
      ValidationReport xmlReport =
          policy.review(
              XmlVerifier.builder(services.verifier())
                  .build()
                  .verify(recordSigned, Map.of())
                  .report(),
              recordInfo);
      write(
          outputFolder.resolve("bao-cao-cong-van.json"),
          pdfReport.toJson().getBytes(StandardCharsets.UTF_8));
      write(
          outputFolder.resolve("bao-cao-ho-so.json"),
          xmlReport.toJson().getBytes(StandardCharsets.UTF_8));
      progress.accept(Step.REPORTS);
      Locale vi = Locale.forLanguageTag("vi");
      PdfPictures pages = PdfPictures.render(issued, pdfReport);
      HtmlReport.write(pdfReport, vi, pages, outputFolder.resolve("bao-cao-cong-van.html"));
      PdfReport.write(pdfReport, vi, pages, outputFolder.resolve("bao-cao-cong-van.pdf"));
      EtsiReport.write(pdfReport, outputFolder.resolve("bao-cao-cong-van.etsi.xml"));
      HtmlReport.write(
          xmlReport, vi, PdfPictures.none(), outputFolder.resolve("bao-cao-ho-so.html"));
      PdfReport.write(xmlReport, vi, PdfPictures.none(), outputFolder.resolve("bao-cao-ho-so.pdf"));
      EtsiReport.write(xmlReport, outputFolder.resolve("bao-cao-ho-so.etsi.xml"));
      // The CRLs of the test CA and root, to verify offline what carries no revocation data of its
      // own (the leader's B-T signature): kyso verify --crl ...
      try {
        write(
            outputFolder.resolve("crl-ca-thu-nghiem.crl"),
            CrlServer.crl(services.pki(), services.pki().intermediate(), ServerMode.NORMAL));
        write(
            outputFolder.resolve("crl-goc-thu-nghiem.crl"),
            CrlServer.crl(services.pki(), services.pki().rootCredential(), ServerMode.NORMAL));
      } catch (Exception e) {
        throw new IOException("the test CRLs could not be made", e);
      }
      // The test PKI's root and the signers' certificates, to verify the files again (kyso verify
      // --trust ...).
      write(outputFolder.resolve("goc-thu-nghiem.pem"), pem(services.pki().root()));
      write(
          outputFolder.resolve("chung-thu-lanh-dao.pem"),
          pem(services.pki().credential(TestIdentity.CHAIRMAN).certificate()));
      write(
          outputFolder.resolve("chung-thu-co-quan.pem"),
          pem(services.pki().credential(TestIdentity.PROVINCE_ORGANISATION).certificate()));
      progress.accept(Step.FILES);
      leaveForNewcomers(outputFolder, services, onSoftHsm);
      return new Result(pdfReport, xmlReport, outputFolder, tokenName);
    } finally {
      services.stop();
    }
  }

  /**
   * Leaves in the folder what a newcomer needs to go on by hand: the leader's and the
   * organisation's PKCS#12 files with their password, the token PIN when SoftHSM2 was used, the
   * signature and seal pictures, and a README.txt with the next commands.
   */
  private static void leaveForNewcomers(Path folder, TestPkiExtension services, boolean onSoftHsm)
      throws IOException {
    char[] password = PKCS12_PASSWORD.toCharArray();
    write(
        folder.resolve("chu-tich.p12"),
        services.pki().credential(TestIdentity.CHAIRMAN).toPkcs12(password));
    write(
        folder.resolve("co-quan.p12"),
        services.pki().credential(TestIdentity.PROVINCE_ORGANISATION).toPkcs12(password));
    write(folder.resolve("mat-khau.txt"), PKCS12_PASSWORD.getBytes(StandardCharsets.UTF_8));
    if (onSoftHsm) {
      write(folder.resolve("ma-pin.txt"), "123456".getBytes(StandardCharsets.UTF_8));
    }
    write(folder.resolve("chu-ky.png"), picture(false));
    write(folder.resolve("con-dau.png"), picture(true));
    String readme;
    try (InputStream in = SmokeDemo.class.getResourceAsStream("demo-README.txt")) {
      if (in == null) {
        throw new IOException("demo-README.txt is missing from the jar");
      }
      readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    write(folder.resolve("README.txt"), readme.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes the letter as a công văn laid out as Nghị định 30/2020/NĐ-CP Phụ lục I draws it, in the
   * SDK's bundled Liberation Serif (bold is drawn by stroking the glyphs): the issuing body at the
   * top left with the number and the "V/v" summary under it; the national motto (Quốc hiệu and tiêu
   * ngữ) at the top right with the place and date under it; "Kính gửi"; the body; the signer block
   * at the bottom right (authority, title, room for the signature and seal, name); and "Nơi nhận"
   * at the bottom left. The visible signatures then land where they would on a real letter.
   */
  private static void writeLetter(Path target) throws IOException {
    try (PDDocument doc = new PDDocument();
        InputStream fontFile =
            PdfSigner.class.getResourceAsStream("fonts/LiberationSerif-Regular.ttf")) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDFont font = PDType0Font.load(doc, fontFile, true);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        // Heading, left column (centred on x = 160): the issuing body, its number, the summary.
        centred(cs, font, 12.5f, false, 160, 785, "ỦY BAN NHÂN DÂN");
        centred(cs, font, 12.5f, true, 160, 769, "TỈNH THỬ NGHIỆM");
        rule(cs, 135, 185, 763);
        centred(cs, font, 13, false, 160, 740, "Số: 123/UBND-VP");
        centred(cs, font, 12, false, 160, 720, "V/v triển khai chữ ký số");
        centred(cs, font, 12, false, 160, 705, "chuyên dùng Chính phủ");
        // Right column (centred on x = 400): Quốc hiệu, tiêu ngữ, then place and date.
        centred(cs, font, 12, true, 400, 785, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        centred(cs, font, 13, true, 400, 769, "Độc lập - Tự do - Hạnh phúc");
        rule(cs, 323, 477, 763);
        centred(cs, font, 13, false, 400, 740, "Thử Nghiệm, ngày 15 tháng 6 năm 2026");
        // Kính gửi, then the body.
        centred(
            cs,
            font,
            13,
            false,
            300,
            670,
            "Kính gửi: Các sở, ban, ngành; Ủy ban nhân dân các xã, phường.");
        float y = 640;
        for (String line : BODY) {
          text(cs, font, 13, false, 85, y, line);
          y -= 21;
        }
        // Signer block, bottom right: authority, title, room for the signature, name.
        centred(cs, font, 13, true, 420, 440, "TM. ỦY BAN NHÂN DÂN");
        centred(cs, font, 13, true, 420, 424, "CHỦ TỊCH");
        centred(cs, font, 13, true, 420, 330, "Nguyễn Văn An");
        // Nơi nhận, bottom left.
        text(cs, font, 12, true, 85, 440, "Nơi nhận:");
        text(cs, font, 11, false, 85, 425, "- Như trên;");
        text(cs, font, 11, false, 85, 411, "- Chủ tịch, các PCT UBND tỉnh;");
        text(cs, font, 11, false, 85, 397, "- Lưu: VT, VP.");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      write(target, bytes.toByteArray());
    }
  }

  private static void rule(PDPageContentStream cs, float from, float to, float y)
      throws IOException {
    cs.setLineWidth(0.6f);
    cs.moveTo(from, y);
    cs.lineTo(to, y);
    cs.stroke();
  }

  private static void centred(
      PDPageContentStream cs,
      PDFont font,
      float size,
      boolean bold,
      float centreX,
      float y,
      String s)
      throws IOException {
    text(cs, font, size, bold, centreX - font.getStringWidth(s) / 1000 * size / 2, y, s);
  }

  private static void text(
      PDPageContentStream cs, PDFont font, float size, boolean bold, float x, float y, String s)
      throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    if (bold) {
      // The bundled font has no bold face: fill and stroke the glyphs thinly instead.
      cs.setRenderingMode(org.apache.pdfbox.pdmodel.graphics.state.RenderingMode.FILL_STROKE);
      cs.setLineWidth(size / 30);
    } else {
      cs.setRenderingMode(org.apache.pdfbox.pdmodel.graphics.state.RenderingMode.FILL);
    }
    cs.newLineAtOffset(x, y);
    cs.showText(s);
    cs.endText();
  }

  /** A blue handwritten-looking signature, or a round red seal, on a transparent background. */
  private static byte[] picture(boolean seal) throws IOException {
    BufferedImage img =
        new BufferedImage(seal ? 240 : 300, seal ? 240 : 120, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    if (seal) {
      g.setColor(new Color(215, 25, 32));
      g.setStroke(new BasicStroke(10));
      g.drawOval(10, 10, 220, 220);
      g.drawOval(40, 40, 160, 160);
      g.fillPolygon(
          new int[] {120, 132, 165, 138, 148, 120, 92, 102, 75, 108},
          new int[] {75, 108, 108, 128, 160, 140, 160, 128, 108, 108},
          10);
    } else {
      g.setColor(new Color(20, 50, 190));
      g.setStroke(new BasicStroke(7));
      g.drawArc(20, 20, 120, 80, 20, 300);
      g.drawLine(120, 95, 285, 25);
      g.drawArc(150, 35, 110, 55, 180, 270);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static byte[] pem(X509Certificate c) throws IOException {
    try {
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(c.getEncoded());
      return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n")
          .getBytes(StandardCharsets.US_ASCII);
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
  }

  /** The leader's and the clerk's keys, in PKCS#12 files or on one SoftHSM2 token. */
  private record Keys(SigningKey leader, SigningKey clerk, List<AutoCloseable> open)
      implements AutoCloseable {
    static Keys pkcs12(TestPkiExtension services) throws KysoException {
      SigningToken leader = services.pki().credential(TestIdentity.CHAIRMAN).signingToken();
      SigningToken clerk =
          services.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken();
      return new Keys(leader.keys().get(0), clerk.keys().get(0), List.of(leader, clerk));
    }

    static Keys softHsm(TestPkiExtension services) throws KysoException {
      SoftHsm hsm = SoftHsm.assumeAvailable();
      hsm.createToken("kyso-demo", "12345678", "123456");
      hsm.importCredential(
          "kyso-demo",
          "123456",
          services.pki().credential(TestIdentity.CHAIRMAN),
          "01",
          "chu-tich");
      hsm.importCredential(
          "kyso-demo",
          "123456",
          services.pki().credential(TestIdentity.PROVINCE_ORGANISATION),
          "02",
          "co-quan");
      Pkcs11Module module = Pkcs11Module.load(hsm.module());
      Pkcs11Token token =
          module.open(TokenSelector.byLabel("kyso-demo"), (d, purpose) -> "123456".toCharArray());
      SigningKey leader = null;
      SigningKey clerk = null;
      for (SigningKey k : token.keys()) {
        if (k.certificate()
            .equals(services.pki().credential(TestIdentity.CHAIRMAN).certificate())) {
          leader = k;
        } else if (k.certificate()
            .equals(services.pki().credential(TestIdentity.PROVINCE_ORGANISATION).certificate())) {
          clerk = k;
        }
      }
      if (leader == null || clerk == null) {
        token.close();
        module.close();
        throw new IllegalStateException("the SoftHSM2 token lacks the demo keys");
      }
      return new Keys(leader, clerk, List.of(token, module));
    }

    @Override
    public void close() {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          // closing a token or a test key store: nothing left to save
        }
      }
    }
  }

  /** Writes to a temporary file in the same folder, then moves it into place. */
  private static void write(Path target, byte[] data) throws IOException {
    OutputFiles.write(target, out -> out.write(data));
  }
}
