package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry a command line or a test states in a file: YAML or CSV, and typed errors. */
class RegistryFileTest {
  @TempDir Path dir;

  private static final Instant NOW = Instant.parse("2026-06-15T02:00:00Z");

  private Path pem(String name, X509Certificate c) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(
        p,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    return p;
  }

  @Test
  void yaml_givesPeopleCertificatesDelegationsAndOrganisations() throws Exception {
    X509Certificate chair = Certs.person("Nguyễn Văn An").build();
    X509Certificate unit = Certs.person("Lê Văn Tư").build();
    pem("chair.pem", chair);
    pem("unit.pem", unit);
    Path file = dir.resolve("registry.yaml");
    Files.writeString(
        file,
        """
        people:
          - id: p-chair
            name: Nguyễn Văn An
            organisation: Ủy ban nhân dân tỉnh Hưng Yên
            position: HEAD
            title: Chủ tịch
            email: nvan@hungyen.gov.vn
            certificates: [chair.pem]
          - id: p-tu
            name: Lê Văn Tư
            organisation: Văn phòng UBND tỉnh
            position: unit-head
            title: Chánh Văn phòng
            posted-to-hcc: true
            special-approval: {by: Chủ tịch UBND tỉnh, date: 2024-02-01}
            certificates: [unit.pem]
            delegations:
              - {from: p-chair, types: [Giấy mời], valid-from: 2026-01-01, valid-to: 2026-12-31}
        organisations:
          - name: Ủy ban nhân dân tỉnh Hưng Yên
            type: ubnd-tinh
            regime: COLLECTIVE
            by-order-types: [Thông báo]
            token-holders: [p-clerk]
            former-province: Thái Bình
            head: p-chair
            focal-officer: p-it
        """);
    MapSignerRegistry r = RegistryFile.load(file);
    SignerRecord chairRecord = r.signer(chair, NOW).orElseThrow();
    assertThat(chairRecord.position()).isEqualTo(Position.HEAD);
    assertThat(chairRecord.officialEmail()).contains("nvan@hungyen.gov.vn");
    SignerRecord tu = r.signer(unit, NOW).orElseThrow();
    assertThat(tu.postedToHcc()).isTrue();
    assertThat(tu.specialApproval())
        .contains(new Approval("Chủ tịch UBND tỉnh", LocalDate.of(2024, 2, 1)));
    assertThat(tu.delegations())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.fromPersonId()).isEqualTo("p-chair");
              assertThat(d.toPersonId()).isEqualTo("p-tu");
              assertThat(d.isValidOn(LocalDate.of(2026, 6, 15))).isTrue();
            });
    OrganisationRecord org = r.organisation("Ủy ban nhân dân tỉnh Hưng Yên", NOW).orElseThrow();
    assertThat(org.formerProvince()).contains("Thái Bình");
    assertThat(org.head()).contains("p-chair");
    assertThat(org.focalOfficer()).contains("p-it");
    assertThat(r.person("p-chair", NOW)).contains(chairRecord);
  }

  @Test
  void csv_fromASpreadsheet() throws Exception {
    X509Certificate clerk = Certs.person("Hoàng Thị Én").build();
    pem("clerk.pem", clerk);
    Path file = dir.resolve("registry.csv");
    Files.writeString(
        file,
        "\uFEFFkind,id,name,organisation,position,title,certificates,type,regime,token-holders,former-province\n"
            + "person,p-clerk,Hoàng Thị Én,Ủy ban nhân dân tỉnh Hưng Yên,CLERK,Văn"
            + " thư,clerk.pem,,,,\n"
            + "organisation,,,,,,,ubnd-tinh,COLLECTIVE,p-clerk;p-clerk-2,Thái Bình\n");
    // An organisation row names itself in the name column.
    assertThatThrownBy(() -> RegistryFile.load(file))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'name'");
    Files.writeString(
        file,
        "kind,id,name,organisation,position,title,certificates,type,regime,token-holders,former-province\n"
            + "person,p-clerk,Hoàng Thị Én,Ủy ban nhân dân tỉnh Hưng Yên,CLERK,Văn"
            + " thư,clerk.pem,,,,\n"
            + "organisation,,\"Ủy ban nhân dân tỉnh Hưng"
            + " Yên\",,,,,ubnd-tinh,COLLECTIVE,p-clerk;p-clerk-2,Thái Bình\n");
    MapSignerRegistry r = RegistryFile.load(file);
    assertThat(r.signer(clerk, NOW).orElseThrow().position()).isEqualTo(Position.CLERK);
    assertThat(r.organisation("Ủy ban nhân dân tỉnh Hưng Yên", NOW).orElseThrow().tokenHolders())
        .containsExactlyInAnyOrder("p-clerk", "p-clerk-2");
  }

  @Test
  void badFiles_areTypedErrorsNamingTheProblem() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file, "people:\n  - id: p\n    name: A\n    organisation: O\n    position: PRESIDENT\n");
    assertThatThrownBy(() -> RegistryFile.load(file))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("position");
    Files.writeString(
        file,
        "people:\n"
            + "  - id: p\n"
            + "    name: A\n"
            + "    organisation: O\n"
            + "    position: HEAD\n"
            + "    colour: red\n");
    assertThatThrownBy(() -> RegistryFile.load(file))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("unknown key 'colour'");
    Files.writeString(
        file,
        "people:\n"
            + "  - id: p\n"
            + "    name: A\n"
            + "    organisation: O\n"
            + "    position: HEAD\n"
            + "    certificates: [missing.pem]\n");
    assertThatThrownBy(() -> RegistryFile.load(file))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("missing.pem");
    Files.writeString(file, "a: &x [1]\nb: *x\n");
    assertThatThrownBy(() -> RegistryFile.load(file)).isInstanceOf(PolicyFormatException.class);
    Files.writeString(file, "people: [\n");
    assertThatThrownBy(() -> RegistryFile.load(file))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("not valid YAML");
  }
}
