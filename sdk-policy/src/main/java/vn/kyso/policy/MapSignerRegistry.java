package vn.kyso.policy;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.NameNormalizer;

/**
 * A {@link SignerRegistry} held in memory: certificates mapped to people, organisations by name
 * (compared ignoring case and diacritics), and the numbers already used. For tests, and for hosts
 * that load their HR export at start-up. Immutable and thread-safe once built.
 *
 * <pre>{@code
 * SignerRegistry registry = MapSignerRegistry.builder()
 *     .signer(chairmanCert, SignerRecord.of(
 *         "p1", "Nguyễn Văn An", "Ủy ban nhân dân tỉnh", Position.HEAD, "Chủ tịch"))
 *     .organisation(new OrganisationRecord("Ủy ban nhân dân tỉnh", "ubnd-tinh", Regime.COLLECTIVE,
 *         Set.of(), Set.of("vanthu-01"), Set.of()))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class MapSignerRegistry implements SignerRegistry {
  private final Map<String, SignerRecord> signers;
  private final Map<String, OrganisationRecord> organisations;
  private final Set<String> usedNumbers;

  private MapSignerRegistry(Builder b) {
    this.signers = Map.copyOf(b.signers);
    this.organisations = Map.copyOf(b.organisations);
    this.usedNumbers = Set.copyOf(b.usedNumbers);
  }

  /**
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<SignerRecord> signer(X509Certificate certificate, Instant at) {
    return Optional.ofNullable(signers.get(key(certificate)));
  }

  @Override
  public Optional<SignerRecord> person(String personId, Instant at) {
    Objects.requireNonNull(personId, "personId");
    return signers.values().stream().filter(r -> r.personId().equals(personId)).findFirst();
  }

  @Override
  public Optional<OrganisationRecord> organisation(String name, Instant at) {
    return Optional.ofNullable(
        organisations.get(NameNormalizer.normalize(Objects.requireNonNull(name, "name"))));
  }

  @Override
  public Optional<Boolean> numberUsed(String organisation, int year, String numberSymbol) {
    return Optional.of(usedNumbers.contains(numberKey(organisation, year, numberSymbol)));
  }

  private static String key(X509Certificate c) {
    BigInteger serial = c.getSerialNumber();
    return c.getIssuerX500Principal().getName() + "#" + serial.toString(16);
  }

  private static String numberKey(String organisation, int year, String numberSymbol) {
    return NameNormalizer.normalize(organisation)
        + "#"
        + year
        + "#"
        + NameNormalizer.normalize(numberSymbol);
  }

  /** Builds a {@link MapSignerRegistry}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, SignerRecord> signers = new HashMap<>();
    private final Map<String, OrganisationRecord> organisations = new HashMap<>();
    private final Set<String> usedNumbers = new HashSet<>();

    private Builder() {}

    /**
     * Maps a certificate (by issuer and serial number) to its holder.
     *
     * @param certificate the certificate
     * @param record the holder
     * @return this builder
     */
    public Builder signer(X509Certificate certificate, SignerRecord record) {
      signers.put(
          key(Objects.requireNonNull(certificate, "certificate")),
          Objects.requireNonNull(record, "record"));
      return this;
    }

    /**
     * Adds an organisation.
     *
     * @param record the organisation
     * @return this builder
     */
    public Builder organisation(OrganisationRecord record) {
      organisations.put(NameNormalizer.normalize(record.name()), record);
      return this;
    }

    /**
     * Records a number and symbol as used.
     *
     * @param organisation the issuing organisation
     * @param year the year
     * @param numberSymbol the number and symbol
     * @return this builder
     */
    public Builder usedNumber(String organisation, int year, String numberSymbol) {
      usedNumbers.add(numberKey(organisation, year, numberSymbol));
      return this;
    }

    /**
     * @return the registry
     */
    public MapSignerRegistry build() {
      return new MapSignerRegistry(this);
    }
  }
}
