package vn.kyso.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.trust.Certificates;

/**
 * Reads a host's registry of people, positions, delegations, organisations and who holds which
 * certificate from a file, so that a command line or a test states the facts the policy API takes
 * without code. YAML, or CSV for a spreadsheet export. Certificate files are named relative to the
 * registry file.
 *
 * <p>YAML:
 *
 * <pre>{@code
 * people:
 *   - id: p-chair
 *     name: Nguyễn Văn An
 *     organisation: Ủy ban nhân dân tỉnh Hưng Yên
 *     position: HEAD                 # Position: HEAD, DEPUTY_HEAD, ACTING_HEAD, UNIT_HEAD, ...
 *     title: Chủ tịch
 *     email: nvan@hungyen.gov.vn     # optional
 *     active: true                   # optional, default true
 *     assigned-types: [Công văn]     # optional (KT. fields)
 *     posted-to-hcc: false           # optional (TB-02)
 *     special-approval: {by: Chủ tịch UBND tỉnh, date: 2024-02-01}   # optional (TB-02)
 *     deputy-of: p-unit              # optional
 *     certificates: [chair.pem]      # the certificates this person holds
 *     delegations:                   # written authorisations received (TUQ.) or given (KT-12)
 *       - {from: p-chair, to: p-unit, types: [Giấy mời], valid-from: 2026-01-01, valid-to: 2026-12-31}
 * organisations:
 *   - name: Ủy ban nhân dân tỉnh Hưng Yên
 *     type: ubnd-tinh                # the packs' scope names
 *     regime: COLLECTIVE             # or HEAD_OF_AGENCY
 *     by-order-types: [Thông báo]    # TL. types, optional
 *     token-holders: [p-clerk]       # the văn thư who hold the organisation token
 *     token-permissions: []          # others with written permission
 *     certificates: [ubnd.pem]       # the organisation's certificates, optional
 *     former-province: Thái Bình     # optional (territory of pre-merger packs)
 *     head: p-chair                  # optional (VT30-05)
 *     focal-officer: p-it            # optional (LC-21)
 * }</pre>
 *
 * <p>CSV: a header row, then one row per person ({@code kind} = {@code person}) or organisation
 * ({@code organisation}); columns {@code kind, id, name, organisation, position, title, email,
 * certificates, type, regime, token-holders, former-province, head, focal-officer}; lists are
 * separated by {@code ;}. Delegations need YAML.
 *
 * <p>Files are limited to 4 MiB and 100,000 entries; every problem is a {@link
 * PolicyFormatException} naming the file and the line.
 *
 * @since 0.1
 */
public final class RegistryFile {
  private static final long MAX_BYTES = 4L * 1024 * 1024;
  private static final int MAX_ENTRIES = 100_000;

  private RegistryFile() {}

  /**
   * Reads a registry file ({@code .yaml}, {@code .yml} or {@code .csv}).
   *
   * @param file the file
   * @return the registry
   * @throws PolicyFormatException when the file is not a valid registry
   * @throws DocumentException when the file or a certificate it names cannot be read
   */
  public static MapSignerRegistry load(Path file) throws PolicyFormatException, DocumentException {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new PolicyFormatException(
            file.toString(), 1, 1, "the file is larger than 4 MiB", null);
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, file, e.getMessage());
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Path base = file.toAbsolutePath().getParent();
    return name.endsWith(".csv")
        ? csv(file.toString(), text, base)
        : yaml(file.toString(), text, base);
  }

  // ---------------------------------------------------------------- YAML

  private static MapSignerRegistry yaml(String source, String text, Path base)
      throws PolicyFormatException, DocumentException {
    Object root;
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(source)
              .setAllowDuplicateKeys(false)
              .setMaxAliasesForCollections(0)
              .setAllowRecursiveKeys(false)
              .setCodePointLimit((int) MAX_BYTES)
              .build();
      root = new Load(settings).loadFromString(text);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
      throw new PolicyFormatException(source, line, 1, "not valid YAML: " + e.getProblem(), e);
    } catch (YamlEngineException | IllegalArgumentException | IllegalStateException e) {
      throw new PolicyFormatException(source, 1, 1, "not valid YAML: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new PolicyFormatException(source, 1, 1, "the YAML is nested too deeply", null);
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new PolicyFormatException(source, 1, 1, "expected 'people' and 'organisations'", null);
    }
    for (Object k : top.keySet()) {
      if (!Set.of("people", "organisations").contains(String.valueOf(k))) {
        throw new PolicyFormatException(
            source, 1, 1, "unknown key '" + k + "' (expected people, organisations)", null);
      }
    }
    MapSignerRegistry.Builder b = MapSignerRegistry.builder();
    int entries = 0;
    for (Object o : list(source, top.get("people"), "people")) {
      if (++entries > MAX_ENTRIES) {
        throw new PolicyFormatException(source, 1, 1, "more than 100,000 entries", null);
      }
      Entry e = new Entry(source, "a person", o);
      SignerRecord r = person(e);
      for (String c : e.list("certificates")) {
        for (X509Certificate cert : certificates(source, base, c)) {
          b.signer(cert, r);
        }
      }
      e.done();
    }
    for (Object o : list(source, top.get("organisations"), "organisations")) {
      if (++entries > MAX_ENTRIES) {
        throw new PolicyFormatException(source, 1, 1, "more than 100,000 entries", null);
      }
      Entry e = new Entry(source, "an organisation", o);
      OrganisationRecord r = organisation(e);
      b.organisation(r);
      for (String c : e.list("certificates")) {
        for (X509Certificate cert : certificates(source, base, c)) {
          b.signer(
              cert,
              new SignerRecord(
                  "org:" + r.name(),
                  r.name(),
                  r.name(),
                  Position.OFFICIAL,
                  "",
                  Set.of(),
                  Optional.empty(),
                  true,
                  List.of(),
                  Optional.empty()));
        }
      }
      e.done();
    }
    return b.build();
  }

  private static List<?> list(String source, Object value, String what)
      throws PolicyFormatException {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      throw new PolicyFormatException(source, 1, 1, "'" + what + "' must be a list", null);
    }
    return l;
  }

  private static SignerRecord person(Entry e) throws PolicyFormatException {
    List<Delegation> delegations = new ArrayList<>();
    for (Object d : e.objects("delegations")) {
      Entry de = new Entry(e.source, "a delegation", d);
      delegations.add(
          new Delegation(
              de.text("from"),
              de.optionalText("to").orElse(e.text("id")),
              Set.copyOf(de.list("types")),
              de.date("valid-from"),
              de.date("valid-to")));
      de.done();
    }
    Optional<Approval> approval = Optional.empty();
    if (e.has("special-approval")) {
      Entry ae = new Entry(e.source, "an approval", e.raw("special-approval"));
      approval = Optional.of(new Approval(ae.text("by"), ae.date("date")));
      ae.done();
    }
    return new SignerRecord(
        e.text("id"),
        e.text("name"),
        e.text("organisation"),
        e.enumValue("position", Position.class),
        e.optionalText("title").orElse(""),
        Set.copyOf(e.list("assigned-types")),
        e.optionalText("email"),
        e.flag("active", true),
        delegations,
        e.optionalText("deputy-of"),
        e.flag("posted-to-hcc", false),
        approval);
  }

  private static OrganisationRecord organisation(Entry e) throws PolicyFormatException {
    return new OrganisationRecord(
        e.text("name"),
        e.text("type"),
        e.enumValue("regime", Regime.class),
        Set.copyOf(e.list("by-order-types")),
        Set.copyOf(e.list("token-holders")),
        Set.copyOf(e.list("token-permissions")),
        e.optionalText("former-province"),
        e.optionalText("head"),
        e.optionalText("focal-officer"));
  }

  private static List<X509Certificate> certificates(String source, Path base, String name)
      throws DocumentException, PolicyFormatException {
    Path p = base.resolve(name).normalize();
    if (!Files.isRegularFile(p)) {
      throw new PolicyFormatException(source, 1, 1, "no certificate file " + name, null);
    }
    return Certificates.load(p);
  }

  /** One mapping of the file, read key by key; unknown keys are errors. */
  private static final class Entry {
    final String source;
    final String what;
    final Map<String, Object> m = new LinkedHashMap<>();
    final Set<String> used = new HashSet<>();

    Entry(String source, String what, Object o) throws PolicyFormatException {
      this.source = source;
      this.what = what;
      if (!(o instanceof Map<?, ?> map)) {
        throw new PolicyFormatException(source, 1, 1, what + " must be a mapping", null);
      }
      map.forEach((k, v) -> m.put(String.valueOf(k), v));
    }

    boolean has(String key) {
      return m.get(key) != null;
    }

    Object raw(String key) {
      used.add(key);
      return m.get(key);
    }

    String text(String key) throws PolicyFormatException {
      return optionalText(key).orElseThrow(() -> problem(what + " needs '" + key + "'"));
    }

    Optional<String> optionalText(String key) throws PolicyFormatException {
      Object v = raw(key);
      if (v == null) {
        return Optional.empty();
      }
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw problem("'" + key + "' of " + what + " must be text");
      }
      String s = String.valueOf(v).strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    List<String> list(String key) throws PolicyFormatException {
      Object v = raw(key);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> l)) {
        throw problem("'" + key + "' of " + what + " must be a list");
      }
      List<String> out = new ArrayList<>();
      for (Object x : l) {
        out.add(String.valueOf(x).strip());
      }
      return out;
    }

    List<?> objects(String key) throws PolicyFormatException {
      Object v = raw(key);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> l)) {
        throw problem("'" + key + "' of " + what + " must be a list");
      }
      return l;
    }

    boolean flag(String key, boolean fallback) throws PolicyFormatException {
      Object v = raw(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Boolean bool) {
        return bool;
      }
      String s = String.valueOf(v).strip().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
      throw problem("'" + key + "' of " + what + " must be true or false");
    }

    LocalDate date(String key) throws PolicyFormatException {
      String s = text(key);
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        throw problem("'" + key + "' of " + what + " must be a date like 2026-01-31, not " + s);
      }
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) throws PolicyFormatException {
      String s = text(key);
      try {
        return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw problem(
            "'" + key + "' of " + what + " must be one of " + List.of(type.getEnumConstants()));
      }
    }

    void done() throws PolicyFormatException {
      for (String k : m.keySet()) {
        if (!used.contains(k)) {
          throw problem("unknown key '" + k + "' in " + what);
        }
      }
    }

    PolicyFormatException problem(String message) {
      return new PolicyFormatException(source, 1, 1, message, null);
    }
  }

  // ---------------------------------------------------------------- CSV

  private static final List<String> CSV_COLUMNS =
      List.of(
          "kind",
          "id",
          "name",
          "organisation",
          "position",
          "title",
          "email",
          "certificates",
          "type",
          "regime",
          "token-holders",
          "former-province",
          "head",
          "focal-officer");

  private static MapSignerRegistry csv(String source, String text, Path base)
      throws PolicyFormatException, DocumentException {
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new PolicyFormatException(source, 1, 1, "the CSV has no header row", null);
    }
    List<String> header = new ArrayList<>();
    for (String h : fields(source, 1, stripBom(lines[0]))) {
      String col = h.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      if (!CSV_COLUMNS.contains(col)) {
        throw new PolicyFormatException(
            source, 1, 1, "unknown column '" + h + "' (expected " + CSV_COLUMNS + ")", null);
      }
      header.add(col);
    }
    if (!header.contains("kind")) {
      throw new PolicyFormatException(source, 1, 1, "the CSV needs a 'kind' column", null);
    }
    MapSignerRegistry.Builder b = MapSignerRegistry.builder();
    if (lines.length > MAX_ENTRIES + 2) {
      throw new PolicyFormatException(source, 1, 1, "more than 100,000 entries", null);
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> values = fields(source, i + 1, lines[i]);
      if (values.size() > header.size()) {
        throw new PolicyFormatException(source, i + 1, 1, "more fields than columns", null);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 0; c < values.size(); c++) {
        String v = values.get(c).strip();
        if (v.isEmpty()) {
          continue;
        }
        String col = header.get(c);
        row.put(
            col,
            col.equals("certificates") || col.equals("token-holders") ? List.of(v.split(";")) : v);
      }
      Object kind = row.remove("kind");
      try {
        if ("person".equals(kind)) {
          Entry e = new Entry(source, "a person", row);
          SignerRecord r = person(e);
          for (String c : e.list("certificates")) {
            for (X509Certificate cert : certificates(source, base, c.strip())) {
              b.signer(cert, r);
            }
          }
          e.done();
        } else if ("organisation".equals(kind)) {
          Entry e = new Entry(source, "an organisation", row);
          b.organisation(organisation(e));
          e.list("certificates");
          e.done();
        } else {
          throw new PolicyFormatException(
              source, i + 1, 1, "kind must be person or organisation, not " + kind, null);
        }
      } catch (PolicyFormatException e) {
        throw e.line() == 1 && i > 0
            ? new PolicyFormatException(source, i + 1, 1, e.problem(), e)
            : e;
      }
    }
    return b.build();
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
  private static List<String> fields(String source, int line, String s)
      throws PolicyFormatException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(ch);
        }
      } else if (ch == '"' && cur.length() == 0) {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw new PolicyFormatException(source, line, s.length(), "an unclosed quote", null);
    }
    out.add(cur.toString());
    return out;
  }
}
