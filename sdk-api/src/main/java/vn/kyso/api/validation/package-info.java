/**
 * The validation report model: ETSI EN 319 102-1 indications and sub-indications, findings with
 * stable codes and texts in Vietnamese and English, and JSON and text rendering.
 *
 * <pre>{@code
 * ValidationReport report = verifier.verify(input);
 * System.out.println(report.toText(Locale.forLanguageTag("vi")));
 * Files.writeString(Path.of("report.json"), report.toJson());
 * }</pre>
 */
package vn.kyso.api.validation;
