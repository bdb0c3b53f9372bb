package vn.kyso.report.internal;

import vn.kyso.report.internal.Sheet.Tone;

/** HTML escaping and the one style sheet of Kyso's HTML reports (inline, printable on A4). */
public final class Html {
  private Html() {}

  /** The style sheet: no external font, image or script; A4 pages when printed. */
  public static final String STYLE =
      """
      @page { size: A4; margin: 14mm; }
      * { box-sizing: border-box; }
      html { background: #f3f4f6; }
      body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
        font-size: 10.5pt; line-height: 1.4; color: #1f2328; }
      main { max-width: 182mm; margin: 0 auto; padding: 10mm 8mm; background: #fff; }
      h1 { font-size: 17pt; margin: 0 0 4mm; text-transform: uppercase; text-align: center; }
      h2 { font-size: 13pt; margin: 7mm 0 2mm; break-after: avoid; }
      h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
      table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 2mm; }
      th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm;
        border-bottom: 1px solid #d8dde3; overflow-wrap: anywhere; word-break: break-word; }
      th { width: 34%; font-weight: 600; color: #3b434b; }
      td.value { white-space: pre-line; }
      table.findings td.severity { width: 16%; }
      table.findings td.code { width: 30%; font-family: "DejaVu Sans Mono", monospace;
        font-size: 9pt; }
      table.summary th, table.summary td { width: auto; }
      code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
      .verdict { border: 2px solid; border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 4mm; }
      .verdict strong { font-size: 15pt; display: block; }
      .verdict p { margin: 1mm 0 0; }
      .badge { display: inline-block; padding: 0.4mm 2mm; border-radius: 1.5mm; font-size: 9.5pt;
        border: 1px solid; font-weight: 600; }
      .tone-GOOD { color: #135c28; background: #e6f4ea; border-color: #1e7b34; }
      .tone-WARNING { color: #6b4500; background: #fff4e0; border-color: #b37400; }
      .tone-BAD { color: #8c1d18; background: #fdecea; border-color: #b3261e; }
      .tone-NEUTRAL { color: #1f2328; background: #f6f8fa; border-color: #8c959f; }
      tr.tone-GOOD, tr.tone-WARNING, tr.tone-BAD, tr.tone-NEUTRAL { background: none; }
      section.block { border-top: 2px solid #d8dde3; break-inside: auto; }
      .pictures { display: flex; gap: 3mm; flex-wrap: wrap; margin: 2mm 0; }
      figure { margin: 0; flex: 1 1 80mm; min-width: 0; }
      figure img { display: block; max-width: 100%; height: auto; border: 1px solid #8c959f; }
      figcaption { font-size: 9pt; color: #3b434b; margin-top: 1mm; }
      .policy ul { margin: 1mm 0; padding-left: 5mm; }
      .policy li { margin: 0.8mm 0; overflow-wrap: anywhere; }
      footer { margin-top: 8mm; font-size: 9pt; color: #57606a; border-top: 1px solid #d8dde3;
        padding-top: 2mm; }
      @media print { html { background: #fff; } main { padding: 0; max-width: none; } }
      """;

  /**
   * Escapes text for HTML content and attribute values.
   *
   * @param text the text
   * @return the escaped text
   */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          // Control characters other than newline and tab never reach a page.
          if (c >= 0x20 || c == '\n' || c == '\t') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * @param tone a tone
   * @return its CSS class
   */
  public static String css(Tone tone) {
    return "tone-" + tone.name();
  }
}
