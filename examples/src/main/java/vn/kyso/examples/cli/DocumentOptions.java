package vn.kyso.examples.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.SignatureKind;

/**
 * What the policy needs to know about a document, shared by {@code sign}, {@code verify} and {@code
 * policy check}.
 */
final class DocumentOptions {
  @Option(
      names = "--doc-type",
      defaultValue = "",
      paramLabel = "TYPE",
      description = "the document type, e.g. \"Công văn\"")
  String docType;

  @Option(
      names = "--classification",
      defaultValue = "NONE",
      paramLabel = "LEVEL",
      description = "NONE, MAT, TOI_MAT or TUYET_MAT")
  Classification classification;

  @Option(
      names = "--authority-form",
      defaultValue = "NONE",
      paramLabel = "FORM",
      description = "NONE, TM, KT, TM_KT, TL, TL_KT, TUQ or Q")
  AuthorityForm authorityForm;

  @Option(
      names = "--number",
      paramLabel = "NUMBER",
      description = "number and symbol, e.g. 123/UBND-VP")
  String number;

  @Option(names = "--organisation", paramLabel = "NAME", description = "the issuing organisation")
  String organisation;

  @Option(
      names = "--category",
      paramLabel = "TAG",
      description = "e.g. payment-settlement, individual-decision")
  List<String> categories = new ArrayList<>();

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "PERSONAL or ORGANISATION (default: from the certificate)")
  SignatureKind kind;

  DocumentInfo document() {
    DocumentInfo.Builder d =
        DocumentInfo.builder(docType).classification(classification).authorityForm(authorityForm);
    if (number != null) {
      d.numberSymbol(number);
    }
    if (organisation != null) {
      d.issuingOrganisation(organisation);
    }
    categories.forEach(d::category);
    return d.build();
  }
}
