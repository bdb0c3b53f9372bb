/**
 * edXML (QCVN 102:2016/BTTTT), the envelope documents travel in between agencies: {@link
 * vn.kyso.edxml.EdxmlPackage} reads and builds messages, {@link vn.kyso.edxml.EdxmlVerifier}
 * verifies a message with the documents it carries in one report, and {@link
 * vn.kyso.edxml.EdxmlSender} checks the letters and writes an outgoing message, its header signed
 * when the receiver requires it.
 */
package vn.kyso.edxml;
