package vn.kyso.examples.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.KysoException;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.token.Pkcs12Token;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.asic.AsicOptions;
import vn.kyso.asic.AsicSignatureForm;
import vn.kyso.asic.AsicSigner;
import vn.kyso.asic.AsicType;
import vn.kyso.cades.CadesLevel;
import vn.kyso.cades.CadesPackaging;
import vn.kyso.cades.CadesSignatureOptions;
import vn.kyso.cades.CadesSigner;
import vn.kyso.edxml.EdxmlPackage;
import vn.kyso.edxml.EdxmlSender;
import vn.kyso.edxml.Organ;
import vn.kyso.edxml.SignerInfo;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.Placement;
import vn.kyso.pades.SignatureImage;
import vn.kyso.pades.VisibleSignature;
import vn.kyso.pkcs11.Pkcs11Module;
import vn.kyso.pkcs11.TokenSelector;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;

/**
 * {@code kyso sign pdf|xml|file|asic IN OUT}: signs with a PKCS#12 file, a PKCS#11 token or a
 * remote signer; {@code file} makes a CAdES signature of any file (detached {@code .p7s} by
 * default), {@code asic} an ASiC container (ASiC-S to {@code .asics}, ASiC-E with {@code --also}),
 * {@code edxml} an outgoing edXML message around a signed letter, its header signed.
 */
@Command(
    name = "sign",
    description = {
      "Ký số tệp PDF, XML hoặc tệp bất kỳ (CAdES) bằng tệp PKCS#12, thiết bị ký PKCS#11 hoặc"
          + " dịch vụ ký từ xa.",
      "Signs a PDF, an XML or any file (CAdES) with a PKCS#12 file, a PKCS#11 token or a remote"
          + " signer."
    })
final class SignCommand implements Callable<Integer> {
  @ParentCommand Kyso root;

  @Parameters(index = "0", paramLabel = "pdf|xml|file|asic|edxml")
  String format;

  @Parameters(index = "1", paramLabel = "IN")
  Path in;

  @Parameters(index = "2", paramLabel = "OUT")
  Path out;

  @ArgGroup(exclusive = true, multiplicity = "1")
  KeySource source;

  static final class KeySource {
    @Option(
        names = "--p12",
        paramLabel = "FILE",
        description = "a PKCS#12 key file (password from --pin-file, KYSO_PIN or a prompt)")
    Path p12;

    @Option(
        names = "--pkcs11-lib",
        paramLabel = "LIB",
        description =
            "the token's PKCS#11 library, e.g. /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
    Path pkcs11;

    @Option(
        names = "--remote",
        paramLabel = "csc|769|mysign|mss",
        description =
            "a remote signing service that holds the key (the user approves on the phone):"
                + " csc (Cloud Signature Consortium API), 769 (VNPT SmartCA pattern), mysign"
                + " (Viettel) or mss (SIM-PKI, ETSI TS 102 204)")
    String remote;
  }

  @picocli.CommandLine.Mixin RemoteOptions remoteOptions = new RemoteOptions();

  @Option(
      names = "--slot",
      paramLabel = "ID",
      description = "the token's slot id (default: the first token)")
  Long slot;

  @Option(
      names = "--force",
      description = "replace OUT if it exists (without it, an existing output is refused)")
  boolean force;

  @Option(names = "--token-label", paramLabel = "LABEL", description = "the token's label")
  String tokenLabel;

  @Option(
      names = "--key",
      paramLabel = "ID",
      description = "the key's id (default: the first signing key)")
  String keyId;

  @Option(
      names = "--pin-file",
      paramLabel = "FILE",
      description = "a file holding the PIN or password")
  Path pinFile;

  @Option(
      names = "--level",
      defaultValue = "B",
      paramLabel = "B|T|LT|LTA",
      description = "default: B")
  String level;

  @Option(
      names = "--tsa",
      paramLabel = "URL",
      description = "the time-stamping service, for T, LT and LTA")
  String tsa;

  @Option(
      names = "--trust",
      paramLabel = "FILE",
      description = "trust anchors for LT/LTA validation data (default: built-in)")
  List<Path> trust = new ArrayList<>();

  @Option(
      names = "--packaging",
      defaultValue = "ENVELOPED",
      paramLabel = "P",
      description =
          "XML: ENVELOPED (default), ENVELOPING or DETACHED; file (CAdES): DETACHED (default,"
              + " a .p7s beside the file) or ENVELOPING (a .p7m holding it)")
  XadesPackaging packaging;

  @Option(
      names = "--also",
      paramLabel = "FILE",
      description = "asic: another file to put in the container (ASiC-E), repeatable")
  List<Path> also = new ArrayList<>();

  @Option(
      names = "--from-id",
      paramLabel = "ORGAN_ID",
      description = "edxml: the sender's code on the interconnection axis (e.g. 000.00.31.H58)")
  String fromId;

  @Option(
      names = "--to",
      paramLabel = "ORGAN_ID=NAME",
      description = "edxml: a receiver, repeatable")
  List<String> receivers = new ArrayList<>();

  @Option(names = "--subject", paramLabel = "TEXT", description = "edxml: the subject (trích yếu)")
  String subject;

  @Option(names = "--signer-name", paramLabel = "NAME", description = "edxml: the letter's signer")
  String signerName;

  @Option(
      names = "--signer-position",
      paramLabel = "TEXT",
      description = "edxml: the signer's position")
  String signerPosition;

  @Option(
      names = "--asic-form",
      defaultValue = "CADES",
      paramLabel = "CADES|XADES",
      description = "asic: the signature format inside the container (default CADES)")
  AsicSignatureForm asicForm;

  @Option(
      names = "--signature-image",
      paramLabel = "PNG",
      description = "PDF: show the signer's handwritten signature (PNG with transparency)")
  Path signatureImage;

  @Option(
      names = "--title-line",
      paramLabel = "TEXT",
      description = "PDF: the signer block's title line, e.g. \"CHỦ TỊCH\"")
  String titleLine;

  @Option(names = "--name-line", paramLabel = "TEXT", description = "PDF: the signer's name line")
  String nameLine;

  @Option(
      names = "--anchor",
      paramLabel = "TEXT",
      description =
          "PDF: a line of the signer block, e.g. \"TM. ỦY BAN NHÂN DÂN\", or a placeholder")
  String anchor;

  @Option(names = "--page", paramLabel = "N", description = "PDF: the page (from 1) for --rect")
  Integer page;

  @Option(
      names = "--rect",
      paramLabel = "X,Y,W,H",
      description = "PDF: a rectangle in millimetres from the page's top left")
  String rect;

  @Option(
      names = "--seal-image",
      paramLabel = "PNG",
      description = "PDF: show the organisation seal over the earlier personal signature")
  Path sealImage;

  @Option(
      names = "--seal-size",
      defaultValue = "36x36",
      paramLabel = "WxH",
      description = "the seal's size in millimetres (default 36x36)")
  String sealSize;

  @Option(
      names = "--copy-form",
      paramLabel = "FORM",
      description = "PDF: an electronic copy's marker: SAO_Y, SAO_LUC or TRICH_SAO")
  CopyForm copyForm;

  @Option(
      names = "--copy-organisation",
      paramLabel = "NAME",
      description = "the copying organisation, with --copy-form")
  String copyOrganisation;

  @Option(
      names = "--attachment-to",
      paramLabel = "NUMBER",
      description = "PDF: an attachment's marker with the main document's number")
  String attachmentTo;

  @Option(
      names = "--policy",
      paramLabel = "PRESET",
      description = "check the signature against a policy preset first")
  String policy;

  @picocli.CommandLine.Mixin DocumentOptions doc = new DocumentOptions();

  @Override
  public Integer call() throws Exception {
    String kind = format.toLowerCase(Locale.ROOT);
    if (!java.util.Set.of("pdf", "xml", "file", "asic", "edxml").contains(kind)) {
      throw new Kyso.UsageException("badFormat", format);
    }
    boolean pdf = kind.equals("pdf");
    boolean cades = kind.equals("file");
    boolean asic = kind.equals("asic");
    boolean edxml = kind.equals("edxml");
    CadesPackaging cadesPackaging =
        packaging == XadesPackaging.ENVELOPING
            ? CadesPackaging.ENVELOPING
            : CadesPackaging.DETACHED;
    if (!java.util.Set.of("B", "T", "LT", "LTA").contains(level)) {
      throw new Kyso.UsageException("badLevel", level);
    }
    Files2.existing(in);
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new Kyso.UsageException("outputIsInput");
    }
    Path folder = out.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new Kyso.UsageException("noOutputFolder", folder);
    }
    if (Files.exists(out) && !force) {
      throw new Kyso.UsageException("outputExists", out);
    }
    TsaClient tsaClient = tsa == null ? null : TsaClient.builder(URI.create(tsa)).build();
    if (!level.equals("B") && tsaClient == null) {
      throw new Kyso.UsageException("levelNeedsTsa", level);
    }
    CertificateVerifier verifier = null;
    if (level.equals("LT") || level.equals("LTA")) {
      verifier =
          CertificateVerifier.builder(Files2.anchors(trust))
              .network(NetworkSettings.online())
              .build();
    }
    PolicyCheck check = null;
    if (policy != null) {
      PolicyCheck.Builder c =
          PolicyCheck.builder(VerifyCommand.policyPreset(policy), doc.document())
              .keyStorage(
                  source.remote != null
                      ? KeyStorage.CENTRALISED
                      : source.p12 != null ? KeyStorage.SOFTWARE : KeyStorage.TOKEN);
      if (doc.kind != null) {
        c.kind(doc.kind);
      }
      check = c.build();
    }
    if (source.remote != null) {
      PdfSigner.Builder ps = PdfSigner.builder();
      XmlSigner.Builder xs = XmlSigner.builder();
      if (tsaClient != null) {
        ps.timestampClient(tsaClient);
        xs.timestampClient(tsaClient);
      }
      if (verifier != null) {
        ps.certificateVerifier(verifier);
        xs.certificateVerifier(verifier);
      }
      try {
        if (asic || edxml) {
          throw new Kyso.UsageException("asicRemote");
        }
        if (cades) {
          CadesSigner.Builder cs = CadesSigner.builder();
          if (tsaClient != null) {
            cs.timestampClient(tsaClient);
          }
          if (verifier != null) {
            cs.certificateVerifier(verifier);
          }
          remoteOptions.signFile(
              source.remote,
              cs.build(),
              in,
              out,
              cadesOptions(check, cadesPackaging),
              root.locale());
        } else if (pdf) {
          PdfSignatureOptions.Builder o =
              PdfSignatureOptions.builder(PadesLevel.valueOf("B_" + level));
          VisibleSignature visible = visible();
          if (visible != null) {
            o.visible(visible);
          }
          if (check != null) {
            o.policyCheck(check);
          }
          remoteOptions.signPdf(source.remote, ps.build(), in, out, o.build(), root.locale());
        } else {
          XmlSignatureOptions.Builder o =
              XmlSignatureOptions.builder(XadesLevel.valueOf("B_" + level), packaging);
          if (check != null) {
            o.policyCheck(check);
          }
          remoteOptions.signXml(source.remote, xs.build(), in, out, o.build(), root.locale());
        }
      } catch (SigningRefusedException e) {
        System.err.print(e.decision().toText(root.locale()));
        throw e;
      }
      System.out.println(new Messages(root.locale()).get("sign.done", out.toAbsolutePath()));
      return 0;
    }
    Pkcs11Module module = null;
    SigningToken token = null;
    char[] pin = null;
    try {
      if (source.p12 != null) {
        pin = Pins.read(pinFile, "PKCS#12 password / mật khẩu");
        token = Pkcs12Token.load(Files2.existing(source.p12), pin);
      } else {
        module = Pkcs11Module.load(source.pkcs11);
        TokenSelector selector =
            slot != null
                ? TokenSelector.bySlot(slot)
                : tokenLabel != null ? TokenSelector.byLabel(tokenLabel) : TokenSelector.first();
        token =
            module.open(
                selector,
                (description, purpose) -> Pins.read(pinFile, "PIN " + description.label()));
      }
      SigningKey key = pick(token.keys());
      if (edxml) {
        sendEdxml(key, verifier);
      } else if (asic) {
        asicSigner(tsaClient, verifier).create(allFiles(), out, asicOptions(check), key);
      } else if (cades) {
        CadesSigner.Builder cs = CadesSigner.builder();
        if (tsaClient != null) {
          cs.timestampClient(tsaClient);
        }
        if (verifier != null) {
          cs.certificateVerifier(verifier);
        }
        cs.build().sign(in, out, cadesOptions(check, cadesPackaging), key);
      } else if (pdf) {
        PdfSignatureOptions.Builder o =
            PdfSignatureOptions.builder(PadesLevel.valueOf("B_" + level));
        VisibleSignature visible = visible();
        if (visible != null) {
          o.visible(visible);
        }
        if (check != null) {
          o.policyCheck(check);
        }
        PdfSigner.Builder s = PdfSigner.builder();
        if (tsaClient != null) {
          s.timestampClient(tsaClient);
        }
        if (verifier != null) {
          s.certificateVerifier(verifier);
        }
        s.build().sign(in, out, o.build(), key);
      } else {
        XmlSignatureOptions.Builder o =
            XmlSignatureOptions.builder(XadesLevel.valueOf("B_" + level), packaging);
        if (check != null) {
          o.policyCheck(check);
        }
        XmlSigner.Builder s = XmlSigner.builder();
        if (tsaClient != null) {
          s.timestampClient(tsaClient);
        }
        if (verifier != null) {
          s.certificateVerifier(verifier);
        }
        s.build().sign(in, out, o.build(), key);
      }
    } catch (SigningRefusedException e) {
      // Every reason, with its citation, before the one-line error.
      System.err.print(e.decision().toText(root.locale()));
      throw e;
    } catch (IllegalArgumentException e) {
      throw new Kyso.UsageException("invalidArgument", e.getMessage());
    } finally {
      if (pin != null) {
        Arrays.fill(pin, '\0');
      }
      if (token != null) {
        token.close();
      }
      if (module != null) {
        module.close();
      }
    }
    System.out.println(new Messages(root.locale()).get("sign.done", out.toAbsolutePath()));
    return 0;
  }

  /**
   * Writes an outgoing edXML message around the signed letter {@code IN}: the letters' signatures
   * are checked first (a valid personal and organisation signature), the header is signed.
   */
  private void sendEdxml(SigningKey key, CertificateVerifier verifier) throws Exception {
    if (fromId == null
        || doc.organisation == null
        || doc.number == null
        || !doc.number.contains("/")) {
      throw new Kyso.UsageException("edxmlNeeds");
    }
    String number = doc.number.substring(0, doc.number.indexOf('/'));
    String notation = doc.number.substring(doc.number.indexOf('/') + 1);
    EdxmlPackage.Builder b =
        EdxmlPackage.builder(Organ.of(fromId, doc.organisation))
            .code(number, notation)
            .promulgation("", java.time.LocalDate.now(java.time.ZoneOffset.ofHours(7)))
            .documentType("1", doc.docType == null ? "Công văn" : doc.docType)
            .subject(subject == null ? "" : subject)
            .attachment(in.getFileName().toString(), "application/pdf", Files.readAllBytes(in));
    for (String r : receivers) {
      int eq = r.indexOf('=');
      if (eq <= 0) {
        throw new Kyso.UsageException("invalidArgument", "--to " + r);
      }
      b.to(Organ.of(r.substring(0, eq), r.substring(eq + 1)));
    }
    if (signerName != null) {
      b.signer(new SignerInfo("", signerPosition == null ? "" : signerPosition, signerName));
    }
    CertificateVerifier letters =
        verifier != null
            ? verifier
            : CertificateVerifier.builder(Files2.anchors(trust))
                .network(NetworkSettings.online())
                .build();
    EdxmlSender.builder(letters)
        .headerSigner(XmlSigner.builder().build())
        .build()
        .send(b.build(), out, key);
  }

  private List<Path> allFiles() throws Exception {
    List<Path> files = new ArrayList<>();
    files.add(in);
    for (Path f : also) {
      files.add(Files2.existing(f));
    }
    return files;
  }

  /** ASiC-S for one file written to {@code .asics}, ASiC-E otherwise. */
  private AsicOptions asicOptions(PolicyCheck check) {
    boolean single =
        also.isEmpty() && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".asics");
    AsicOptions.Builder o =
        AsicOptions.builder(single ? AsicType.S : AsicType.E, asicForm)
            .level(SignatureLevel.valueOf("B_" + level));
    if (check != null) {
      o.policyCheck(check);
    }
    return o.build();
  }

  private static AsicSigner asicSigner(TsaClient tsaClient, CertificateVerifier verifier) {
    CadesSigner.Builder cs = CadesSigner.builder();
    XmlSigner.Builder xs = XmlSigner.builder();
    if (tsaClient != null) {
      cs.timestampClient(tsaClient);
      xs.timestampClient(tsaClient);
    }
    if (verifier != null) {
      cs.certificateVerifier(verifier);
      xs.certificateVerifier(verifier);
    }
    return AsicSigner.builder().cades(cs.build()).xades(xs.build()).build();
  }

  private CadesSignatureOptions cadesOptions(PolicyCheck check, CadesPackaging p) {
    CadesSignatureOptions.Builder o =
        CadesSignatureOptions.builder(CadesLevel.valueOf("B_" + level), p);
    if (check != null) {
      o.policyCheck(check);
    }
    return o.build();
  }

  /**
   * The key to sign with: the only one, or the one {@code --key} names. With several keys and no
   * {@code --key} nothing is chosen silently: the keys are listed and signing is refused. The
   * certificate that will sign is printed on standard error.
   */
  private SigningKey pick(List<SigningKey> keys) throws KysoException {
    if (keys.isEmpty()) {
      throw new Kyso.UsageException("noKey");
    }
    SigningKey key;
    if (keyId != null) {
      key =
          keys.stream()
              .filter(k -> k.id().equalsIgnoreCase(keyId))
              .findFirst()
              .orElseThrow(() -> new Kyso.UsageException("noSuchKey", keyId));
    } else if (keys.size() == 1) {
      key = keys.get(0);
    } else {
      StringBuilder list = new StringBuilder();
      for (SigningKey k : keys) {
        list.append("\n  --key ").append(k.id()).append("  ").append(describe(k));
      }
      throw new Kyso.UsageException("severalKeys", keys.size(), list.toString());
    }
    System.err.println(new Messages(root.locale()).get("sign.with", describe(key)));
    return key;
  }

  private String describe(SigningKey k) {
    X509Certificate c = k.certificate();
    Messages m = new Messages(root.locale());
    return m.get(
        "sign.key",
        Certificates.readableName(c.getSubjectX500Principal()),
        c.getSerialNumber().toString(16),
        m.get("kind." + SignerIdentity.from(c).subjectType().name()));
  }

  private VisibleSignature visible() throws Exception {
    if (signatureImage != null) {
      SignatureImage image =
          SignatureImage.png(Files.readAllBytes(Files2.existing(signatureImage)));
      Placement where;
      if (titleLine != null && nameLine != null) {
        where = Placement.signerBlock(titleLine, nameLine);
      } else if (anchor != null) {
        where = anchor.startsWith("[[") ? Placement.marker(anchor) : Placement.anchor(anchor);
      } else if (rect != null) {
        double[] r = numbers(rect, 4);
        where =
            Placement.rectangle(
                page == null ? 0 : page - 1,
                r[0],
                r[1],
                r[2],
                r[3],
                Placement.Unit.MILLIMETRE,
                Placement.Origin.TOP_LEFT);
      } else {
        throw new Kyso.UsageException("imageNeedsPlace");
      }
      return VisibleSignature.personal(image, where);
    }
    if (sealImage != null) {
      double[] size = numbers(sealSize.replace('x', ','), 2);
      return VisibleSignature.organisation(
          SignatureImage.png(Files.readAllBytes(Files2.existing(sealImage))), size[0], size[1]);
    }
    if (copyForm != null) {
      if (copyOrganisation == null) {
        throw new Kyso.UsageException("copyNeedsOrganisation");
      }
      return VisibleSignature.copy(copyForm, copyOrganisation);
    }
    if (attachmentTo != null) {
      return VisibleSignature.attachment(attachmentTo);
    }
    return null;
  }

  private static double[] numbers(String text, int n) {
    String[] parts = text.split(",");
    if (parts.length != n) {
      throw new Kyso.UsageException("numbers", n, text);
    }
    double[] out = new double[n];
    try {
      for (int i = 0; i < n; i++) {
        out[i] = Double.parseDouble(parts[i].strip());
      }
    } catch (NumberFormatException e) {
      throw new Kyso.UsageException("notANumber", text);
    }
    return out;
  }
}
