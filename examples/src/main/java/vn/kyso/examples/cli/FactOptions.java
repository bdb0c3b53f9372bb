package vn.kyso.examples.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.policy.Operation;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.policy.TokenState;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.policy.MapSignerRegistry;
import vn.kyso.policy.RegistryFile;
import vn.kyso.xades.XmlVerifier;

/**
 * Every fact the policy API takes about a signature besides the document: the host's registry, the
 * earlier signatures (from a signed file), who operates the token and its state, the operation.
 */
final class FactOptions {
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  @Option(
      names = "--registry",
      paramLabel = "FILE",
      description =
          "the registry of people, positions, delegations, organisations and certificates (YAML"
              + " or CSV)")
  Path registry;

  @Option(
      names = "--document",
      paramLabel = "FILE",
      description = "a signed PDF or XML: its signatures are the earlier signatures")
  Path document;

  @Option(
      names = "--trust",
      paramLabel = "FILE",
      description = "trust anchors for --document (default: the built-in government anchors)")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--offline", description = "verify --document without fetching revocation data")
  boolean offline;

  @Option(
      names = "--crl",
      paramLabel = "FILE",
      description = "CRLs for verifying --document (DER or PEM)")
  List<Path> crls = new ArrayList<>();

  @Option(
      names = "--check-certificate",
      description =
          "validate the signer certificate (chain and revocation, with --trust, --crl, --offline)"
              + " so the policy knows its status at the signing time")
  boolean checkCertificate;

  @Option(
      names = "--algorithm",
      paramLabel = "ALG",
      description = "the signature algorithm, e.g. RSA_PSS_SHA256, RSA_SHA256, ECDSA_SHA256")
  SignatureAlgorithm algorithm;

  @Option(
      names = "--operator",
      paramLabel = "ID",
      description = "who operates the token (their id in the registry)")
  String operator;

  @Option(
      names = "--operation",
      paramLabel = "OP",
      description = "SIGN (default), ENCRYPT or DECRYPT")
  Operation operation = Operation.SIGN;

  @Option(
      names = "--key-storage",
      paramLabel = "KIND",
      description = "TOKEN, SIM, CENTRALISED, SOFTWARE, HSM (where the key lives)")
  KeyStorage keyStorage;

  @Option(names = "--pin-locked", description = "the token is locked after wrong PINs")
  boolean pinLocked;

  @Option(names = "--pin-final-try", description = "one PIN try is left")
  boolean pinFinalTry;

  @Option(names = "--pin-count-low", description = "a wrong PIN was entered")
  boolean pinCountLow;

  @Option(names = "--pin-to-be-changed", description = "the token asks for a new PIN")
  boolean pinToBeChanged;

  @Option(
      names = "--pin-changed",
      paramLabel = "DATE",
      description = "when the PIN was last changed, e.g. 2026-01-31")
  String pinChanged;

  /** The registry file's contents, if one was named. */
  Optional<MapSignerRegistry> loadRegistry() throws Exception {
    return registry == null
        ? Optional.empty()
        : Optional.of(RegistryFile.load(Files2.existing(registry)));
  }

  Optional<Instant> pinChangedAt() {
    if (pinChanged == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(pinChanged).atTime(9, 0).atZone(VIETNAM).toInstant());
    } catch (DateTimeParseException e) {
      throw new Kyso.UsageException("badDate", "--pin-changed", pinChanged);
    }
  }

  /** Adds the facts to a request about a certificate signing at a time. */
  void apply(SigningRequest.Builder b, X509Certificate certificate, Instant time) throws Exception {
    b.operation(operation);
    if (algorithm != null) {
      b.algorithm(algorithm);
    }
    if (checkCertificate) {
      b.certificateResult(
          verifier().verify(certificate, ValidationContext.builder().at(time, false).build()));
    }
    if (operator != null) {
      b.operator(operator);
    }
    if (keyStorage != null) {
      b.keyStorage(keyStorage);
    }
    if (pinLocked || pinFinalTry || pinCountLow || pinToBeChanged || pinChanged != null) {
      b.tokenState(
          new TokenState(pinCountLow, pinFinalTry, pinLocked, pinToBeChanged, pinChangedAt()));
    }
    for (PriorSignature p : priorSignatures()) {
      b.priorSignature(p);
    }
  }

  private CertificateVerifier verifier() throws Exception {
    return CertificateVerifier.builder(Files2.anchors(trust))
        .revocationData(crlData(), List.of())
        .network(offline ? NetworkSettings.offline() : NetworkSettings.online())
        .build();
  }

  private List<byte[]> crlData() throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (Path c : crls) {
      out.add(Files2.derOrPem(Files2.existing(c)));
    }
    return out;
  }

  /** The signatures of {@code --document}, verified, in document order. */
  List<PriorSignature> priorSignatures() throws Exception {
    if (document == null) {
      return List.of();
    }
    Path f = Files2.existing(document);
    CertificateVerifier verifier = verifier();
    ValidationReport r =
        Files2.isPdf(f)
            ? PdfVerifier.builder(verifier).build().verify(f)
            : XmlVerifier.builder(verifier).build().verify(f, Map.of()).report();
    List<PriorSignature> out = new ArrayList<>();
    for (SignatureResult s : r.signatures()) {
      if (s.format() != SignatureFormat.PDF_DOCUMENT_TIMESTAMP) {
        PriorSignature.from(s).ifPresent(out::add);
      }
    }
    return out;
  }
}
