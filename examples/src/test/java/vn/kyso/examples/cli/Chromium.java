package vn.kyso.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a report in Debian's headless Chromium and checks its layout through the DOM. The report
 * has no script of its own: the test loads a copy with a checking script appended, which writes its
 * verdict into the page title; Chromium prints the resulting DOM ({@code --dump-dom}).
 */
final class Chromium {
  private Chromium() {}

  /** What the DOM must hold and how it must lie, at the width of an A4 page (794 CSS pixels). */
  private static final String CHECK =
      """
      <script>
      (function () {
        var problems = [];
        var doc = document.documentElement;
        if (doc.scrollWidth > doc.clientWidth + 1) {
          problems.push('page overflows: ' + doc.scrollWidth + ' > ' + doc.clientWidth);
        }
        var main = document.querySelector('main');
        var right = main.getBoundingClientRect().right + 1;
        document.querySelectorAll('main *').forEach(function (e) {
          var r = e.getBoundingClientRect();
          if (r.width > 0 && r.right > right) {
            problems.push(e.tagName + ' sticks out by ' + Math.round(r.right - right) + 'px: '
                + (e.textContent || '').slice(0, 40));
          }
          if (e.tagName === 'TD' && e.scrollWidth > e.clientWidth + 1) {
            problems.push('cell overflows: ' + e.textContent.slice(0, 40));
          }
        });
        var rows = 0;
        if (document.querySelector('main.summary')) {
          rows = document.querySelectorAll('table.summary tr[data-indication]').length;
        } else {
          var verdict = document.querySelector('.verdict');
          if (!verdict || verdict.getBoundingClientRect().top > 200) {
            problems.push('the verdict is not at the top');
          }
          var keys = ['signer', 'organisation', 'issuer', 'validity', 'trustPath', 'revocation',
                      'claimedTime', 'provenTime', 'timestamps', 'integrity', 'covers', 'level'];
          var sections = document.querySelectorAll('section.block');
          if (sections.length === 0) { problems.push('no signature section'); }
          sections.forEach(function (s) {
            if (s.querySelector('[data-key="tsa"]')) { return; }
            keys.forEach(function (k) {
              var row = s.querySelector('tr[data-key="' + k + '"] td');
              if (!row || row.textContent.trim() === '') {
                problems.push('missing ' + k + ' in ' + s.getAttribute('data-signature'));
              }
            });
          });
          document.querySelectorAll('img').forEach(function (i) {
            if (!i.complete || i.naturalWidth === 0) { problems.push('a picture does not load'); }
          });
        }
        document.title = 'KYSO-CHECK:' + (problems.length === 0 ? 'OK rows=' + rows
            : 'FAIL ' + problems.slice(0, 5).join(' | '));
      })();
      </script>
      """;

  private static final Pattern TITLE = Pattern.compile("<title>KYSO-CHECK:([^<]*)</title>");

  /**
   * Checks a report.
   *
   * @param html the report
   * @param work a folder for the copy and Chromium's profile
   * @return {@code OK rows=N} or {@code FAIL ...}
   */
  static String check(Path html, Path work) throws Exception {
    String page = Files.readString(html, StandardCharsets.UTF_8);
    Path copy = work.resolve("checked-" + html.getFileName());
    Files.writeString(copy, page.replace("</body>", CHECK + "</body>"), StandardCharsets.UTF_8);
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    Process p =
        new ProcessBuilder(
                List.of(
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile,
                    "--window-size=794,1123",
                    "--dump-dom",
                    copy.toUri().toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] dom = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "FAIL chromium did not finish";
    }
    Matcher m = TITLE.matcher(new String(dom, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : "FAIL no verdict in the DOM (exit " + p.exitValue() + ")";
  }
}
