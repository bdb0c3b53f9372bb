package vn.kyso.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.kyso.api.SubjectType;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.report.internal.Texts;

/** Both languages say everything: no key is missing, and every value a report shows has a text. */
class TextsTest {
  @Test
  void bothLanguagesHaveTheSameKeys() {
    assertThat(Texts.keys(true)).containsExactlyInAnyOrderElementsOf(Texts.keys(false));
  }

  @Test
  void everyEnumValueShownToPeopleHasAText() {
    List<String> keys = new ArrayList<>();
    for (Indication v : Indication.values()) {
      keys.add("indication." + v.name());
      keys.add("verdict." + v.name());
    }
    for (SubIndication v : SubIndication.values()) {
      keys.add("subIndication." + v.name());
    }
    for (Severity v : Severity.values()) {
      keys.add("severity." + v.name());
    }
    for (SubjectType v : SubjectType.values()) {
      keys.add("subjectType." + v.name());
    }
    for (SignatureFormat v : SignatureFormat.values()) {
      keys.add("format." + v.name());
    }
    for (RevocationEvidence.Status v : RevocationEvidence.Status.values()) {
      keys.add("revocation." + v.name());
    }
    for (RevocationEvidence.Origin v : RevocationEvidence.Origin.values()) {
      keys.add("origin." + v.name());
    }
    for (PolicyDecision.Verdict v : PolicyDecision.Verdict.values()) {
      keys.add("policy." + v.name());
    }
    assertThat(Texts.keys(false)).containsAll(keys);
  }
}
