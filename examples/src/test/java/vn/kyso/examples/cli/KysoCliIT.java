package vn.kyso.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.testkit.CrlServer;
import vn.kyso.testkit.CscServer;
import vn.kyso.testkit.ExternalTools;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.SoftHsm;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.UserAnswer;

/** Drives the built {@code examples/target/kyso.jar} as a separate process, as a user would. */
class KysoCliIT {
  @TempDir static Path demo;

  record Run(int exit, String out, String err) {}

  static Run kyso(String... args) throws Exception {
    return kysoWithout(null, args);
  }

  /** Runs the tool with JVM options (e.g. the log level) before -jar. */
  static Run kysoJvm(List<String> jvmOptions, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", Path.of("target", "kyso.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return run(new ProcessBuilder(command));
  }

  /** Starts a process and waits for it (two minutes at most), keeping what it wrote. */
  static Run run(ProcessBuilder pb) throws Exception {
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  /**
   * Runs the tool with one environment variable removed (the README's command on a fresh machine).
   */
  static Run kysoWithout(String variable, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "kyso.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    if (variable != null) {
      pb.environment().remove(variable);
    }
    return run(pb);
  }

  @BeforeAll
  static void runTheDemo() throws Exception {
    Run r = kyso("demo", "--out", demo.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    // It says what it is doing while it works.
    assertThat(r.err())
        .contains("Khởi động PKI thử nghiệm", "Lập biên bản kiểm tra", "Để lại khóa");
    assertThat(r.out()).contains("HỢP LỆ", "Quyết định chính sách", demo.toString(), "Thiết bị ký");
  }

  @Test
  void demo_asTheReadmeRunsIt_withoutAnySoftHsmConfiguration(@TempDir Path dir) throws Exception {
    Run r = kysoWithout("SOFTHSM2_CONF", "--lang", "en", "demo", "--out", dir.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Token: ", "The files are in");
    if (SoftHsm.findModule().isPresent() && ExternalTools.onPath("pkcs11-tool")) {
      assertThat(r.out()).contains("SoftHSM2");
      assertThat(dir.resolve("softhsm").resolve("softhsm2.conf")).exists();
    }
    Run plain =
        kyso("--lang", "en", "demo", "--no-softhsm", "--out", dir.resolve("p12").toString());
    assertThat(plain.exit()).isZero();
    assertThat(plain.out()).contains("PKCS#12");
  }

  @Test
  void help_andVersion() throws Exception {
    assertThat(kyso("--help").out()).contains("verify", "policy", "demo");
    assertThat(kyso("--version").out()).contains("kyso 0.1.0");
  }

  @Test
  void verify_passes_withTheTestRootTrusted_offline_inBothLanguagesAndJson() throws Exception {
    String root = demo.resolve("goc-thu-nghiem.pem").toString();
    Run vi =
        kyso(
            "verify",
            "--trust",
            root,
            "--offline",
            demo.resolve("cong-van-ban-hanh.pdf").toString());
    assertThat(vi.exit()).as(vi.out() + vi.err()).isZero();
    assertThat(vi.out()).contains("HỢP LỆ");
    Run en =
        kyso(
            "--lang",
            "en",
            "verify",
            "--trust",
            root,
            "--offline",
            demo.resolve("ho-so-ky.xml").toString());
    assertThat(en.exit()).as(en.out() + en.err()).isZero();
    assertThat(en.out()).contains("Signature 1");
    Run json =
        kyso(
            "verify",
            "--json",
            "--trust",
            root,
            "--offline",
            "--policy",
            "national",
            // an issued letter has its number (VT30-08 denies the organisation signature without)
            "--number",
            "123/UBND-VP",
            demo.resolve("cong-van-ban-hanh.pdf").toString());
    assertThat(json.exit()).as(json.out()).isZero();
    assertThat(json.out())
        .contains("\"indication\" : \"TOTAL_PASSED\"", "\"policy\"", "ORIGINAL_VALUE");
  }

  @Test
  void verify_theDemoLetter_offline_aYearAndFiveYearsLater_asTheReadmeDoes() throws Exception {
    // The demo's letter is B-LTA; the record is B-LT. Both carry what they need.
    for (int years : new int[] {1, 5}) {
      String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusYears(years).toString();
      for (String file : List.of("cong-van-ban-hanh.pdf", "ho-so-ky.xml")) {
        Run r =
            kyso(
                "--lang",
                "en",
                "verify",
                demo.resolve(file).toString(),
                "--trust",
                demo.resolve("goc-thu-nghiem.pem").toString(),
                "--offline",
                "--at",
                at);
        assertThat(r.exit()).as("%s at %s: %s%s", file, at, r.out(), r.err()).isZero();
        assertThat(r.out()).contains("PASSED").doesNotContain("INDETERMINATE");
      }
    }
  }

  @Test
  void verify_exitCodes_failedIndeterminateAndManyFiles(@TempDir Path dir) throws Exception {
    String root = demo.resolve("goc-thu-nghiem.pem").toString();
    byte[] pdf = Files.readAllBytes(demo.resolve("cong-van-ban-hanh.pdf"));
    int stream = new String(pdf, StandardCharsets.ISO_8859_1).indexOf("stream\n") + 20;
    pdf[stream] ^= 0x01; // inside the first page's content, covered by both signatures
    Path tampered = dir.resolve("tampered.pdf");
    Files.write(tampered, pdf);
    Run failed = kyso("verify", "--trust", root, "--offline", tampered.toString());
    assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(1);

    Run untrusted = kyso("verify", "--offline", demo.resolve("cong-van-ban-hanh.pdf").toString());
    assertThat(untrusted.exit()).as("the test PKI is not a government anchor").isEqualTo(2);

    List<String> many = new ArrayList<>(List.of("verify", "--trust", root, "--offline"));
    for (int n = 0; n < 4; n++) {
      many.add(demo.resolve("ho-so-ky.xml").toString());
    }
    Run batch = kyso(many.toArray(String[]::new));
    assertThat(batch.exit()).isZero();
    assertThat(batch.err()).contains("4/4");
  }

  @Test
  void verify_manyFilesWithABadOneInTheMiddle_checksEveryFile_andJsonIsOneArray(@TempDir Path dir)
      throws Exception {
    String root = demo.resolve("goc-thu-nghiem.pem").toString();
    Path random = dir.resolve("random.pdf");
    Files.write(random, new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', 0, 1, 2, 3});
    String good = demo.resolve("cong-van-ban-hanh.pdf").toString();
    String record = demo.resolve("ho-so-ky.xml").toString();

    Run text = kyso("verify", "--trust", root, "--offline", good, random.toString(), record);
    Run json =
        kyso("verify", "--json", "--trust", root, "--offline", good, random.toString(), record);

    // The file after the bad one is still verified; the bad one is a result with its code.
    assertThat(text.out()).contains("cong-van-ban-hanh.pdf", "ho-so-ky.xml");
    assertThat(text.err()).contains("random.pdf", "MALFORMED_INPUT");
    assertThat(text.exit()).isEqualTo(1);
    assertThat(json.exit()).isEqualTo(1);
    String out = json.out().strip();
    assertThat(out).startsWith("[").endsWith("]");
    assertThat(out)
        .contains(
            "\"document\" : \"cong-van-ban-hanh.pdf\"",
            "\"document\" : \"random.pdf\"",
            "\"code\" : \"MALFORMED_INPUT\"",
            "\"document\" : \"ho-so-ky.xml\"");
    // One document: an array of one.
    Run one = kyso("verify", "--json", "--trust", root, "--offline", good);
    assertThat(one.out().strip()).startsWith("[").endsWith("]");
    assertThat(one.exit()).isZero();
  }

  @Test
  void verify_withAPolicyThatDeniesASignature_exitsThree() throws Exception {
    String root = demo.resolve("goc-thu-nghiem.pem").toString();
    // A state-secret document may not be signed electronically (X-01): the signatures are valid,
    // the policy denies them, and the check fails.
    Run r =
        kyso(
            "--lang",
            "en",
            "verify",
            "--trust",
            root,
            "--offline",
            "--policy",
            "national",
            "--classification",
            "MAT",
            demo.resolve("cong-van-ban-hanh.pdf").toString());
    assertThat(r.out()).contains("X-01");
    // A policy refusal has its own exit code (3), distinct from a failed signature (1).
    assertThat(r.exit()).as(r.out()).isEqualTo(3);
  }

  @Test
  void demo_leavesWhatANewcomerNeeds_andItsReadmeCommandsWork(@TempDir Path dir) throws Exception {
    for (String name :
        List.of(
            "chu-tich.p12",
            "co-quan.p12",
            "mat-khau.txt",
            "chu-ky.png",
            "con-dau.png",
            "goc-thu-nghiem.pem",
            "README.txt")) {
      assertThat(demo.resolve(name)).as(name).isNotEmptyFile();
    }
    String readme = Files.readString(demo.resolve("README.txt"));
    assertThat(readme).contains("--p12 chu-tich.p12", "--pin-file mat-khau.txt", "--at");
    // The README's signing command, as a newcomer would run it after the demo.
    Path out = dir.resolve("cong-van-ky-tay.pdf");
    Run signed =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            out.toString(),
            "--p12",
            demo.resolve("chu-tich.p12").toString(),
            "--pin-file",
            demo.resolve("mat-khau.txt").toString(),
            "--signature-image",
            demo.resolve("chu-ky.png").toString(),
            "--title-line",
            "CHỦ TỊCH",
            "--name-line",
            "Nguyễn Văn An");
    assertThat(signed.exit()).as(signed.out() + signed.err()).isZero();
    assertThat(out).isNotEmptyFile();
  }

  @Test
  void edxml_sendsTheIssuedLetterWithASignedHeader_andRefusesALetterWithoutTheSeal(
      @TempDir Path dir) throws Exception {
    Path out = dir.resolve("di.edxml");
    String pem = demo.resolve("goc-thu-nghiem.pem").toString();
    String[] send = {
      "--lang",
      "en",
      "sign",
      "edxml",
      demo.resolve("cong-van-ban-hanh.pdf").toString(),
      out.toString(),
      "--p12",
      demo.resolve("co-quan.p12").toString(),
      "--pin-file",
      demo.resolve("mat-khau.txt").toString(),
      "--trust",
      pem,
      "--from-id",
      "000.00.31.H58",
      "--organisation",
      "Ủy ban nhân dân tỉnh Thử Nghiệm",
      "--number",
      "123/UBND-VP",
      "--subject",
      "V/v thử nghiệm liên thông",
      "--to",
      "000.00.00.G22=Văn phòng Chính phủ"
    };
    Run sent = kyso(send);
    assertThat(sent.exit()).as(sent.out() + sent.err()).isZero();
    Run verify =
        kyso(
            "--lang",
            "en",
            "verify",
            out.toString(),
            "--trust",
            pem,
            "--offline",
            "--crl",
            demo.resolve("crl-ca-thu-nghiem.crl").toString(),
            "--crl",
            demo.resolve("crl-goc-thu-nghiem.crl").toString());
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("header#", "cong-van-ban-hanh.pdf#");

    String[] leaderOnly = send.clone();
    leaderOnly[4] = demo.resolve("cong-van-lanh-dao-ky.pdf").toString();
    leaderOnly[5] = dir.resolve("not-sent.edxml").toString();
    Run refused = kyso(leaderOnly);
    assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(1);
    assertThat(refused.err()).contains("PACKAGE_NOT_READY");
    assertThat(dir.resolve("not-sent.edxml")).doesNotExist();
  }

  @Test
  void help_worksOnEveryCommand() throws Exception {
    for (String[] command :
        List.of(
            new String[] {"sign", "--help"},
            new String[] {"verify", "--help"},
            new String[] {"policy", "check", "--help"},
            new String[] {"token", "list", "--help"},
            new String[] {"cert", "info", "--help"},
            new String[] {"demo", "--help"})) {
      Run r = kyso(command);
      assertThat(r.exit()).as(String.join(" ", command) + ": " + r.err()).isZero();
      assertThat(r.out()).as(String.join(" ", command)).contains("Usage:");
    }
  }

  @Test
  void badInput_isOneClearLine_withoutAStackTrace(@TempDir Path dir) throws Exception {
    Run missing = kyso("verify", dir.resolve("none.pdf").toString());
    assertThat(missing.exit()).isEqualTo(64);
    assertThat(missing.err()).contains("Sai cách dùng").doesNotContain("Exception");
    Run option = kyso("--lang", "en", "verify", "--bogus");
    assertThat(option.exit()).isEqualTo(64);
    assertThat(option.err()).contains("Usage error");
    Path broken = dir.resolve("broken.pdf");
    Files.writeString(broken, "%PDF-1.7\nthis is not a PDF");
    Run malformed = kyso("verify", broken.toString());
    assertThat(malformed.exit()).isEqualTo(1);
    assertThat(malformed.err().lines().filter(l -> !l.isBlank()).count()).isLessThanOrEqualTo(2);
    assertThat(malformed.err()).contains("Lỗi").doesNotContain("\tat ");
    Run debug = kyso("--debug", "verify", broken.toString());
    assertThat(debug.err()).contains("\tat ");
  }

  @Test
  void policy_listShowAndCheck() throws Exception {
    assertThat(kyso("policy", "list").out()).contains("national", "lao-cai-51-2015", "đã bãi bỏ");
    assertThat(kyso("--lang", "en", "policy", "list").out()).contains("repealed");
    assertThat(kyso("--lang", "en", "policy", "show", "lao-cai-51-2015").out())
        .contains("LC-04a", "QĐ 51/2015");
    assertThat(kyso("policy", "show", "--yaml", "national").out()).contains("kyso-policy-pack: 1");
    String chairman = demo.resolve("chung-thu-lanh-dao.pem").toString();
    Run secret =
        kyso(
            "policy",
            "check",
            "--cert",
            chairman,
            "--classification",
            "MAT",
            "--doc-type",
            "Công văn");
    assertThat(secret.exit()).isEqualTo(3);
    assertThat(secret.out()).contains("X-01", "TỪ CHỐI");
    Run lc =
        kyso(
            "--lang",
            "en",
            "policy",
            "check",
            "--cert",
            chairman,
            "--preset",
            "lao-cai-51-2015",
            "--classification",
            "TOI_MAT",
            "--at",
            "2018-06-15");
    assertThat(lc.exit()).isEqualTo(3);
    assertThat(lc.out()).contains("LC-04a", "DENY");
    Run ok = kyso("policy", "check", "--cert", chairman, "--doc-type", "Công văn");
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(kyso("policy", "show", "ha-noi").exit()).isEqualTo(64);
    // The territory and today's status of each pack (RULES-ERRATA 3.2).
    assertThat(kyso("--lang", "en", "policy", "list").out())
        .contains("status unknown since 2025-07-01", "Thái Bình, part of Hưng Yên")
        .contains("lapsed draft since 2025-07-01");
  }

  @Test
  void policyCheck_statesEveryFact_andAnAllowCitesItsRules(@TempDir Path dir) throws Exception {
    Path registry = dir.resolve("registry.yaml");
    Files.writeString(
        registry,
        "people:\n"
            + "  - id: p-chair\n"
            + "    name: Nguyễn Văn An\n"
            + "    organisation: Ủy ban nhân dân tỉnh Thử Nghiệm\n"
            + "    position: HEAD\n"
            + "    title: Chủ tịch\n"
            + "    certificates: ["
            + demo.resolve("chung-thu-lanh-dao.pem")
            + "]\n"
            + "organisations:\n"
            + "  - name: Ủy ban nhân dân tỉnh Thử Nghiệm\n"
            + "    type: ubnd-tinh\n"
            + "    regime: COLLECTIVE\n"
            + "    token-holders: [p-clerk]\n"
            + "    head: p-chair\n");
    List<String> common =
        List.of(
            "policy",
            "check",
            "--cert",
            demo.resolve("chung-thu-co-quan.pem").toString(),
            "--kind",
            "ORGANISATION",
            "--doc-type",
            "Công văn",
            "--number",
            "12/UBND-VP",
            "--organisation",
            "Ủy ban nhân dân tỉnh Thử Nghiệm",
            "--registry",
            registry.toString(),
            "--document",
            demo.resolve("cong-van-lanh-dao-ky.pdf").toString(),
            "--trust",
            demo.resolve("goc-thu-nghiem.pem").toString(),
            "--offline",
            "--crl",
            demo.resolve("crl-ca-thu-nghiem.crl").toString(),
            "--crl",
            demo.resolve("crl-goc-thu-nghiem.crl").toString());
    List<String> byClerk = new ArrayList<>(List.of("--lang", "en"));
    byClerk.addAll(common);
    byClerk.addAll(List.of("--operator", "p-clerk", "--check-certificate"));
    Run ok = kyso(byClerk.toArray(String[]::new));
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    // The signer certificate was validated with the given anchors and CRLs: its status is known.
    assertThat(ok.out()).doesNotContain("revocation status was not checked");
    assertThat(ok.out())
        .contains("Allowed because these rules are met")
        .contains("VT30-09", "follows the valid personal signature of Nguyễn Văn An")
        .contains("Nghị định 30/2020/NĐ-CP");
    // Without the earlier signature, VT30-09 refuses.
    Run alone =
        kyso(
            "--lang",
            "en",
            "policy",
            "check",
            "--cert",
            demo.resolve("chung-thu-co-quan.pem").toString(),
            "--kind",
            "ORGANISATION",
            "--doc-type",
            "Công văn",
            "--organisation",
            "Ủy ban nhân dân tỉnh Thử Nghiệm",
            "--number",
            "12/UBND-VP");
    assertThat(alone.exit()).isEqualTo(3);
    assertThat(alone.out()).contains("VT30-09");
    // A broken registry is a typed error naming the problem, not a stack trace.
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "people:\n  - id: p\n    position: PRESIDENT\n");
    Run bad =
        kyso(
            "policy",
            "check",
            "--cert",
            demo.resolve("chung-thu-co-quan.pem").toString(),
            "--registry",
            broken.toString());
    assertThat(bad.exit()).isNotZero().isNotEqualTo(3);
    assertThat(bad.err()).contains("broken.yaml").doesNotContain("Exception");
  }

  @Test
  void policyCheck_encryptionIsItsOwnOperation_andAdviseGivesDeadlines(@TempDir Path dir)
      throws Exception {
    TestPki thaiBinh =
        TestPki.builder().seed(31).province("Thái Bình").asOf(LocalDate.of(2024, 5, 6)).build();
    Path chair = pem(dir, thaiBinh.credential(TestIdentity.CHAIRMAN).certificate());
    Run encrypt =
        kyso(
            "--lang",
            "en",
            "policy",
            "check",
            "--cert",
            chair.toString(),
            "--preset",
            "thai-binh-08-2016",
            "--classification",
            "MAT",
            "--operation",
            "encrypt",
            "--at",
            "2024-05-06");
    assertThat(encrypt.exit()).as(encrypt.out() + encrypt.err()).isZero();
    assertThat(encrypt.out()).contains("TB-11", "Allowed because").doesNotContain("TB-10");
    Run sign =
        kyso(
            "--lang",
            "en",
            "policy",
            "check",
            "--cert",
            chair.toString(),
            "--preset",
            "thai-binh-08-2016",
            "--classification",
            "MAT",
            "--at",
            "2024-05-06");
    assertThat(sign.exit()).isEqualTo(3);
    assertThat(sign.out()).contains("TB-10");

    // Renewal: the extension from the previous end of validity (CD68-03).
    Run renew =
        kyso(
            "--lang",
            "en",
            "policy",
            "advise",
            "--cert",
            demo.resolve("chung-thu-lanh-dao.pem").toString(),
            "--previous-not-after",
            "2026-01-01",
            "--renewals",
            "1");
    assertThat(renew.exit()).as(renew.out() + renew.err()).isZero();
    assertThat(renew.out()).contains("CD68-03", "within 3 years", "== Certificate");
    // Revocation after retirement in Lào Cai: the agency's deadline and the collection deadline
    // from the CA's notice (LC-13), in working days.
    Run revoke =
        kyso(
            "--lang",
            "en",
            "policy",
            "advise",
            "--preset",
            "lao-cai-51-2015",
            "--event",
            "RETIREMENT",
            "--event-date",
            "2018-06-15",
            "--ca-notice",
            "2018-06-20",
            "--at",
            "2018-06-15");
    assertThat(revoke.exit()).isZero();
    assertThat(revoke.out())
        .contains("notify by 2018-06-19; return the device by 2018-06-22")
        .contains("LC-13", "Reporting deadlines in 2018");
    Run vi =
        kyso(
            "policy",
            "advise",
            "--preset",
            "thai-binh-08-2016",
            "--operation",
            "RECOVER",
            "--at",
            "2026-06-15");
    assertThat(vi.out()).contains("Mẫu 09", "Sở Khoa học và Công nghệ tỉnh Hưng Yên");
    assertThat(kyso("policy", "advise", "--operation", "SIGN").exit()).isEqualTo(64);
  }

  private static final TestPki PKI = TestPki.builder().seed(31).build();

  @Test
  void signPdf_withARemoteKey_waitsForTheApproval_andARefusalWritesNothing(@TempDir Path dir)
      throws Exception {
    try (CscServer csc = new CscServer("e-office", "bi-mat".toCharArray())) {
      csc.pki(PKI);
      csc.user("CCCD:001080000001", PKI.credential(TestIdentity.CHAIRMAN));
      csc.pollsBeforeApproval(2);
      Path secret = Files.writeString(dir.resolve("secret.txt"), "bi-mat\n");
      Path out = dir.resolve("remote.pdf");
      List<String> args =
          List.of(
              "sign",
              "pdf",
              demo.resolve("cong-van.pdf").toString(),
              out.toString(),
              "--remote",
              "csc",
              "--remote-url",
              csc.v2().toString(),
              "--remote-user",
              "CCCD:001080000001",
              "--remote-client",
              "e-office",
              "--remote-secret-file",
              secret.toString());
      Run signed = kyso(args.toArray(String[]::new));
      assertThat(signed.exit()).as(signed.out() + signed.err()).isZero();
      assertThat(signed.err()).contains("Đang chờ xác nhận trên điện thoại");
      assertThat(Files.readString(out, StandardCharsets.ISO_8859_1)).contains("/ByteRange");
      assertThat(signed.out() + signed.err()).doesNotContain("bi-mat");

      csc.outcome(UserAnswer.REJECT);
      Path refused = dir.resolve("refused.pdf");
      List<String> again = new ArrayList<>(args);
      again.set(3, refused.toString());
      Run no = kyso(again.toArray(String[]::new));
      assertThat(no.exit()).isEqualTo(1);
      assertThat(no.err()).contains("USER_REJECTED");
      assertThat(refused).doesNotExist();
    }
  }

  private static Path pem(Path dir, X509Certificate c) throws Exception {
    Path f = dir.resolve("root-" + c.getSerialNumber() + ".pem");
    Files.writeString(
        f,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(c.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    return f;
  }

  @Test
  void signPdf_withAPkcs12File_visible_thenVerify(@TempDir Path dir) throws Exception {
    Path p12 = dir.resolve("chairman.p12");
    Files.write(p12, PKI.credential(TestIdentity.CHAIRMAN).toPkcs12("mat-khau".toCharArray()));
    Path pin = dir.resolve("pin.txt");
    Files.writeString(pin, "mat-khau\n");
    Path png = dir.resolve("chu-ky.png");
    BufferedImage img = new BufferedImage(200, 80, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(20, 40, 200));
    g.setStroke(new BasicStroke(6));
    g.drawLine(10, 60, 190, 20);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
    Path out = dir.resolve("signed.pdf");
    Run sign =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            out.toString(),
            "--p12",
            p12.toString(),
            "--pin-file",
            pin.toString(),
            "--signature-image",
            png.toString(),
            "--rect",
            "120,200,50,20");
    assertThat(sign.exit()).as(sign.out() + sign.err()).isZero();
    assertThat(sign.out()).contains("Đã ký");
    Run verify =
        kyso(
            "verify",
            "--trust",
            pem(dir, PKI.root()).toString(),
            "--offline",
            "--at",
            "2026-06-15T10:00:00+07:00",
            out.toString());
    assertThat(verify.exit()).as("no revocation data offline").isEqualTo(2);
    assertThat(verify.out()).contains("APPEARANCE_IMAGE");
    Path crl1 = dir.resolve("sub.crl");
    Files.write(crl1, CrlServer.crl(PKI, PKI.intermediate(), ServerMode.NORMAL));
    Path crl2 = dir.resolve("root.crl");
    Files.write(crl2, CrlServer.crl(PKI, PKI.rootCredential(), ServerMode.NORMAL));
    Run withCrls =
        kyso(
            "verify",
            "--trust",
            pem(dir, PKI.root()).toString(),
            "--offline",
            "--at",
            "2026-06-15T10:00:00+07:00",
            "--crl",
            crl1.toString(),
            "--crl",
            crl2.toString(),
            out.toString());
    assertThat(withCrls.exit()).as(withCrls.out() + withCrls.err()).isZero();

    Path xml = dir.resolve("signed.xml");
    Run signXml =
        kyso(
            "--lang",
            "en",
            "sign",
            "xml",
            demo.resolve("ho-so.xml").toString(),
            xml.toString(),
            "--p12",
            p12.toString(),
            "--pin-file",
            pin.toString());
    assertThat(signXml.exit()).as(signXml.out() + signXml.err()).isZero();
    assertThat(signXml.out()).contains("Signed");

    // A detached signature the CLI makes is verified with the data named by --detached, and
    // without it is INDETERMINATE (the data was not supplied), not a format failure.
    Path detached = dir.resolve("ho-so-detached.xml");
    Run signDetached =
        kyso(
            "--lang",
            "en",
            "sign",
            "xml",
            demo.resolve("ho-so.xml").toString(),
            detached.toString(),
            "--packaging",
            "DETACHED",
            "--p12",
            p12.toString(),
            "--pin-file",
            pin.toString());
    assertThat(signDetached.exit()).as(signDetached.out() + signDetached.err()).isZero();
    String[] offlineWithCrls = {
      "--lang",
      "en",
      "verify",
      "--trust",
      pem(dir, PKI.root()).toString(),
      "--offline",
      "--at",
      "2026-06-15T10:00:00+07:00",
      "--crl",
      crl1.toString(),
      "--crl",
      crl2.toString()
    };
    Run missing = kyso(concat(offlineWithCrls, detached.toString()));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).contains("XML_DETACHED_MISSING", "SIGNED_DATA_NOT_FOUND");
    Run supplied =
        kyso(
            concat(
                offlineWithCrls,
                "--detached",
                demo.resolve("ho-so.xml").toString(),
                detached.toString()));
    assertThat(supplied.exit()).as(supplied.out() + supplied.err()).isZero();

    // Any file, CAdES: a detached .p7s found beside its file, then an enveloping .p7m; the file
    // changed after signing fails.
    Path report = Files.writeString(dir.resolve("bao-cao.docx"), "Báo cáo quý IV/2026");
    Path p7s = dir.resolve("bao-cao.docx.p7s");
    Path p7m = dir.resolve("bao-cao.p7m");
    String[] signFile = {"--lang", "en", "sign", "file", report.toString()};
    String[] key = {"--p12", p12.toString(), "--pin-file", pin.toString()};
    Run signP7s = kyso(concat(concat(signFile, p7s.toString()), key));
    assertThat(signP7s.exit()).as(signP7s.out() + signP7s.err()).isZero();
    Run signP7m = kyso(concat(concat(signFile, p7m.toString(), "--packaging", "ENVELOPING"), key));
    assertThat(signP7m.exit()).as(signP7m.out() + signP7m.err()).isZero();
    Run verifyCades = kyso(concat(offlineWithCrls, p7s.toString(), p7m.toString()));
    assertThat(verifyCades.exit()).as(verifyCades.out() + verifyCades.err()).isZero();
    assertThat(verifyCades.out()).contains("the file bao-cao.docx", "CAdES B-B: PASSED");
    Files.writeString(report, "Báo cáo quý IV/2026 (đã sửa)");
    Run changed = kyso(concat(offlineWithCrls, p7s.toString()));
    assertThat(changed.exit()).as(changed.out()).isEqualTo(1);
    assertThat(changed.out()).contains("HASH_FAILURE");

    // An ASiC-E container of two files with a XAdES signature, and an ASiC-S one with CAdES.
    Path annex = Files.writeString(dir.resolve("phu-luc.xlsx"), "Phụ lục");
    Path asice = dir.resolve("ho-so.asice");
    Path asics = dir.resolve("bao-cao.asics");
    Run signAsice =
        kyso(
            concat(
                new String[] {"--lang", "en", "sign", "asic", report.toString(), asice.toString()},
                concat(key, "--also", annex.toString(), "--asic-form", "XADES")));
    assertThat(signAsice.exit()).as(signAsice.out() + signAsice.err()).isZero();
    Run signAsics =
        kyso(
            concat(
                new String[] {"--lang", "en", "sign", "asic", report.toString(), asics.toString()},
                key));
    assertThat(signAsics.exit()).as(signAsics.out() + signAsics.err()).isZero();
    Run verifyAsic = kyso(concat(offlineWithCrls, asice.toString(), asics.toString()));
    assertThat(verifyAsic.exit()).as(verifyAsic.out() + verifyAsic.err()).isZero();
    assertThat(verifyAsic.out()).contains("phu-luc.xlsx", "META-INF/signature.p7s#Signature1");
  }

  private static String[] concat(String[] first, String... more) {
    String[] out = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, out, first.length, more.length);
    return out;
  }

  @Test
  void signRefusals_wrongPasswordPolicyAndUsage(@TempDir Path dir) throws Exception {
    Path p12 = dir.resolve("chairman.p12");
    Files.write(p12, PKI.credential(TestIdentity.CHAIRMAN).toPkcs12("mat-khau".toCharArray()));
    Path wrong = dir.resolve("wrong.txt");
    Files.writeString(wrong, "sai");
    Path right = dir.resolve("pin.txt");
    Files.writeString(right, "mat-khau");
    Path out = dir.resolve("signed.pdf");
    Run bad =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            out.toString(),
            "--p12",
            p12.toString(),
            "--pin-file",
            wrong.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("Lỗi", "KEYSTORE_PASSWORD_INCORRECT").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
    // A file that is not a key store gets another message than a wrong password.
    Path notAKeyStore = Files.writeString(dir.resolve("random.p12"), "not a key store");
    Run random =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            out.toString(),
            "--p12",
            notAKeyStore.toString(),
            "--pin-file",
            right.toString());
    assertThat(random.exit()).isEqualTo(1);
    assertThat(random.err()).contains("KEYSTORE_UNREADABLE", "PKCS#12");
    assertThat(out).doesNotExist();
    Run refused =
        kyso(
            "--lang",
            "en",
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            out.toString(),
            "--p12",
            p12.toString(),
            "--pin-file",
            right.toString(),
            "--policy",
            "national",
            "--classification",
            "MAT");
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err()).contains("SIGNING_REFUSED", "X-01");
    // The reasons stand above the one-line error, each with its source.
    assertThat(refused.err().indexOf("X-01")).isLessThan(refused.err().indexOf("SIGNING_REFUSED"));
    assertThat(out).doesNotExist();
    // An existing output is refused unless --force; a missing folder is an error.
    Path existing = Files.writeString(dir.resolve("existing.pdf"), "keep me");
    String[] toExisting = {
      "sign",
      "pdf",
      demo.resolve("cong-van.pdf").toString(),
      existing.toString(),
      "--p12",
      p12.toString(),
      "--pin-file",
      right.toString()
    };
    assertThat(kyso(toExisting).exit()).isEqualTo(64);
    assertThat(Files.readString(existing)).isEqualTo("keep me");
    List<String> forced = new ArrayList<>(List.of(toExisting));
    forced.add("--force");
    Run replaced = kyso(forced.toArray(String[]::new));
    assertThat(replaced.exit()).as(replaced.err()).isZero();
    assertThat(Files.size(existing)).isGreaterThan(Files.size(demo.resolve("cong-van.pdf")));
    Run noFolder =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            dir.resolve("no-such-folder").resolve("out.pdf").toString(),
            "--p12",
            p12.toString(),
            "--pin-file",
            right.toString());
    assertThat(noFolder.exit()).isEqualTo(64);
    assertThat(dir.resolve("no-such-folder")).doesNotExist();
    assertThat(kyso("sign", "doc", "a", "b", "--p12", p12.toString()).exit()).isEqualTo(64);
    assertThat(kyso("sign", "pdf", "a.pdf", "b.pdf").exit())
        .as("a key source is required")
        .isEqualTo(64);
    Run noPin =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            out.toString(),
            "--p12",
            p12.toString());
    assertThat(noPin.exit()).as("no terminal, no KYSO_PIN, no --pin-file").isEqualTo(64);
  }

  @Test
  void signWithAPkcs11Token_wrongPinIsTyped(@TempDir Path dir) throws Exception {
    SoftHsm hsm = SoftHsm.assumeAvailable();
    hsm.createToken("kyso-cli", "12345678", "123456");
    hsm.importCredential(
        "kyso-cli", "123456", PKI.credential(TestIdentity.CHAIRMAN), "01", "chairman");
    Path pin = dir.resolve("pin.txt");
    Files.writeString(pin, "123456");
    Path wrong = dir.resolve("wrong.txt");
    Files.writeString(wrong, "000000");
    Path out = dir.resolve("token-signed.pdf");
    Run bad =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            out.toString(),
            "--pkcs11-lib",
            hsm.module().toString(),
            "--token-label",
            "kyso-cli",
            "--pin-file",
            wrong.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("PIN_INCORRECT");
    assertThat(out).doesNotExist();
    Run ok =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            out.toString(),
            "--pkcs11-lib",
            hsm.module().toString(),
            "--token-label",
            "kyso-cli",
            "--pin-file",
            pin.toString());
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(Files.size(out)).isGreaterThan(Files.size(demo.resolve("cong-van.pdf")));
    // The certificate that signs is named before it signs.
    assertThat(ok.err()).contains("Ký bằng", "Nguyễn Văn An");
    // A second key on the token: without --key nothing is chosen silently.
    hsm.importCredential(
        "kyso-cli", "123456", PKI.credential(TestIdentity.VICE_CHAIRMAN), "02", "vice-chairman");
    Run two =
        kyso(
            "sign",
            "pdf",
            demo.resolve("cong-van.pdf").toString(),
            dir.resolve("two.pdf").toString(),
            "--pkcs11-lib",
            hsm.module().toString(),
            "--token-label",
            "kyso-cli",
            "--pin-file",
            pin.toString());
    assertThat(two.exit()).as(two.out() + two.err()).isEqualTo(64);
    assertThat(two.err()).contains("--key 01", "--key 02");
    assertThat(dir.resolve("two.pdf")).doesNotExist();

    String lib = hsm.module().toString();
    Path log = dir.resolve("pin-log.properties");
    Run list = kyso("token", "list", "--pkcs11-lib", lib);
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("Khe ", "kyso-cli");
    // Slot ids are identifiers, printed without thousands separators (SoftHSM's are large).
    assertThat(list.out()).containsPattern("Khe [0-9]+: ");
    Run info =
        kyso(
            "--lang",
            "en",
            "token",
            "info",
            "--pkcs11-lib",
            lib,
            "--pin-log",
            log.toString(),
            "--token-label",
            "kyso-cli",
            "--pin-file",
            pin.toString());
    assertThat(info.exit()).as(info.out() + info.err()).isZero();
    assertThat(info.out()).contains("kyso-cli", "Nguyễn Văn An", "not recorded");
    Path newPin = dir.resolve("new.txt");
    Files.writeString(newPin, "654321");
    Run change =
        kyso(
            "token",
            "change-pin",
            "--pkcs11-lib",
            lib,
            "--pin-log",
            log.toString(),
            "--token-label",
            "kyso-cli",
            "--pin-file",
            pin.toString(),
            "--new-pin-file",
            newPin.toString());
    assertThat(change.exit()).as(change.out() + change.err()).isZero();
    Run after =
        kyso(
            "--lang",
            "en",
            "token",
            "info",
            "--pkcs11-lib",
            lib,
            "--pin-log",
            log.toString(),
            "--token-label",
            "kyso-cli",
            "--pin-file",
            newPin.toString());
    assertThat(after.out()).contains("PIN last changed 0 days ago");
    Run oldPin =
        kyso(
            "token",
            "info",
            "--pkcs11-lib",
            lib,
            "--token-label",
            "kyso-cli",
            "--pin-file",
            pin.toString());
    assertThat(oldPin.exit()).isEqualTo(1);
    assertThat(oldPin.err()).contains("PIN_INCORRECT");
  }

  @Test
  void secrets_neverReachTheLogs_evenAtTrace(@TempDir Path dir) throws Exception {
    SoftHsm hsm = SoftHsm.assumeAvailable();
    String secretPin = "731946";
    hsm.createToken("kyso-secret", "87654321", secretPin);
    hsm.importCredential(
        "kyso-secret", secretPin, PKI.credential(TestIdentity.CHAIRMAN), "01", "k");
    Path pin = dir.resolve("pin.txt");
    Files.writeString(pin, secretPin);
    Path xml = dir.resolve("ho-so.xml");
    String marker = "NOI-DUNG-MAT-4711";
    Files.writeString(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo><GhiChu>"
            + marker
            + "</GhiChu></HoSo>\n");
    List<String> trace = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace");
    Run signed =
        kysoJvm(
            trace,
            "sign",
            "xml",
            xml.toString(),
            dir.resolve("signed.xml").toString(),
            "--pkcs11-lib",
            hsm.module().toString(),
            "--token-label",
            "kyso-secret",
            "--pin-file",
            pin.toString());
    assertThat(signed.exit()).as(signed.err()).isZero();
    Run wrong =
        kysoJvm(
            trace,
            "--debug",
            "sign",
            "xml",
            xml.toString(),
            dir.resolve("x.xml").toString(),
            "--pkcs11-lib",
            hsm.module().toString(),
            "--token-label",
            "kyso-secret",
            "--pin-file",
            pin.toString() + "-none");
    String logs = signed.out() + signed.err() + wrong.out() + wrong.err();
    assertThat(logs).doesNotContain(secretPin).doesNotContain(marker);
    byte[] key = PKI.credential(TestIdentity.CHAIRMAN).privateKey().getEncoded();
    assertThat(logs)
        .doesNotContain(Base64.getEncoder().encodeToString(key).substring(40, 80))
        .doesNotContain(HexFormat.of().formatHex(key).substring(80, 160));
  }

  @Test
  void certInfo_showsTheSignerIdentity() throws Exception {
    Run r = kyso("--lang", "en", "cert", "info", demo.resolve("chung-thu-lanh-dao.pem").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Nguyễn Văn An", "CCCD", "SHA-256", "Kind: a person");
  }

  /** English words and phrases that must never reach a Vietnamese user. */
  private static final List<String> ENGLISH =
      List.of(
          "no such file",
          "Missing required",
          "Unknown option",
          "Invalid value",
          "No enum constant",
          "[INFO]",
          "[ERROR]",
          "[WARNING]",
          "in_force",
          "repealed",
          "needs",
          "must be",
          "expected",
          "choose one",
          "give --force",
          "cannot read",
          "Usage error");

  private static final java.util.regex.Pattern JAVA_NAMES =
      java.util.regex.Pattern.compile(
          "\\b(java|javax|org\\.apache|vn\\.kyso|picocli)\\.[a-z]"
              + "|\\b[A-Z][A-Za-z]+(Exception|Error)\\b"
              + "|\\b(PERSON|ORGANISATION|DEVICE|COUNT_LOW|FINAL_TRY|IN_FORCE|REPEALED)\\b");

  @Test
  void vietnameseMode_speaksVietnameseOnEveryErrorPath(@TempDir Path dir) throws Exception {
    Path random = dir.resolve("ngau-nhien.pdf");
    Files.write(
        random,
        new java.util.Random(7)
            .ints(4000, 0, 256)
            .collect(java.io.ByteArrayOutputStream::new, (o, b) -> o.write(b), (a, b) -> {})
            .toByteArray());
    Path p12 = dir.resolve("khoa.p12");
    Files.write(p12, PKI.credential(TestIdentity.CHAIRMAN).toPkcs12("mat-khau".toCharArray()));
    Path pin = Files.writeString(dir.resolve("pin.txt"), "mat-khau");
    Path wrongPin = Files.writeString(dir.resolve("sai.txt"), "sai");
    Path existing = Files.writeString(dir.resolve("da-co.pdf"), "giu nguyen");
    String letter = demo.resolve("cong-van.pdf").toString();
    String signed = demo.resolve("cong-van-ban-hanh.pdf").toString();
    String out = dir.resolve("ra.pdf").toString();
    List<String[]> commands =
        List.of(
            new String[] {},
            new String[] {"verify"},
            new String[] {"verify", "--bogus", signed},
            new String[] {"verify", dir.toString()},
            new String[] {"verify", dir.resolve("khong-co.pdf").toString()},
            new String[] {"verify", "--at", "hom-qua", signed},
            new String[] {"verify", "--policy", "khong-co", signed},
            new String[] {"verify", "--report", "docx", "--out", dir.toString(), signed},
            new String[] {"verify", "--report", "html", signed},
            new String[] {"verify", "--report", "html", "--out", existing.toString(), signed},
            new String[] {"verify", random.toString()},
            new String[] {
              "verify",
              "--trust",
              demo.resolve("goc-thu-nghiem.pem").toString(),
              "--offline",
              "--policy",
              "national",
              signed,
              random.toString()
            },
            new String[] {"sign"},
            new String[] {"sign", "pdf"},
            new String[] {"sign", "docx", letter, out, "--p12", p12.toString()},
            new String[] {"sign", "pdf", "--level", "B_X", letter, out, "--p12", p12.toString()},
            new String[] {"sign", "pdf", letter, letter, "--p12", p12.toString()},
            new String[] {
              "sign", "pdf", letter, dir.resolve("khong/ra.pdf").toString(), "--p12", p12.toString()
            },
            new String[] {
              "sign",
              "pdf",
              letter,
              existing.toString(),
              "--p12",
              p12.toString(),
              "--pin-file",
              pin.toString()
            },
            new String[] {
              "sign", "pdf", letter, out, "--p12", random.toString(), "--pin-file", pin.toString()
            },
            new String[] {
              "sign", "pdf", letter, out, "--p12", p12.toString(), "--pin-file", wrongPin.toString()
            },
            new String[] {"sign", "pdf", letter, out, "--p12", p12.toString()},
            new String[] {
              "sign",
              "pdf",
              "--level",
              "T",
              letter,
              out,
              "--p12",
              p12.toString(),
              "--pin-file",
              pin.toString()
            },
            new String[] {
              "sign",
              "pdf",
              letter,
              out,
              "--p12",
              p12.toString(),
              "--pin-file",
              pin.toString(),
              "--signature-image",
              demo.resolve("chu-ky.png").toString()
            },
            new String[] {
              "sign",
              "pdf",
              letter,
              out,
              "--p12",
              p12.toString(),
              "--pin-file",
              pin.toString(),
              "--seal-image",
              demo.resolve("con-dau.png").toString(),
              "--seal-size",
              "3x"
            },
            new String[] {"policy"},
            new String[] {"policy", "list"},
            new String[] {"policy", "show", "lao-cai-51-2015"},
            new String[] {"policy", "show", "khong-co"},
            new String[] {"policy", "check"},
            new String[] {"token"},
            new String[] {"cert"},
            new String[] {"cert", "info", random.toString()},
            new String[] {"cert", "info", demo.resolve("chung-thu-lanh-dao.pem").toString()});
    for (String[] command : commands) {
      Run r = kyso(command);
      String said = r.out() + r.err();
      String what = "kyso " + String.join(" ", command) + " said:\n" + said;
      for (String word : ENGLISH) {
        assertThat(said).as(what).doesNotContain(word);
      }
      assertThat(JAVA_NAMES.matcher(said).find()).as(what).isFalse();
    }
    assertThat(Files.readString(existing)).isEqualTo("giu nguyen");
  }

  @Test
  void libraryLogging_isQuiet_unlessDebugAsksForIt() throws Exception {
    String signed = demo.resolve("cong-van-ban-hanh.pdf").toString();
    String root = demo.resolve("goc-thu-nghiem.pem").toString();
    Run quiet = kyso("verify", "--trust", root, "--offline", signed);
    assertThat(quiet.exit()).as(quiet.err()).isZero();
    assertThat(quiet.err()).doesNotContain("org.apache").doesNotContain("COMMONS-LOGGING");
    Run debug = kyso("--debug", "verify", "--trust", root, "--offline", signed);
    assertThat(debug.err()).as("PDFBox logs through SLF4J").contains("DEBUG org.apache.pdfbox");
  }

  @Test
  void reports_ofEveryDemoDocument_inAllFourFormats_checkedByIndependentTools(@TempDir Path dir)
      throws Exception {
    ExternalTools.requireCommand("pdftoppm", "poppler-utils");
    ExternalTools.requireCommand("pdftotext", "poppler-utils");
    ExternalTools.requireCommand("chromium", "chromium");
    Path reports = dir.resolve("bien-ban");
    List<String> documents =
        List.of("cong-van-lanh-dao-ky.pdf", "cong-van-ban-hanh.pdf", "ho-so-ky.xml");
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--trust",
                demo.resolve("goc-thu-nghiem.pem").toString(),
                "--offline",
                "--crl",
                demo.resolve("crl-ca-thu-nghiem.crl").toString(),
                "--crl",
                demo.resolve("crl-goc-thu-nghiem.crl").toString(),
                "--report",
                "html,pdf,etsi,csv",
                "--out",
                reports.toString()));
    documents.forEach(d -> args.add(demo.resolve(d).toString()));
    Run r = kyso(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).contains("Đã ghi 11 biên bản");

    for (String d : documents) {
      // ETSI TS 119 102-2, against the schema the EU DSS project ships.
      vn.kyso.report.EtsiSchema.validate(Files.readString(reports.resolve(d + ".etsi.xml")));

      // The printable record: rendered by poppler, and its text extracted.
      Path pdf = reports.resolve(d + ".pdf");
      Process render =
          new ProcessBuilder(
                  "pdftoppm",
                  "-r",
                  "40",
                  "-png",
                  "-f",
                  "1",
                  "-l",
                  "1",
                  pdf.toString(),
                  dir.resolve(d).toString())
              .redirectErrorStream(true)
              .start();
      String renderSaid =
          new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(render.waitFor()).as(renderSaid).isZero();
      try (var pngs = Files.list(dir)) {
        assertThat(
                pngs.filter(
                    p -> p.getFileName().toString().startsWith(d) && p.toString().endsWith(".png")))
            .isNotEmpty()
            .allSatisfy(p -> assertThat(Files.size(p)).isGreaterThan(2000));
      }
      Process text =
          new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
              .redirectErrorStream(true)
              .start();
      String words = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text.waitFor()).isZero();
      assertThat(words)
          .contains("BIÊN BẢN KIỂM TRA CHỮ KÝ SỐ", "HỢP LỆ", "Nguyễn Văn An", d)
          .contains("Đường dẫn tin cậy", "Tính toàn vẹn", "Thời điểm ký");

      // The HTML page, in headless Chromium at A4 width: every field there, nothing overflowing.
      String verdict = Chromium.check(reports.resolve(d + ".html"), dir);
      assertThat(verdict).as(d).startsWith("OK");
      assertThat(Files.readString(reports.resolve(d + ".html"))).doesNotContain("<script");
    }
    String summary = Chromium.check(reports.resolve("tong-hop.html"), dir);
    assertThat(summary).startsWith("OK").contains("rows=3");
    List<String> csv = Files.readAllLines(reports.resolve("tong-hop.csv"), StandardCharsets.UTF_8);
    assertThat(csv).hasSize(4);
    assertThat(csv.get(2)).contains("cong-van-ban-hanh.pdf", "TOTAL_PASSED", "Nguyễn Văn An");
  }
}
