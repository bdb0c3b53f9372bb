/**
 * PAdES (PDF) signing and verification for the Kyso SDK: B-B to B-LTA, visible signatures in the
 * national format, two-phase signing, and verification with revision analysis.
 */
module vn.kyso.pades {
  requires transitive vn.kyso.api;
  requires java.desktop;
  requires org.apache.pdfbox;
  requires org.apache.pdfbox.io;
  requires org.apache.fontbox;
  // PDFBox has no module descriptor and logs through Commons Logging; as an automatic module it
  // reads only the modules that something resolves, so this module resolves it for PDFBox.
  requires org.apache.commons.logging;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires org.bouncycastle.pkix;
  requires org.slf4j;

  exports vn.kyso.pades;

  // Messages (sdk-api) reads this module's message bundle from the package.
  opens vn.kyso.pades to
      vn.kyso.api;
}
