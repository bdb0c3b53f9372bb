package vn.kyso.policy.internal;

import java.time.LocalDate;
import java.util.Optional;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.policy.OrganisationRecord;
import vn.kyso.policy.SignerRecord;

/** The facts of one signature question, with the registry looked up at most once. */
final class SigningFacts {
  final SigningRequest req;
  final DocumentInfo doc;
  final SignerIdentity identity;
  final LocalDate day;
  final boolean verification;
  final Context context;
  private Optional<SignerRecord> signer;

  SigningFacts(SigningRequest req, LocalDate day, boolean verification, Context context) {
    this.req = req;
    this.doc = req.document();
    this.identity = req.signer();
    this.day = day;
    this.verification = verification;
    this.context = context;
  }

  Optional<SignerRecord> signer() {
    if (signer == null) {
      signer = context.registry().signer(req.certificate(), req.time());
    }
    return signer;
  }

  boolean personal() {
    return req.kind() == SignatureKind.PERSONAL;
  }

  /** The organisation signature's name (its certificate's common name). */
  String organisationName() {
    return identity.commonName();
  }

  Optional<OrganisationRecord> organisation(String name) {
    return context.registry().organisation(name, req.time());
  }

  /** The signer's organisation: the registry's, else the certificate's. */
  Optional<String> signerOrganisation() {
    return personal()
        ? signer().map(SignerRecord::organisation).or(identity::organisation)
        : Optional.of(organisationName());
  }
}
