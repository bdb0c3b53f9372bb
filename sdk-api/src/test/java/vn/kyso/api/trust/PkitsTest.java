package vn.kyso.api.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.kyso.api.validation.Indication;

/**
 * NIST PKITS 1.0.1 (RFC 5280 path validation): every run of {@code pkits/cases.tsv} through the
 * public API, offline, with the supplied CRLs, at 15 April 2011, without the document-signer
 * profile ({@link CertificatePurpose#ANY}). The runs out of scope are listed, each with its reason,
 * in the table of {@code pkits/README.md}; nothing else is skipped.
 */
class PkitsTest {
  private static final Instant TIME = Instant.parse("2011-04-15T00:00:00Z");
  private static final Pattern EXCLUSION = Pattern.compile("^\\| (4\\.\\d+\\.\\d+) \\| (.+?) \\|$");

  record Case(
      String id,
      String name,
      boolean valid,
      List<String> certs,
      List<String> crls,
      Map<String, String> settings) {
    @Override
    public String toString() {
      return id + " " + name + (settings.isEmpty() ? "" : " " + settings);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    String[] lines = resource("cases.tsv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] c = lines[i].split("\t", -1);
      Map<String, String> settings = new HashMap<>();
      if (!c[5].isBlank()) {
        for (String kv : c[5].split(";")) {
          String[] p = kv.split("=", -1);
          settings.put(p[0], p.length > 1 ? p[1] : "");
        }
      }
      out.add(
          Arguments.of(
              new Case(
                  c[0],
                  c[1],
                  c[2].equals("valid"),
                  List.of(c[3].split(",")),
                  c[4].isBlank() ? List.of() : List.of(c[4].split(",")),
                  settings)));
    }
    return out.stream();
  }

  static Map<String, String> exclusions() {
    Map<String, String> out = new HashMap<>();
    for (String line : resource("README.md").split("\n")) {
      Matcher m = EXCLUSION.matcher(line.strip());
      if (m.matches()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pkits(Case c) throws Exception {
    String excluded = exclusions().get(c.id());
    Assumptions.assumeTrue(excluded == null, () -> "out of scope: " + excluded);
    List<X509Certificate> certs = new ArrayList<>();
    for (String stem : c.certs()) {
      certs.add(Certificates.parse(bytes("certs/" + stem + ".crt")).get(0));
    }
    List<byte[]> crls = new ArrayList<>();
    for (String stem : c.crls()) {
      crls.add(bytes("crls/" + stem + ".crl"));
    }
    TrustAnchors anchors = TrustAnchors.builder().addAnchor(certs.get(0)).build();
    CertificateVerifier verifier =
        CertificateVerifier.builder(anchors)
            .revocationData(crls, List.of())
            .network(NetworkSettings.offline())
            .clock(Clock.fixed(TIME, ZoneOffset.UTC))
            .build();
    ValidationContext.Builder context =
        ValidationContext.builder()
            .at(TIME, true)
            .purpose(CertificatePurpose.ANY)
            .certificates(certs.subList(1, certs.size() - 1));
    Map<String, String> s = c.settings();
    if (s.containsKey("InitialPolicySet")) {
      context.initialPolicies(policies(s.get("InitialPolicySet")));
    }
    context.explicitPolicyRequired(Boolean.parseBoolean(s.get("InitialExplicitPolicy")));
    context.policyMappingInhibited(Boolean.parseBoolean(s.get("InitialPolicyMappingInhibit")));
    context.anyPolicyInhibited(Boolean.parseBoolean(s.get("InitialInhibitAnyPolicy")));

    CertificateResult r = verifier.verify(certs.get(certs.size() - 1), context.build());

    assertThat(r.indication() == Indication.TOTAL_PASSED)
        .as(
            "%s must be %s; got %s %s",
            c, c.valid() ? "valid" : "invalid", r.indication(), r.findings())
        .isEqualTo(c.valid());
    if (c.valid() && s.containsKey("UserConstrainedPolicySet")) {
      String expected = s.get("UserConstrainedPolicySet");
      assertThat(r.validPolicies())
          .as("%s: user-constrained policy set", c)
          .containsExactlyInAnyOrderElementsOf(expected.isEmpty() ? Set.of() : policies(expected));
    }
  }

  @Test
  void exclusionTable_isShortAndNamesRealCases() {
    Map<String, String> excluded = exclusions();
    Set<String> ids = new LinkedHashSet<>();
    cases().forEach(a -> ids.add(((Case) a.get()[0]).id()));
    assertThat(ids).containsAll(excluded.keySet());
    assertThat(excluded).hasSizeLessThanOrEqualTo(12);
  }

  private static Set<String> policies(String names) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : names.split(",")) {
      n = n.strip();
      if (n.equals("anyPolicy")) {
        out.add(ValidationContext.ANY_POLICY);
      } else {
        out.add("2.16.840.1.101.3.2.1.48." + n.substring(n.lastIndexOf('-') + 1));
      }
    }
    return out;
  }

  private static String resource(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = PkitsTest.class.getResourceAsStream("/pkits/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource pkits/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
