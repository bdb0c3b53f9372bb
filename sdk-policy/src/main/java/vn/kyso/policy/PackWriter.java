package vn.kyso.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import vn.kyso.api.validation.Severity;

/** Writes a {@link PolicyPack} back to YAML in format 1. */
final class PackWriter {
  private PackWriter() {}

  static String write(PolicyPack p) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("kyso-policy-pack", 1);
    top.put("id", p.id());
    top.put("version", p.version());
    top.put("title", texts(p.titleVi(), p.titleEn()));
    top.put("jurisdiction", p.jurisdiction());
    top.put("document", p.document());
    Map<String, Object> effective = new LinkedHashMap<>();
    effective.put("from", p.effectiveFrom().toString());
    p.effectiveUntil().ifPresent(u -> effective.put("until", u.toString()));
    top.put("effective", effective);
    top.put("status", p.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    p.statusSince().ifPresent(d -> top.put("status-since", d.toString()));
    p.territory()
        .ifPresent(
            t -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("former-province", t.formerProvince());
              m.put("merged-into", t.mergedInto());
              m.put("from", t.from().toString());
              top.put("territory", m);
            });
    if (!p.bodies().isEmpty()) {
      Map<String, Object> bodies = new LinkedHashMap<>();
      p.bodies()
          .forEach(
              (k, names) -> {
                List<Object> list = new ArrayList<>();
                for (DatedName n : names) {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("from", n.from().toString());
                  m.put("name", n.name());
                  list.add(m);
                }
                bodies.put(k, list);
              });
      top.put("bodies", bodies);
    }
    if (!p.statusNoteVi().isEmpty() || !p.statusNoteEn().isEmpty()) {
      top.put("status-note", texts(p.statusNoteVi(), p.statusNoteEn()));
    }
    if (!p.notices().isEmpty()) {
      List<Object> notices = new ArrayList<>();
      for (PackNotice n : p.notices()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", n.from().toString());
        m.put("vi", n.vi());
        m.put("en", n.en());
        notices.add(m);
      }
      top.put("notices", notices);
    }
    if (!p.parameters().isEmpty()) {
      Map<String, Object> params = new LinkedHashMap<>();
      p.parameters().forEach((k, v) -> params.put(k, plain(v)));
      top.put("parameters", params);
    }
    List<Object> rules = new ArrayList<>();
    for (PolicyRule r : p.rules()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("check", r.check().yamlName());
      m.put(
          "severity",
          r.severity() == Severity.ERROR
              ? "deny"
              : r.severity() == Severity.WARNING ? "warn" : "info");
      if (!r.citation().document().equals(p.document())) {
        m.put("document", r.citation().document());
      }
      m.put("article", r.citation().article());
      m.put("confidence", r.citation().confidence());
      m.put("title", texts(r.titleVi(), r.titleEn()));
      if (r.from().isPresent() || r.until().isPresent()) {
        Map<String, Object> e = new LinkedHashMap<>();
        r.from().ifPresent(d -> e.put("from", d.toString()));
        r.until().ifPresent(d -> e.put("until", d.toString()));
        m.put("effective", e);
      }
      r.supersededBy()
          .ifPresent(
              x -> {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("rule", x.rule());
                sm.put("from", x.from().toString());
                sm.put("basis", x.basis());
                m.put("superseded-by", sm);
              });
      if (!r.rawParameters().isEmpty()) {
        Map<String, Object> params = new LinkedHashMap<>();
        r.rawParameters().forEach((k, v) -> params.put(k, plain(v)));
        m.put("params", params);
      }
      rules.add(m);
    }
    top.put("rules", rules);
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setWidth(120)
            .setSplitLines(false)
            .build();
    return new Dump(settings).dumpToString(top);
  }

  private static Map<String, Object> texts(String vi, String en) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vi", vi);
    m.put("en", en);
    return m;
  }

  private static Object plain(Object v) {
    // A fresh list each time: the dumper would write a shared instance (e.g. two empty lists) as a
    // YAML alias, which the reader refuses.
    return v instanceof LocalDate d
        ? d.toString()
        : v instanceof List<?> l ? new ArrayList<>(l) : v;
  }
}
