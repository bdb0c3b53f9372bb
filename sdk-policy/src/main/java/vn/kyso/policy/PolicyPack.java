package vn.kyso.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/**
 * A versioned set of rules from one legal source (the national layer, or one provincial
 * regulation), read from a YAML file that a provincial IT officer can read and edit. Immutable and
 * thread-safe.
 *
 * <p>The format (version 1), shortened:
 *
 * <pre>{@code
 * kyso-policy-pack: 1
 * id: lao-cai-51-2015
 * version: "2026.11"
 * title: {vi: "...", en: "..."}
 * jurisdiction: Lào Cai
 * document: QĐ 51/2015/QĐ-UBND
 * effective: {from: 2015-10-25, until: 2019-12-31}
 * status: repealed            # in-force | repealed | draft | draft-lapsed | unknown
 * status-since: 2025-07-01    # for unknown and draft-lapsed: the first day of that status
 * territory: {former-province: Thái Bình, merged-into: Hưng Yên, from: 2025-07-01}
 * notices: [{from: 2025-07-01, vi: "...", en: "..."}]
 * parameters:
 *   official-email-domains: [laocai.gov.vn]
 * rules:
 *   - id: LC-02
 *     check: email-domain     # one of CheckType's names
 *     severity: deny          # deny | warn | info
 *     article: Điều 8
 *     confidence: C           # C | S | U
 *     title: {vi: "...", en: "..."}
 *     params: {domains: "${official-email-domains}"}
 *     superseded-by: {rule: CD68-03, from: 2024-08-15, basis: "..."}   # optional
 * }</pre>
 *
 * <p>Every problem is reported as a {@link PolicyFormatException} with file, line and column. Files
 * are limited to one million characters; YAML aliases, tags that build objects and deeply nested
 * flow collections are refused.
 *
 * @since 0.1
 */
public final class PolicyPack {
  private static final List<String> BUILT_IN =
      List.of(
          "national",
          "thai-binh-08-2016",
          "lao-cai-51-2015",
          "hoa-binh-13-2020",
          "kon-tum-284-2018",
          "kien-giang-2024-draft");

  private final String source;
  private final String id;
  private final String version;
  private final String titleVi;
  private final String titleEn;
  private final String jurisdiction;
  private final String document;
  private final LocalDate from;
  private final LocalDate until;
  private final PackStatus status;
  private final LocalDate statusSince;
  private final Territory territory;
  private final Map<String, List<DatedName>> bodies;
  private final String statusNoteVi;
  private final String statusNoteEn;
  private final List<PackNotice> notices;
  private final Map<String, Object> parameters;
  private final List<PolicyRule> rules;

  PolicyPack(
      String source,
      String id,
      String version,
      String titleVi,
      String titleEn,
      String jurisdiction,
      String document,
      LocalDate from,
      LocalDate until,
      PackStatus status,
      LocalDate statusSince,
      Territory territory,
      Map<String, List<DatedName>> bodies,
      String statusNoteVi,
      String statusNoteEn,
      List<PackNotice> notices,
      Map<String, Object> parameters,
      List<PolicyRule> rules) {
    this.source = source;
    this.id = id;
    this.version = version;
    this.titleVi = titleVi;
    this.titleEn = titleEn;
    this.jurisdiction = jurisdiction;
    this.document = document;
    this.from = from;
    this.until = until;
    this.status = status;
    this.statusSince = statusSince;
    this.territory = territory;
    Map<String, List<DatedName>> b = new LinkedHashMap<>();
    bodies.forEach((k, v) -> b.put(k, List.copyOf(v)));
    this.bodies = Collections.unmodifiableMap(b);
    this.statusNoteVi = statusNoteVi;
    this.statusNoteEn = statusNoteEn;
    this.notices = List.copyOf(notices);
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.rules = List.copyOf(rules);
  }

  /**
   * Reads a pack file.
   *
   * @param file the YAML file (UTF-8)
   * @return the pack
   * @throws PolicyFormatException when it is not a valid pack (with line and column)
   * @throws DocumentException {@code IO_ERROR} when it cannot be read
   */
  public static PolicyPack load(Path file) throws PolicyFormatException, DocumentException {
    Objects.requireNonNull(file, "file");
    try {
      if (Files.size(file) > PackReader.MAX_CHARS * 4L) {
        throw new PolicyFormatException(file.toString(), 1, 1, "the file is too large", null);
      }
      return parse(file.toString(), decode(file.toString(), Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, file, e.getMessage());
    }
  }

  /**
   * Reads a pack from text.
   *
   * @param sourceName the name used in error messages (a file name or resource)
   * @param yaml the YAML text
   * @return the pack
   * @throws PolicyFormatException when it is not a valid pack (with line and column)
   */
  public static PolicyPack parse(String sourceName, String yaml) throws PolicyFormatException {
    return PackReader.read(
        Objects.requireNonNull(sourceName, "sourceName"), Objects.requireNonNull(yaml, "yaml"));
  }

  /**
   * Returns one of the packs bundled with the SDK.
   *
   * @param id one of {@link #builtInIds()}
   * @return the pack
   * @throws IllegalArgumentException for an unknown id
   */
  public static PolicyPack builtIn(String id) {
    if (!BUILT_IN.contains(Objects.requireNonNull(id, "id"))) {
      throw new IllegalArgumentException("no built-in pack '" + id + "'; there are " + BUILT_IN);
    }
    String resource = "packs/" + id + ".yaml";
    try (InputStream in = PolicyPack.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the SDK jar lacks " + resource);
      }
      return parse(resource, decode(resource, in.readAllBytes()));
    } catch (IOException | PolicyFormatException e) {
      throw new IllegalStateException(
          "the built-in pack " + id + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * @return the ids of the packs bundled with the SDK
   */
  public static List<String> builtInIds() {
    return BUILT_IN;
  }

  private static String decode(String source, byte[] bytes) throws PolicyFormatException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PolicyFormatException(source, 1, 1, "the file is not UTF-8 text", e);
    }
  }

  /**
   * Returns a copy with a pack parameter changed, e.g. a province's official e-mail domain.
   *
   * @param name the parameter, as under {@code parameters:} in the file
   * @param value a String, Long/Integer, Boolean, LocalDate or List of Strings
   * @return the new pack
   * @throws IllegalArgumentException when the pack has no such parameter or the value does not fit
   *     the rules that use it
   */
  public PolicyPack withParameter(String name, Object value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!parameters.containsKey(name)) {
      throw new IllegalArgumentException(
          "pack " + id + " has no parameter '" + name + "'; it has " + parameters.keySet());
    }
    Object normalised =
        value instanceof Integer i
            ? Long.valueOf(i)
            : value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : value;
    if ("unknown-status".equals(name) && !List.of("capped", "as-written").contains(normalised)) {
      throw new IllegalArgumentException("unknown-status is capped or as-written, not " + value);
    }
    Map<String, Object> newParameters = new LinkedHashMap<>(parameters);
    newParameters.put(name, normalised);
    List<PolicyRule> newRules = new ArrayList<>();
    String reference = "${" + name + "}";
    for (PolicyRule r : rules) {
      Map<String, Object> resolved = new LinkedHashMap<>(r.parameters());
      for (Map.Entry<String, Object> e : r.rawParameters().entrySet()) {
        if (reference.equals(e.getValue())) {
          Object converted = PackReader.convert(normalised, r.check().parameters().get(e.getKey()));
          PackReader.checkValues(r.check(), e.getKey(), converted);
          resolved.put(e.getKey(), converted);
        }
      }
      newRules.add(
          new PolicyRule(
              r.id(),
              r.check(),
              r.severity(),
              r.citation(),
              r.from().orElse(null),
              r.until().orElse(null),
              r.titleVi(),
              r.titleEn(),
              resolved,
              r.rawParameters(),
              r.supersededBy().orElse(null)));
    }
    return new PolicyPack(
        source,
        id,
        version,
        titleVi,
        titleEn,
        jurisdiction,
        document,
        from,
        until,
        status,
        statusSince,
        territory,
        bodies,
        statusNoteVi,
        statusNoteEn,
        notices,
        newParameters,
        newRules);
  }

  /**
   * Writes the pack back as YAML in the same format; reading it again gives an equal pack.
   *
   * @return the YAML text
   */
  public String toYaml() {
    return PackWriter.write(this);
  }

  /**
   * @return where it was read from
   */
  public String source() {
    return source;
  }

  /**
   * @return the pack id, e.g. {@code lao-cai-51-2015}
   */
  public String id() {
    return id;
  }

  /**
   * @return the pack's own version
   */
  public String version() {
    return version;
  }

  /**
   * @return the title in Vietnamese
   */
  public String titleVi() {
    return titleVi;
  }

  /**
   * @return the title in English
   */
  public String titleEn() {
    return titleEn;
  }

  /**
   * @return the jurisdiction, e.g. {@code national}
   */
  public String jurisdiction() {
    return jurisdiction;
  }

  /**
   * @return the legal document, e.g. {@code QĐ 51/2015/QĐ-UBND}
   */
  public String document() {
    return document;
  }

  /**
   * @return the first day in force
   */
  public LocalDate effectiveFrom() {
    return from;
  }

  /**
   * @return the last day in force, when repealed or superseded
   */
  public Optional<LocalDate> effectiveUntil() {
    return Optional.ofNullable(until);
  }

  /**
   * @return the legal status
   */
  public PackStatus status() {
    return status;
  }

  /**
   * Returns the first day of the current status, when it has one: for {@link PackStatus#UNKNOWN}
   * the day from which it is not known whether the act still applies (its rules then warn and never
   * deny, unless the host confirms the act with the pack parameter {@code unknown-status:
   * as-written}); for {@link PackStatus#DRAFT_LAPSED} the day from which the draft can no longer be
   * adopted (its rules are then information only). Before this day the pack is in force as written.
   *
   * @return the day, if any
   */
  public Optional<LocalDate> statusSince() {
    return Optional.ofNullable(statusSince);
  }

  /**
   * Returns the pack's status on a day: {@link PackStatus#REPEALED} after its last day in force;
   * {@link PackStatus#UNKNOWN} or {@link PackStatus#DRAFT_LAPSED} from {@link #statusSince()} (a
   * lapsed draft is a {@link PackStatus#DRAFT} before); before that day an unknown-status pack is
   * {@link PackStatus#IN_FORCE}.
   *
   * @param day the day
   * @return the status that day
   */
  public PackStatus statusOn(LocalDate day) {
    Objects.requireNonNull(day, "day");
    if (until != null && day.isAfter(until)) {
      return PackStatus.REPEALED;
    }
    boolean sinceReached = statusSince == null || !day.isBefore(statusSince);
    return switch (status) {
      case DRAFT_LAPSED -> sinceReached ? PackStatus.DRAFT_LAPSED : PackStatus.DRAFT;
      case UNKNOWN -> sinceReached ? PackStatus.UNKNOWN : PackStatus.IN_FORCE;
      default -> status;
    };
  }

  /**
   * Returns the territory the pack governs after the 2025 province mergers, when it was made for a
   * merged province.
   *
   * @return the territory, if any
   */
  public Optional<Territory> territory() {
    return Optional.ofNullable(territory);
  }

  /**
   * Returns the pack's table of bodies named by date (key, e.g. {@code so-phu-trach}, to the names
   * in order): rules that send the user to a body name it through a {@code body} parameter.
   *
   * @return the table, possibly empty
   */
  public Map<String, List<DatedName>> bodies() {
    return bodies;
  }

  /**
   * Returns a body's name on a day, and its latest name (the successor to address now).
   *
   * @param key the table key
   * @param day the day
   * @return {name on that day, latest name}, or empty when the key is unknown or the day precedes
   *     the table
   */
  public Optional<List<String>> bodyNames(String key, LocalDate day) {
    List<DatedName> names = bodies.get(key);
    if (names == null || names.isEmpty()) {
      return Optional.empty();
    }
    String then = null;
    for (DatedName n : names) {
      if (!day.isBefore(n.from())) {
        then = n.name();
      }
    }
    return then == null
        ? Optional.empty()
        : Optional.of(List.of(then, names.get(names.size() - 1).name()));
  }

  /**
   * @return a note on the status in Vietnamese, may be empty
   */
  public String statusNoteVi() {
    return statusNoteVi;
  }

  /**
   * @return a note on the status in English, may be empty
   */
  public String statusNoteEn() {
    return statusNoteEn;
  }

  /**
   * @return the dated notices
   */
  public List<PackNotice> notices() {
    return notices;
  }

  /**
   * @return the pack parameters
   */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /**
   * @return the rules in file order
   */
  public List<PolicyRule> rules() {
    return rules;
  }

  /**
   * Tells whether the pack is in force on a day.
   *
   * @param day the day
   * @return whether in force
   */
  public boolean isInForce(LocalDate day) {
    return !day.isBefore(from) && (until == null || !day.isAfter(until));
  }

  @Override
  public String toString() {
    return "PolicyPack[" + id + " " + version + ", " + rules.size() + " rules]";
  }
}
