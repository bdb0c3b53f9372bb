package vn.kyso.edxml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.SubjectType;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;

/**
 * Writes an outgoing edXML message: checks first that every attached PDF letter holds the
 * signatures an issued document needs (a valid personal signature and a valid organisation
 * signature, Nghị định 30/2020 Art 32-33), then writes the message and, when the receiving system
 * requires it, signs the header (an enveloped XAdES signature inside {@code edXMLHeader}, over the
 * whole message). Built once, immutable and thread-safe.
 *
 * <pre>{@code
 * EdxmlPackage message = EdxmlPackage.builder(Organ.of("000.00.31.H58", "UBND tỉnh Thử Nghiệm"))
 *     .to(Organ.of("000.00.00.G22", "Văn phòng Chính phủ"))
 *     .code("123", "UBND-VP").promulgation("Thử Nghiệm", LocalDate.now())
 *     .documentType("1", "Công văn").subject("V/v …")
 *     .signer(new SignerInfo("KT. CHỦ TỊCH", "Phó Chủ tịch", "Nguyễn Văn An"))
 *     .attachment("123-UBND-VP.pdf", "application/pdf", Files.readAllBytes(issuedLetter))
 *     .build();
 * EdxmlSender.builder(certificateVerifier).build().send(message, Path.of("di.edxml"), null);
 * }</pre>
 *
 * @since 0.2
 */
public final class EdxmlSender {
  private final CertificateVerifier certificates;
  private final XmlSigner headerSigner;
  private final Clock clock;
  private final ResourceLimits limits;

  private EdxmlSender(Builder b) {
    this.certificates = b.certificates;
    this.headerSigner = b.headerSigner;
    this.clock = b.clock;
    this.limits = b.limits;
  }

  /**
   * @param certificateVerifier validates the letters' signatures before sending
   * @return the builder
   */
  public static Builder builder(CertificateVerifier certificateVerifier) {
    return new Builder(certificateVerifier);
  }

  /**
   * Checks the letters and writes the message.
   *
   * @param message the message
   * @param output where it goes (written to a temporary file beside it, then moved into place)
   * @param headerKey the key that signs the header, or null for an unsigned header
   * @throws KysoException {@code PACKAGE_NOT_READY} when no attachment is a PDF, or a PDF lacks a
   *     valid personal or organisation signature; signing and writing errors
   */
  public void send(EdxmlPackage message, Path output, SigningKey headerKey) throws KysoException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(output, "output");
    List<String> problems = new ArrayList<>();
    boolean anyPdf = false;
    Path work;
    try {
      work = Files.createTempDirectory("kyso-edxml-send");
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, "temporary folder");
    }
    try {
      int n = 0;
      for (Attachment a : message.attachments()) {
        if (!a.actualType().equals("application/pdf")) {
          continue;
        }
        anyPdf = true;
        Path f = Files.write(work.resolve("a" + n++ + ".pdf"), a.data());
        ValidationReport r =
            PdfVerifier.builder(certificates).clock(clock).limits(limits).build().verify(f);
        boolean person = false;
        boolean organisation = false;
        for (SignatureResult s : r.signatures()) {
          if (!s.isPassed()) {
            problems.add(a.name() + ": the signature " + s.id() + " does not hold");
          } else if (s.signer()
              .map(x -> x.subjectType() == SubjectType.ORGANISATION)
              .orElse(false)) {
            organisation = true;
          } else {
            person = true;
          }
        }
        if (!person) {
          problems.add(a.name() + ": no valid personal signature of the competent signer");
        }
        if (!organisation) {
          problems.add(a.name() + ": no valid organisation signature");
        }
      }
      if (!anyPdf) {
        problems.add("no signed PDF letter is attached");
      }
      if (!problems.isEmpty()) {
        throw new DocumentException(ErrorCode.PACKAGE_NOT_READY, null, String.join("; ", problems));
      }
      if (headerKey == null) {
        OutputFiles.write(output, out -> out.write(message.xml()));
        return;
      }
      if (headerSigner == null) {
        throw new IllegalStateException(
            "a signed header needs EdxmlSender.builder(...).headerSigner(xmlSigner)");
      }
      Path unsigned = Files.write(work.resolve("message.edxml"), message.xml());
      headerSigner.sign(
          unsigned,
          output,
          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED)
              .signatureParent(EdxmlPackage.HEADER_ID)
              .build(),
          headerKey);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, output);
    } finally {
      vn.kyso.api.shared.Files2.deleteTree(work);
    }
  }

  /** Builds an {@link EdxmlSender}. */
  public static final class Builder {
    private final CertificateVerifier certificates;
    private XmlSigner headerSigner;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();

    private Builder(CertificateVerifier certificates) {
      this.certificates = Objects.requireNonNull(certificates, "certificateVerifier");
    }

    /**
     * @param value the XML signer that signs headers when a key is given
     * @return this builder
     */
    public Builder headerSigner(XmlSigner value) {
      this.headerSigner = Objects.requireNonNull(value, "headerSigner");
      return this;
    }

    /**
     * @param value the clock of the letters' check
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @param value the bounds for the letters
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * @return the sender
     */
    public EdxmlSender build() {
      return new EdxmlSender(this);
    }
  }
}
