package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.kyso.policy.Fixture.*;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.Operation;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.SigningRequest;

/**
 * Operations other than signing (RULES-ERRATA 4, REQ-2): encrypting a classified document is
 * answered by the rule that permits it (TB-11), not by the signing exclusions; a pack without an
 * encryption provision says so; the key must be allowed to encrypt.
 */
class OperationsTest {
  private static final Policy TB = confirmed("thai-binh-08-2016");
  private static final Policy NATIONAL = preset("national");
  private static final LocalDate PRE_MERGER = LocalDate.of(2024, 5, 6);

  private static DocumentInfo secret() {
    return letter().classification(Classification.MAT).build();
  }

  @Test
  void tb11_encryptingAStateSecret_isAllowedAndCitesTB11_notTheSigningExclusions() {
    SigningRequest encrypt =
        requestOn(PRE_MERGER, CHAIRMAN, secret()).operation(Operation.ENCRYPT).build();
    PolicyDecision d = TB.evaluate(encrypt);

    assertThat(d.isAllowed()).as(d.toText(null)).isTrue();
    assertThat(d.findings())
        .as("the classified exclusions govern signing only")
        .noneMatch(f -> f.ruleId().equals("TB-10") || f.ruleId().equals("X-01"));
    assertThat(d.satisfied())
        .anyMatch(
            f ->
                f.ruleId().equals("TB-11")
                    && f.citation().document().contains("08/2016")
                    && f.citation().article().contains("Điều 10")
                    && f.messageVi().contains("mã hóa")
                    && f.messageVi().contains("Mật"));
    assertThat(d.satisfied()).anyMatch(f -> f.ruleId().equals("X-14"));
    // Signing-only rules (authority form, competent signer, ordering, paper original) stay out.
    assertThat(d.findings())
        .noneMatch(f -> f.ruleId().equals("VT30-09") || f.ruleId().equals("TB-16"));
    assertThat(d.satisfied()).noneMatch(f -> f.ruleId().equals("VT30-07"));

    PolicyDecision sign = TB.evaluate(requestOn(PRE_MERGER, CHAIRMAN, secret()).build());
    assertThat(sign.isAllowed()).isFalse();
    assertThat(sign.denials()).anyMatch(f -> f.ruleId().equals("TB-10"));
  }

  @Test
  void aPackWithoutAnEncryptionProvision_saysNotRegulated_insteadOfDenying() {
    PolicyDecision d =
        NATIONAL.evaluate(
            requestOn(PRE_MERGER, CHAIRMAN, secret()).operation(Operation.DECRYPT).build());

    assertThat(d.isAllowed()).as(d.toText(null)).isTrue();
    assertThat(d.findings())
        .anyMatch(f -> f.code().equals("OPERATION_NOT_REGULATED") && f.packId().equals("national"));
    assertThat(d.denials()).isEmpty();
  }

  @Test
  void encryptingNeedsAKeyThatMayEncrypt_andAValidCertificate() {
    X509Certificate signingOnly =
        Certs.person("Nguyễn Văn An")
            .keyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)
            .build();
    PolicyDecision d =
        TB.evaluate(
            requestOn(PRE_MERGER, signingOnly, secret()).operation(Operation.ENCRYPT).build());
    assertThat(d.denials())
        .anyMatch(f -> f.ruleId().equals("X-14") && f.code().equals("KEY_USAGE_NOT_ALLOWED"));

    X509Certificate encipher =
        Certs.person("Nguyễn Văn An").keyUsage(KeyUsage.keyEncipherment).build();
    assertThat(
            TB.evaluate(
                    requestOn(PRE_MERGER, encipher, secret()).operation(Operation.ENCRYPT).build())
                .isAllowed())
        .isTrue();

    X509Certificate expired =
        Certs.person("Nguyễn Văn An")
            .valid(LocalDate.of(2019, 1, 1), LocalDate.of(2021, 12, 31))
            .build();
    assertThat(
            TB.evaluate(
                    requestOn(PRE_MERGER, expired, secret()).operation(Operation.ENCRYPT).build())
                .denials())
        .anyMatch(f -> f.code().equals("CERT_EXPIRED"));
  }

  @Test
  void aCertificateOperation_isNotAskedAsAnOperationOnADocument() {
    assertThatThrownBy(() -> requestOn(PRE_MERGER, CHAIRMAN, secret()).operation(Operation.RENEW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certificate operation");
  }
}
