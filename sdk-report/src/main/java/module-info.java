/**
 * Verification reports for people and for machines: a self-contained HTML page, a printable
 * PDF/A-2b record (biên bản kiểm tra chữ ký số), the ETSI TS 119 102-2 XML validation report,
 * pictures of signed PDF pages, and a summary of many files as HTML and CSV. Rendered from the
 * {@code ValidationReport} of {@code sdk-api}; the core modules do not depend on this one.
 */
module vn.kyso.report {
  requires transitive vn.kyso.api;
  requires transitive java.desktop;
  requires java.xml;
  requires org.apache.pdfbox;
  requires org.apache.pdfbox.io;
  // PDFBox has no module descriptor and logs through Commons Logging; as an automatic module it
  // reads only the modules that something resolves, so this module resolves it for PDFBox.
  requires org.apache.commons.logging;

  exports vn.kyso.report;
}
