/**
 * Verification reports rendered from a {@link vn.kyso.api.validation.ValidationReport}: {@link
 * vn.kyso.report.HtmlReport} (one self-contained page), {@link vn.kyso.report.PdfReport} (a
 * printable PDF/A-2b record), {@link vn.kyso.report.EtsiReport} (ETSI TS 119 102-2 XML), {@link
 * vn.kyso.report.PdfPictures} (the signed pages as pictures, bounded in time and size) and {@link
 * vn.kyso.report.Summary} (many files as HTML and CSV).
 */
package vn.kyso.report;
