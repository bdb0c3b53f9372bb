package vn.kyso.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.time.Instant;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import vn.kyso.api.TestCertificates;
import vn.kyso.api.internal.Findings;

class ValidationReportTest {

  @Test
  void report_rendersJsonAndBothLanguages() throws Exception {
    var cert =
        TestCertificates.selfSigned(
                new X500Principal("CN=Nguyễn Văn An,T=Chủ tịch,O=UBND tỉnh Thử Nghiệm,C=VN"),
                TestCertificates.rsa(2048),
                false)
            .certificate();
    SignatureResult sig =
        SignatureResult.builder("Signature1", SignatureFormat.PADES_BASELINE)
            .level(SignatureLevel.B_T)
            .notPassed(SubIndication.REVOKED)
            .signingCertificate(cert)
            .claimedSigningTime(Instant.parse("2026-06-15T03:00:00Z"))
            .scope("revision 1 of 2")
            .finding(
                Findings.of(
                    "CERT_REVOKED",
                    Severity.ERROR,
                    "CN=x",
                    "2026-06-14T00:00:00Z",
                    "KEY_COMPROMISE"))
            .build();
    ValidationReport report =
        ValidationReport.builder("cong-van.pdf", Instant.parse("2026-06-16T00:00:00Z"))
            .signature(sig)
            .build();

    String json = report.toJson();
    JsonParser parser = new JsonFactory().createParser(json);
    int fields = 0;
    while (parser.nextToken() != null) {
      if (parser.currentToken() == JsonToken.FIELD_NAME) {
        fields++;
      }
    }

    assertThat(fields).isGreaterThan(10);
    assertThat(json)
        .contains(
            "\"indication\" : \"TOTAL_FAILED\"",
            "\"subIndication\" : \"REVOKED\"",
            "\"name\" : \"Nguyễn Văn An\"",
            "\"title\" : \"Chủ tịch\"",
            "\"code\" : \"CERT_REVOKED\"");
    assertThat(report.overall()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(report.toText(Locale.forLanguageTag("vi")))
        .contains("KHÔNG HỢP LỆ", "Người ký: Nguyễn Văn An", "thu hồi");
    assertThat(report.toText(Locale.ENGLISH))
        .contains("FAILED", "Signer: Nguyễn Văn An", "revoked");
  }

  @Test
  void textShowsVietnamTime_jsonKeepsUtc_andTimestampsAndDocumentTimestampsAreListed() {
    Instant signed = Instant.parse("2026-12-06T03:04:05Z");
    SignatureResult sig =
        SignatureResult.builder("Signature1", SignatureFormat.PADES_BASELINE)
            .level(SignatureLevel.B_T)
            .validationDataUsable(false)
            .claimedSigningTime(signed)
            .timestamp(
                new TimestampResult(
                    TimestampResult.Kind.SIGNATURE,
                    "",
                    signed,
                    null,
                    Indication.INDETERMINATE,
                    SubIndication.NO_CERTIFICATE_CHAIN_FOUND))
            .passed()
            .build();
    SignatureResult ts =
        SignatureResult.builder("Signature2", SignatureFormat.PDF_DOCUMENT_TIMESTAMP)
            .passed()
            .build();
    ValidationReport r =
        ValidationReport.builder("a.pdf", signed).signature(sig).documentTimestamp(ts).build();

    String vi = r.toText(Locale.forLanguageTag("vi"));
    assertThat(vi)
        .contains("2026-12-06T10:04:05+07:00")
        .doesNotContain("03:04:05Z")
        .contains("Dấu thời gian của chữ ký", "Dấu thời gian văn bản", "không dùng được");
    assertThat(r.toJson())
        .contains("\"claimedSigningTime\" : \"2026-12-06T03:04:05Z\"")
        .contains("\"documentTimestamps\"", "\"validationDataUsable\" : false");
    assertThat(r.signatures()).hasSize(1);
    assertThat(r.documentTimestamps()).hasSize(1);
  }

  @Test
  void emptyReport_isIndeterminate() {
    assertThat(ValidationReport.builder("x", Instant.EPOCH).build().overall())
        .isEqualTo(Indication.INDETERMINATE);
  }

  @Test
  void indications_combineWorstFirst() {
    assertThat(Indication.TOTAL_PASSED.worst(Indication.INDETERMINATE))
        .isEqualTo(Indication.INDETERMINATE);
    assertThat(Indication.TOTAL_FAILED.worst(Indication.INDETERMINATE))
        .isEqualTo(Indication.TOTAL_FAILED);
    assertThat(SubIndication.REVOKED_NO_POE.indication()).isEqualTo(Indication.INDETERMINATE);
  }
}
