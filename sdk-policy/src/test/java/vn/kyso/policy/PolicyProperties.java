package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.policy.Medium;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.policy.TokenState;

/** Invariants of the engine over open-ended facts. */
class PolicyProperties {
  private static final List<X509Certificate> CERTS =
      List.of(
          Fixture.CHAIRMAN,
          Fixture.VICE,
          Fixture.UNIT_HEAD,
          Fixture.UNIT_DEPUTY,
          Fixture.CLERK,
          Fixture.RETIRED,
          Fixture.STRANGER,
          Fixture.PROVINCE_ORG,
          Fixture.DEPARTMENT_ORG,
          Fixture.KT_OFFICE_ORG);
  private static final List<String> TYPES =
      List.of(
          "Công văn",
          "Quyết định",
          "Giấy mời",
          "Thông báo",
          "Tờ trình",
          "Thông báo kết luận giao ban UBND tỉnh",
          "");
  private static final List<String> CATEGORIES =
      List.of(
          DocumentInfo.CATEGORY_PAYMENT_SETTLEMENT,
          DocumentInfo.CATEGORY_INDIVIDUAL_DECISION,
          DocumentInfo.CATEGORY_LAND_OR_HOUSE_CERTIFICATE,
          DocumentInfo.CATEGORY_VALUABLE_PAPER,
          "other");

  @Provide
  Arbitrary<SigningRequest> requests() {
    Arbitrary<DocumentInfo> docs =
        Combinators.combine(
                Arbitraries.of(TYPES),
                Arbitraries.of(AuthorityForm.class),
                Arbitraries.of(CATEGORIES).set().ofMaxSize(2),
                Arbitraries.integers().between(0, 5),
                Arbitraries.of("12/UBND-VP", "11/UBND-VP", "x", "05/2025/QĐ-UBND"),
                Arbitraries.of(Fixture.PROVINCE, Fixture.DEPARTMENT, Fixture.KT_OFFICE))
            .as(
                (type, form, cats, shape, number, org) -> {
                  DocumentInfo.Builder b =
                      DocumentInfo.builder(type)
                          .authorityForm(form)
                          .numberSymbol(number)
                          .issuingOrganisation(org);
                  cats.forEach(b::category);
                  switch (shape) {
                    case 1 -> b.copy(CopyForm.SAO_Y, Medium.ELECTRONIC, org);
                    case 2 ->
                        b.copy(CopyForm.TRICH_SAO, Medium.PAPER, org).copyAuthorisedBy("p-chair");
                    case 3 -> b.digitisedFromPaper(org, true, false);
                    case 4 -> b.attachmentTo("1/UBND-VP");
                    default -> {}
                  }
                  return b.build();
                });
    Arbitrary<LocalDate> days =
        Arbitraries.integers().between(0, 365 * 12).map(n -> LocalDate.of(2015, 6, 1).plusDays(n));
    return Combinators.combine(
            Arbitraries.of(CERTS),
            docs,
            days,
            Arbitraries.of(SignatureKind.class),
            Arbitraries.integers().between(0, 4),
            Arbitraries.of(KeyStorage.class),
            Arbitraries.of("p-clerk", "p-chair", "nobody", ""))
        .as(
            (cert, doc, day, kind, token, storage, operator) -> {
              SigningRequest.Builder b =
                  SigningRequest.builder(cert, doc, Certs.at(day)).kind(kind).keyStorage(storage);
              if (!operator.isEmpty()) {
                b.operator(operator);
              }
              switch (token) {
                case 1 -> b.tokenState(new TokenState(false, false, true, false, Optional.empty()));
                case 2 ->
                    b.tokenState(
                        new TokenState(
                            true, true, false, true, Optional.of(Certs.at(day.minusYears(1)))));
                case 3 ->
                    b.priorSignature(
                        new PriorSignature(
                            SignatureKind.PERSONAL,
                            Fixture.CHAIRMAN,
                            Certs.at(day).minusSeconds(60),
                            true));
                default -> {}
              }
              return b.build();
            });
  }

  @Provide
  Arbitrary<String> presets() {
    return Arbitraries.of(Policy.presets());
  }

  @Property(tries = 300)
  void classifiedDocument_isDeniedWhateverElseIsTrue(
      @ForAll("requests") SigningRequest request,
      @ForAll("presets") String preset,
      @ForAll Classification level) {
    if (level == Classification.NONE) {
      return;
    }
    DocumentInfo d = request.document();
    DocumentInfo.Builder b =
        DocumentInfo.builder(d.type()).classification(level).authorityForm(d.authorityForm());
    d.categories().forEach(b::category);
    d.numberSymbol().ifPresent(b::numberSymbol);
    SigningRequest classified =
        SigningRequest.builder(request.certificate(), b.build(), request.time())
            .kind(request.kind())
            .build();
    PolicyDecision decision = Fixture.preset(preset).evaluate(classified);
    assertThat(decision.isAllowed()).as(decision.toText(null)).isFalse();
    assertThat(decision.denials()).anyMatch(f -> f.code().startsWith("CLASSIFIED_DOCUMENT"));
  }

  @Property(tries = 200)
  void decisions_doNotDependOnRuleOrPackOrder(
      @ForAll("requests") SigningRequest request,
      @ForAll("presets") String preset,
      @ForAll long seed) {
    List<PolicyPack> packs = new ArrayList<>(Policy.preset(preset).build().packs());
    Random random = new Random(seed);
    Collections.shuffle(packs, random);
    Policy.Builder shuffled = Policy.builder().registry(Fixture.REGISTRY);
    for (PolicyPack p : packs) {
      List<PolicyRule> rules = new ArrayList<>(p.rules());
      Collections.shuffle(rules, random);
      shuffled.pack(
          new PolicyPack(
              p.source(),
              p.id(),
              p.version(),
              p.titleVi(),
              p.titleEn(),
              p.jurisdiction(),
              p.document(),
              p.effectiveFrom(),
              p.effectiveUntil().orElse(null),
              p.status(),
              p.statusSince().orElse(null),
              p.territory().orElse(null),
              p.bodies(),
              p.statusNoteVi(),
              p.statusNoteEn(),
              p.notices(),
              p.parameters(),
              rules));
    }
    assertThat(shuffled.build().evaluate(request))
        .isEqualTo(Fixture.preset(preset).evaluate(request));
  }

  @Property(tries = 100)
  void writingAPackBackAndReadingIt_givesTheSameDecisions(
      @ForAll("requests") SigningRequest request, @ForAll("presets") String preset)
      throws Exception {
    Policy.Builder again = Policy.builder().registry(Fixture.REGISTRY);
    for (PolicyPack p : Policy.preset(preset).build().packs()) {
      again.pack(PolicyPack.parse(p.id() + ".yaml", p.toYaml()));
    }
    assertThat(again.build().evaluate(request)).isEqualTo(Fixture.preset(preset).evaluate(request));
  }

  @Property(tries = 300)
  void truncatedOrMutatedPack_givesALocatedError(
      @ForAll("presets") String preset,
      @ForAll @IntRange(min = 0, max = 100_000) int cut,
      @ForAll @IntRange(min = 0, max = 20) int flips,
      @ForAll long seed) {
    String yaml = PolicyPack.builtIn(preset).toYaml();
    StringBuilder text = new StringBuilder(yaml.substring(0, Math.min(cut, yaml.length())));
    Random random = new Random(seed);
    String noise = ":-[]{}&*!|>'\"%@`#,? \n\tabc0123${}";
    for (int i = 0; i < flips && text.length() > 0; i++) {
      text.setCharAt(random.nextInt(text.length()), noise.charAt(random.nextInt(noise.length())));
    }
    try {
      PolicyPack.parse("mutated.yaml", text.toString());
    } catch (PolicyFormatException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.file()).isEqualTo("mutated.yaml");
    }
  }

  @Property(tries = 300)
  void randomText_givesALocatedErrorNeverAnotherException(@ForAll String text) {
    try {
      PolicyPack.parse("random.yaml", text);
    } catch (PolicyFormatException e) {
      assertThat(e.line()).isPositive();
    }
  }
}
