package vn.kyso.policy;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Citation;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.validation.Severity;

/** Reads a pack file into a {@link PolicyPack}, locating every problem by line and column. */
final class PackReader {
  static final int MAX_CHARS = 1_000_000;
  private static final int MAX_FLOW_DEPTH = 64;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9-]+)}");

  private final String source;

  private PackReader(String source) {
    this.source = source;
  }

  static PolicyPack read(String source, String text) throws PolicyFormatException {
    return new PackReader(source).pack(text);
  }

  private PolicyPack pack(String text) throws PolicyFormatException {
    if (text.length() > MAX_CHARS) {
      throw new PolicyFormatException(
          source, 1, 1, "the file is larger than " + MAX_CHARS + " characters", null);
    }
    checkFlowDepth(text);
    Node root;
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(source)
              .setAllowDuplicateKeys(false)
              .setAllowRecursiveKeys(false)
              .setMaxAliasesForCollections(0)
              .setCodePointLimit(MAX_CHARS * 4)
              .setUseMarks(true)
              .build();
      root = new Compose(settings).composeString(text).orElse(null);
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
      throw new PolicyFormatException(
          source,
          m == null ? 1 : m.getLine() + 1,
          m == null ? 1 : m.getColumn() + 1,
          "not valid YAML: " + firstLine(e.getProblem()),
          e);
    } catch (YamlEngineException
        | IllegalArgumentException
        | IllegalStateException
        | IndexOutOfBoundsException e) {
      throw new PolicyFormatException(
          source, 1, 1, "not valid YAML: " + firstLine(e.getMessage()), e);
    } catch (StackOverflowError e) {
      throw new PolicyFormatException(source, 1, 1, "the YAML is nested too deeply", null);
    }
    if (root == null) {
      throw new PolicyFormatException(source, 1, 1, "the file is empty", null);
    }
    Map<String, Node> top =
        mapping(
            root,
            Set.of(
                "kyso-policy-pack",
                "id",
                "version",
                "title",
                "jurisdiction",
                "document",
                "effective",
                "status",
                "status-since",
                "territory",
                "bodies",
                "status-note",
                "notices",
                "parameters",
                "rules"));
    Node formatNode = required(top, "kyso-policy-pack", root);
    if (!"1".equals(scalar(formatNode))) {
      throw error(
          formatNode,
          "unsupported pack format " + scalar(formatNode) + " (this SDK reads format 1)");
    }
    String id = id(required(top, "id", root));
    String version = scalar(required(top, "version", root));
    String[] title = texts(required(top, "title", root));
    String jurisdiction = scalar(required(top, "jurisdiction", root));
    String document = scalar(required(top, "document", root));
    Node effectiveNode = required(top, "effective", root);
    Map<String, Node> effective = mapping(effectiveNode, Set.of("from", "until"));
    LocalDate from = date(required(effective, "from", effectiveNode));
    LocalDate until = effective.containsKey("until") ? date(effective.get("until")) : null;
    if (until != null && until.isBefore(from)) {
      throw error(effective.get("until"), "'until' is before 'from'");
    }
    PackStatus status = status(required(top, "status", root));
    LocalDate statusSince = top.containsKey("status-since") ? date(top.get("status-since")) : null;
    if (statusSince != null && status != PackStatus.UNKNOWN && status != PackStatus.DRAFT_LAPSED) {
      throw error(
          top.get("status-since"), "'status-since' goes with status unknown or draft-lapsed");
    }
    if (statusSince == null && status == PackStatus.DRAFT_LAPSED) {
      throw error(top.get("status"), "status draft-lapsed needs 'status-since'");
    }
    Territory territory = null;
    if (top.containsKey("territory")) {
      Node t = top.get("territory");
      Map<String, Node> tm = mapping(t, Set.of("former-province", "merged-into", "from"));
      territory =
          new Territory(
              scalar(required(tm, "former-province", t)),
              scalar(required(tm, "merged-into", t)),
              date(required(tm, "from", t)));
    }
    String[] statusNote =
        top.containsKey("status-note") ? texts(top.get("status-note")) : new String[] {"", ""};
    List<PackNotice> notices = new ArrayList<>();
    if (top.containsKey("notices")) {
      for (Node n : sequence(top.get("notices"))) {
        Map<String, Node> m = mapping(n, Set.of("from", "vi", "en"));
        notices.add(
            new PackNotice(
                date(required(m, "from", n)),
                scalar(required(m, "vi", n)),
                scalar(required(m, "en", n))));
      }
    }
    Map<String, List<DatedName>> bodies = new LinkedHashMap<>();
    if (top.containsKey("bodies")) {
      for (Map.Entry<String, Node> e : mapping(top.get("bodies"), null).entrySet()) {
        List<DatedName> names = new ArrayList<>();
        LocalDate last = null;
        for (Node n : sequence(e.getValue())) {
          Map<String, Node> bm = mapping(n, Set.of("from", "name"));
          DatedName d =
              new DatedName(date(required(bm, "from", n)), scalar(required(bm, "name", n)));
          if (last != null && !d.from().isAfter(last)) {
            throw error(n, "the names of body '" + e.getKey() + "' are not in date order");
          }
          last = d.from();
          names.add(d);
        }
        bodies.put(e.getKey(), names);
      }
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    Map<String, Node> parameterNodes = new LinkedHashMap<>();
    if (top.containsKey("parameters")) {
      for (Map.Entry<String, Node> e : mapping(top.get("parameters"), null).entrySet()) {
        parameters.put(e.getKey(), packValue(e.getValue()));
        parameterNodes.put(e.getKey(), e.getValue());
      }
    }
    List<PolicyRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Node n : sequence(required(top, "rules", root))) {
      PolicyRule rule = rule(n, document, jurisdiction, parameters);
      // One rule may keep a part that a later rule superseded as a second entry (TB-07's transfer).
      if (!ids.add(
          rule.id() + "\u0000" + rule.check() + "\u0000" + rule.supersededBy().isPresent())) {
        throw error(
            n, "rule " + rule.id() + " with check " + rule.check().yamlName() + " appears twice");
      }
      if (rule.parameters().get("body") instanceof String b && !bodies.containsKey(b)) {
        throw error(
            n,
            "rule " + rule.id() + " names body '" + b + "', which the pack's bodies table lacks");
      }
      rules.add(rule);
    }
    return new PolicyPack(
        source,
        id,
        version,
        title[0],
        title[1],
        jurisdiction,
        document,
        from,
        until,
        status,
        statusSince,
        territory,
        bodies,
        statusNote[0],
        statusNote[1],
        notices,
        parameters,
        rules);
  }

  private PolicyRule rule(
      Node node, String packDocument, String jurisdiction, Map<String, Object> packParameters)
      throws PolicyFormatException {
    Map<String, Node> m =
        mapping(
            node,
            Set.of(
                "id",
                "check",
                "severity",
                "document",
                "article",
                "confidence",
                "title",
                "effective",
                "superseded-by",
                "params"));
    String id = id(required(m, "id", node));
    Node checkNode = required(m, "check", node);
    String checkName = scalar(checkNode);
    CheckType check =
        CheckType.fromYamlName(checkName)
            .orElseThrow(() -> error(checkNode, "unknown check '" + checkName + "'"));
    Severity severity = severity(required(m, "severity", node));
    String document = m.containsKey("document") ? scalar(m.get("document")) : packDocument;
    String article = scalar(required(m, "article", node));
    Node confidenceNode = required(m, "confidence", node);
    String confidence = scalar(confidenceNode);
    if (!Set.of("C", "S", "U").contains(confidence)) {
      throw error(confidenceNode, "confidence must be C, S or U");
    }
    String[] title = texts(required(m, "title", node));
    LocalDate from = null;
    LocalDate until = null;
    if (m.containsKey("effective")) {
      Map<String, Node> e = mapping(m.get("effective"), Set.of("from", "until"));
      from = e.containsKey("from") ? date(e.get("from")) : null;
      until = e.containsKey("until") ? date(e.get("until")) : null;
      if (from != null && until != null && until.isBefore(from)) {
        throw error(e.get("until"), "'until' is before 'from'");
      }
    }
    Supersession supersededBy = null;
    if (m.containsKey("superseded-by")) {
      Node sn = m.get("superseded-by");
      Map<String, Node> sm = mapping(sn, Set.of("rule", "from", "basis"));
      supersededBy =
          new Supersession(
              id(required(sm, "rule", sn)),
              date(required(sm, "from", sn)),
              sm.containsKey("basis") ? scalar(sm.get("basis")) : "");
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    Map<String, Object> resolved = new LinkedHashMap<>();
    Map<String, Node> given = m.containsKey("params") ? mapping(m.get("params"), null) : Map.of();
    for (Map.Entry<String, Node> e : given.entrySet()) {
      CheckType.ParameterKind kind = check.parameters().get(e.getKey());
      if (kind == null) {
        throw error(
            e.getValue(),
            "check '"
                + check.yamlName()
                + "' has no parameter '"
                + e.getKey()
                + "' (it takes "
                + check.parameters().keySet()
                + ")");
      }
      Node v = e.getValue();
      if (v instanceof ScalarNode s && REFERENCE.matcher(s.getValue()).matches()) {
        String name = s.getValue().substring(2, s.getValue().length() - 1);
        if (!packParameters.containsKey(name)) {
          throw error(v, "no pack parameter '" + name + "'");
        }
        raw.put(e.getKey(), s.getValue());
        resolved.put(e.getKey(), coerce(check, e.getKey(), packParameters.get(name), kind, v));
      } else {
        Object value = value(v, kind);
        try {
          checkValues(check, e.getKey(), value);
        } catch (IllegalArgumentException x) {
          throw error(v, x.getMessage());
        }
        raw.put(e.getKey(), value);
        resolved.put(e.getKey(), value);
      }
    }
    for (String name : check.parameters().keySet()) {
      if (check.isRequired(name) && !resolved.containsKey(name)) {
        throw error(
            node,
            "rule " + id + ": check '" + check.yamlName() + "' needs parameter '" + name + "'");
      }
    }
    return new PolicyRule(
        id,
        check,
        severity,
        new Citation(document, article, jurisdiction, confidence),
        from,
        until,
        title[0],
        title[1],
        resolved,
        raw,
        supersededBy);
  }

  private Object coerce(
      CheckType check, String name, Object value, CheckType.ParameterKind kind, Node at)
      throws PolicyFormatException {
    try {
      Object converted = convert(value, kind);
      checkValues(check, name, converted);
      return converted;
    } catch (IllegalArgumentException e) {
      throw error(at, "the pack parameter does not fit: " + firstLine(e.getMessage()));
    }
  }

  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("levels", Set.of("MAT", "TOI_MAT", "TUYET_MAT")),
          Map.entry("forms", names(AuthorityForm.values())),
          Map.entry("positions", names(Position.values())),
          Map.entry("accepted", names(KeyStorage.values())),
          Map.entry("families", Set.of("special-use", "public")),
          Map.entry("request", Set.of("renewal", "change")),
          Map.entry(
              "alternative",
              Set.of(
                  "copy-or-own-digitisation",
                  "digitised-from-signed-paper",
                  "digitised-from-paper",
                  "none")),
          Map.entry("also-eligible", Set.of("posted-to-hcc", "special-approval")),
          Map.entry("regime", Set.of("public", "special-use")),
          Map.entry("precedence", Set.of("national", "local")),
          Map.entry(
              "hashes",
              Set.of(
                  "SHA-256",
                  "SHA-384",
                  "SHA-512",
                  "SHA-512/224",
                  "SHA-512/256",
                  "SHA3-256",
                  "SHA3-384",
                  "SHA3-512")),
          Map.entry("revoke-on", names(HrEvent.values())),
          Map.entry("revoke-if-affected", names(HrEvent.values())),
          Map.entry("requesters", names(Requester.Kind.values())),
          Map.entry("device-return-from", Set.of("revocation-notice", "ca-revocation-notice")),
          Map.entry("change-on", names(HrEvent.values())));

  private static Set<String> names(Enum<?>[] values) {
    Set<String> out = new HashSet<>();
    for (Enum<?> v : values) {
      out.add(v.name());
    }
    return Set.copyOf(out);
  }

  /**
   * Checks that enumerated parameters hold known values.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  static void checkValues(CheckType check, String name, Object value) {
    List<String> values =
        value instanceof List<?> l
            ? l.stream().map(String::valueOf).toList()
            : List.of(String.valueOf(value));
    Set<String> allowed = ALLOWED.get(name);
    for (String v : values) {
      if (allowed != null && !allowed.contains(v)) {
        throw new IllegalArgumentException(
            "'" + v + "' is not allowed for " + name + " (one of " + new TreeSet<>(allowed) + ")");
      }
      if (check == CheckType.REPORTING_CALENDAR && name.equals("dates")) {
        try {
          MonthDay.parse("--" + v);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("'" + v + "' is not a month and day like 06-20", e);
        }
      }
    }
    if (value instanceof Long n && (n < 0 || n > 100_000)) {
      throw new IllegalArgumentException(n + " is out of range 0..100000");
    }
  }

  /**
   * Checks a pack parameter's value (possibly overridden by the host) against a rule's kind.
   *
   * @throws IllegalArgumentException when it does not fit
   */
  static Object convert(Object value, CheckType.ParameterKind kind) {
    try {
      return switch (kind) {
        case LIST -> {
          if (value instanceof List<?> l) {
            yield l.stream().map(String::valueOf).toList();
          }
          throw new IllegalArgumentException("a list is needed, not " + value);
        }
        case INT -> value instanceof Long l ? l : Long.parseLong(String.valueOf(value));
        case BOOL -> {
          if (value instanceof Boolean b) {
            yield b;
          }
          throw new IllegalArgumentException("true or false is needed, not " + value);
        }
        case DATE -> value instanceof LocalDate d ? d : LocalDate.parse(String.valueOf(value));
        case TEXT -> {
          if (value instanceof List<?>) {
            throw new IllegalArgumentException("one text is needed, not a list");
          }
          yield String.valueOf(value);
        }
      };
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + value + "' is not a date like 2020-03-05", e);
    }
  }

  private Object value(Node v, CheckType.ParameterKind kind) throws PolicyFormatException {
    if (kind == CheckType.ParameterKind.LIST) {
      List<String> out = new ArrayList<>();
      for (Node item : sequence(v)) {
        out.add(scalar(item));
      }
      return List.copyOf(out);
    }
    String s = scalar(v);
    try {
      return switch (kind) {
        case INT -> Long.parseLong(s);
        case BOOL -> {
          if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException("true or false is needed");
          }
          yield Boolean.parseBoolean(s);
        }
        case DATE -> LocalDate.parse(s);
        default -> s;
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw error(v, "'" + s + "' is not a " + kind.name().toLowerCase(Locale.ROOT));
    }
  }

  private Object packValue(Node v) throws PolicyFormatException {
    if (v instanceof SequenceNode) {
      List<String> out = new ArrayList<>();
      for (Node item : sequence(v)) {
        out.add(scalar(item));
      }
      return List.copyOf(out);
    }
    String s = scalar(v);
    Tag tag = v.getTag();
    if (Tag.INT.equals(tag)) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw error(v, "'" + s + "' is not a whole number");
      }
    }
    if (Tag.BOOL.equals(tag)) {
      return Boolean.parseBoolean(s);
    }
    return s;
  }

  private Map<String, Node> mapping(Node node, Set<String> allowed) throws PolicyFormatException {
    if (!(node instanceof MappingNode mn)) {
      throw error(node, "a mapping (key: value) is expected here");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : mn.getValue()) {
      String key = scalar(t.getKeyNode());
      if (allowed != null && !allowed.contains(key)) {
        throw error(
            t.getKeyNode(),
            "unknown key '" + key + "' (expected one of " + new TreeSet<>(allowed) + ")");
      }
      if (out.put(key, t.getValueNode()) != null) {
        throw error(t.getKeyNode(), "key '" + key + "' appears twice");
      }
    }
    return out;
  }

  private List<Node> sequence(Node node) throws PolicyFormatException {
    if (!(node instanceof SequenceNode sn)) {
      throw error(node, "a list is expected here");
    }
    return sn.getValue();
  }

  private String scalar(Node node) throws PolicyFormatException {
    if (!(node instanceof ScalarNode sn)) {
      throw error(node, "a single value is expected here");
    }
    return sn.getValue().strip();
  }

  private String[] texts(Node node) throws PolicyFormatException {
    Map<String, Node> m = mapping(node, Set.of("vi", "en"));
    return new String[] {scalar(required(m, "vi", node)), scalar(required(m, "en", node))};
  }

  private String id(Node node) throws PolicyFormatException {
    String s = scalar(node);
    if (!ID.matcher(s).matches()) {
      throw error(node, "'" + s + "' is not a valid id (letters, digits, '.', '_', '-')");
    }
    return s;
  }

  private LocalDate date(Node node) throws PolicyFormatException {
    String s = scalar(node);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw error(node, "'" + s + "' is not a date like 2020-03-05");
    }
  }

  private Severity severity(Node node) throws PolicyFormatException {
    return switch (scalar(node)) {
      case "deny" -> Severity.ERROR;
      case "warn" -> Severity.WARNING;
      case "info" -> Severity.INFO;
      default -> throw error(node, "severity must be deny, warn or info");
    };
  }

  private PackStatus status(Node node) throws PolicyFormatException {
    return switch (scalar(node)) {
      case "in-force" -> PackStatus.IN_FORCE;
      case "repealed" -> PackStatus.REPEALED;
      case "draft" -> PackStatus.DRAFT;
      case "draft-lapsed" -> PackStatus.DRAFT_LAPSED;
      case "unknown" -> PackStatus.UNKNOWN;
      default ->
          throw error(node, "status must be in-force, repealed, draft, draft-lapsed or unknown");
    };
  }

  private Node required(Map<String, Node> m, String key, Node parent) throws PolicyFormatException {
    Node n = m.get(key);
    if (n == null) {
      throw error(parent, "'" + key + "' is missing");
    }
    return n;
  }

  private PolicyFormatException error(Node node, String problem) {
    Optional<Mark> m = node == null ? Optional.empty() : node.getStartMark();
    return new PolicyFormatException(
        source,
        m.map(x -> x.getLine() + 1).orElse(1),
        m.map(x -> x.getColumn() + 1).orElse(1),
        problem,
        null);
  }

  private void checkFlowDepth(String text) throws PolicyFormatException {
    int depth = 0;
    int line = 1;
    int column = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      column++;
      if (c == '\n') {
        line++;
        column = 0;
      } else if (c == '[' || c == '{') {
        if (++depth > MAX_FLOW_DEPTH) {
          throw new PolicyFormatException(
              source,
              line,
              column,
              "lists and mappings are nested more than " + MAX_FLOW_DEPTH + " deep",
              null);
        }
      } else if ((c == ']' || c == '}') && depth > 0) {
        depth--;
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
