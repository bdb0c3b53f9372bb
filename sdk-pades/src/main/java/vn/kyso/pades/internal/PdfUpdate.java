package vn.kyso.pades.internal;

import java.awt.geom.AffineTransform;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.Executor;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.util.Hex;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.shared.OutputFiles;

/**
 * One incremental update that adds a signature dictionary with a placeholder, written after a copy
 * of the input (or only digested, for a prepared signature); {@link #contentDigest()} hashes the
 * byte ranges and {@link #embed} writes the CMS container into the placeholder. Deterministic: the
 * same input, parameters and signing time give the same bytes (the document ID is derived from the
 * signing time), which is what lets {@code PdfSigner.complete} rebuild the prepared revision in
 * another JVM.
 */
public final class PdfUpdate implements Closeable {
  /** Vietnamese documents show their time in +07:00. */
  public static final TimeZone VIETNAM = TimeZone.getTimeZone("Asia/Ho_Chi_Minh");

  private final PDDocument document;
  private final SignatureOptions signatureOptions;
  private final ExternalSigningSupport external;
  private final int reserved;
  private final int[] byteRange;
  private final RevisionSink sink;

  /**
   * The copy being signed, whose limit scan took the SHA-256 states; null when nothing is written.
   */
  private final SignedBytes copy;

  /** What PDFBox reads the document from. */
  private final FileRead source;

  /** The copy the revision is written after; null when nothing is written. */
  private final FileChannel out;

  private byte[] increment;

  /** The parameters of the update. */
  public record Parameters(
      String fieldName,
      int page,
      float[] rectangle,
      String reason,
      String location,
      String contactInfo,
      String signerName,
      Integer docMdp,
      int reservedBytes,
      Instant signingTime,
      String password,
      byte[] appearance,
      VisibleAppearance visible,
      ResourceLimits limits) {}

  private PdfUpdate(
      PDDocument document,
      SignatureOptions options,
      ExternalSigningSupport external,
      int reserved,
      int[] byteRange,
      RevisionSink sink,
      SignedBytes copy,
      FileRead source,
      FileChannel out) {
    this.source = source;
    this.out = out;
    this.byteRange = byteRange;
    this.sink = sink;
    this.document = document;
    this.signatureOptions = options;
    this.external = external;
    this.reserved = reserved;
    this.copy = copy;
  }

  /**
   * Opens the input and prepares the update in memory, writing nothing: what {@code
   * PdfSigner.prepare} needs, the digest of the revision.
   *
   * @param input the PDF
   * @param p the parameters
   * @return the update, to digest with {@link #contentDigest} and close
   * @throws DocumentException when the input is not a usable PDF or the field rules forbid signing
   */
  public static PdfUpdate open(Path input, Parameters p) throws DocumentException {
    SignedBytes raw;
    try {
      raw = new SignedBytes(input);
    } catch (IOException e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "not a readable PDF: " + e.getMessage());
    }
    return open(input, p, null, raw, null);
  }

  /**
   * Copies the input into {@code copy} and builds the update on that copy, which then becomes the
   * signed document: {@link #embed} writes the new revision after the copied bytes. The kernel
   * makes the copy ({@link FileChannel#transferTo}); this thread then reads the copy once to check
   * it against the limits, handing its blocks to {@link PrefixDigests}, whose SHA-256 state the
   * revision's digest continues from; PDFBox reads the copy as the document. Everything is read
   * from the copy, never from the input again, so a change to the input after it was copied cannot
   * reach the signature. With {@code forceEarly}, a copy of {@value #FORCE_EARLY_FROM} bytes or
   * more starts going to disk on a background thread at once ({@link OutputFiles#startForcing}),
   * while it is checked, loaded and signed.
   *
   * @param input the PDF; only read
   * @param p the parameters
   * @param copy an empty file the document is copied into
   * @param out the copy, open for writing
   * @param output the file the copy becomes, named in errors
   * @param digests where a large file's SHA-256 states are taken ({@link
   *     SignedBytes#checkedRevisionEnds})
   * @param forceEarly whether the copy is the output (forced before it is moved into place)
   * @return the update, to finish with {@link #embed} or abandon with {@link #close}
   * @throws DocumentException when the input is not a usable PDF, the field rules forbid signing,
   *     the input cannot be read ({@code IO_ERROR}) or the copy cannot be written ({@code
   *     OUTPUT_FAILED})
   */
  public static PdfUpdate openCopy(
      Path input,
      Parameters p,
      Path copy,
      FileChannel out,
      Path output,
      Executor digests,
      boolean forceEarly)
      throws DocumentException {
    long size;
    try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ)) {
      size = in.size();
      if (size > p.limits().maxPdfBytes()) {
        throw new DocumentException(
            ErrorCode.INPUT_TOO_LARGE, null, input, p.limits().maxPdfBytes());
      }
      copy(in, size, out, output);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, input);
    }
    if (forceEarly && size >= FORCE_EARLY_FROM) {
      OutputFiles.startForcing(copy);
    }
    SignedBytes raw;
    try {
      raw = new SignedBytes(copy);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    }
    return open(copy, p, out, raw, digests);
  }

  /**
   * From this size on a signed copy is forced to disk in the background while it is signed: the
   * forced write of a 10 MB file takes about 6 ms here, most of it the disk's. A small file's force
   * is mostly the journal's commit, which a second force would only repeat.
   */
  static final long FORCE_EARLY_FROM = 1024 * 1024;

  /** Copies the first {@code size} bytes of {@code in} to {@code out} in the kernel. */
  private static void copy(FileChannel in, long size, FileChannel out, Path output)
      throws DocumentException, IOException {
    long done = 0;
    while (done < size) {
      long n;
      try {
        n = in.transferTo(done, size - done, out);
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
      }
      if (n <= 0) {
        throw new IOException(
            "it became shorter while it was copied (" + done + " of " + size + " bytes)");
      }
      done += n;
    }
  }

  /** Checks and loads {@code input} through {@code raw}, which this call closes or hands on. */
  private static PdfUpdate open(
      Path input, Parameters p, FileChannel out, SignedBytes raw, Executor digests)
      throws DocumentException {
    long inputLength;
    List<Long> ends;
    try {
      inputLength = raw.size();
      // PDFBox inflates object and cross-reference streams whole while it parses: refuse bombs
      // first.
      ends = raw.checkedRevisionEnds(p.limits(), digests);
      Soundness.requireIntactEnd(raw, ends);
    } catch (IOException e) {
      PdfLoad.closeQuietly(raw);
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "not a readable PDF: " + e.getMessage());
    } catch (DocumentException | RuntimeException e) {
      PdfLoad.closeQuietly(raw);
      throw e;
    }
    if (out == null) {
      // nothing is written: the revision's digest is taken from what PDFBox copies
      PdfLoad.closeQuietly(raw);
      raw = null;
    }
    try {
      return open(input, p, out, raw, inputLength);
    } catch (DocumentException | RuntimeException e) {
      PdfLoad.closeQuietly(raw);
      throw e;
    }
  }

  private static PdfUpdate open(
      Path input, Parameters p, FileChannel out, SignedBytes raw, long inputLength)
      throws DocumentException {
    Soundness.requireStrictlyReadable(input, p.password());
    FileRead source;
    try {
      source = new FileRead(input);
    } catch (IOException e) {
      throw PdfLoad.unreadable(e);
    }
    PDDocument doc = PdfLoad.open(source, p.password());
    try {
      Soundness.requirePageTree(doc);
    } catch (DocumentException e) {
      try {
        doc.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    SignatureOptions so = new SignatureOptions();
    try {
      // Signing changes an encrypted document: only its owner may (sign with the owner password).
      if (doc.isEncrypted()
          && (p.password() == null || !doc.getCurrentAccessPermission().isOwnerPermission())) {
        throw new DocumentException(ErrorCode.DOCUMENT_ENCRYPTED, null);
      }
      if (doc.isEncrypted()) {
        doc.getEncryption().getSecurityHandler().setCustomSecureRandom(ivSource(doc, p));
      }
      Integer existingP = docMdpOf(doc);
      if (existingP != null && existingP == 1) {
        throw new DocumentException(ErrorCode.DOCUMENT_CERTIFIED_NO_CHANGES, null);
      }
      if (p.docMdp() != null && !doc.getSignatureDictionaries().isEmpty()) {
        throw new IllegalArgumentException(
            "a certification signature must be the first signature of a document");
      }
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
      if (p.signerName() != null) {
        sig.setName(p.signerName());
      }
      if (p.reason() != null) {
        sig.setReason(p.reason());
      }
      if (p.location() != null) {
        sig.setLocation(p.location());
      }
      if (p.contactInfo() != null) {
        sig.setContactInfo(p.contactInfo());
      }
      Calendar when = Calendar.getInstance(VIETNAM, Locale.ROOT);
      when.setTimeInMillis(p.signingTime().toEpochMilli() / 1000 * 1000);
      sig.setSignDate(when);
      VisibleAppearance.Target target = p.visible() == null ? null : p.visible().target(doc);
      String fieldName =
          target != null && target.fieldName() != null ? target.fieldName() : p.fieldName();
      PDSignatureField existing = fieldName == null ? null : findField(doc, fieldName);
      if (target != null && target.fieldName() != null && existing == null) {
        throw new DocumentException(ErrorCode.SIGNATURE_FIELD_NOT_FOUND, null, fieldName);
      }
      if (existing != null) {
        if (existing.getCOSObject().getDictionaryObject(COSName.V) != null) {
          throw new DocumentException(ErrorCode.SIGNATURE_FIELD_SIGNED, null, fieldName);
        }
        // PDFBox signs a field whose /V is the new signature dictionary.
        existing.getCOSObject().setItem(COSName.V, sig);
      }
      if (p.docMdp() != null) {
        setDocMdp(doc, sig, p.docMdp());
      }
      so.setPreferredSignatureSize(p.reservedBytes());
      so.setPage(target != null && target.fieldName() == null ? target.page() : p.page());
      // PDFBox empties an existing field's rectangle when it signs without its own visual template.
      PDRectangle fieldRect =
          existing != null && target != null && !existing.getWidgets().isEmpty()
              ? existing.getWidgets().get(0).getRectangle()
              : null;
      doc.addSignature(sig, so);
      if (fieldRect != null) {
        if (fieldRect.getWidth() < 1 || fieldRect.getHeight() < 1) {
          throw new DocumentException(
              ErrorCode.APPEARANCE_INVALID,
              null,
              "the signature field " + fieldName + " has no area to show the signature in");
        }
        PDAnnotationWidget w = existing.getWidgets().get(0);
        w.setRectangle(fieldRect);
        drawVisible(doc, w, p.visible(), fieldRect, p.signingTime(), rotationOf(doc, w));
      }
      if (existing == null) {
        PDSignatureField created = fieldOf(doc, sig);
        if (p.fieldName() != null && created != null) {
          created.setPartialName(p.fieldName());
        }
        if (target != null && created != null && !created.getWidgets().isEmpty()) {
          PDAnnotationWidget w = created.getWidgets().get(0);
          w.setRectangle(target.rectangle());
          w.setPage(doc.getPage(target.page()));
          drawVisible(
              doc,
              w,
              p.visible(),
              target.rectangle(),
              p.signingTime(),
              doc.getPage(target.page()).getRotation());
        } else if (p.rectangle() != null && created != null && !created.getWidgets().isEmpty()) {
          float[] r = p.rectangle();
          created.getWidgets().get(0).setRectangle(new PDRectangle(r[0], r[1], r[2], r[3]));
          if (p.appearance() != null) {
            Appearances.apply(doc, created.getWidgets().get(0), p.appearance(), r[2], r[3]);
          }
        }
        if (created != null && !created.getWidgets().isEmpty()) {
          // PDF/A: annotations must print; the widget is locked against moving.
          created.getWidgets().get(0).setPrinted(true);
          created.getWidgets().get(0).setLocked(true);
        }
      }
      doc.setDocumentId(p.signingTime().toEpochMilli());
      RevisionSink sink = new RevisionSink(inputLength);
      ExternalSigningSupport ext = doc.saveIncrementalForExternalSigning(sink);
      int[] br = sig.getByteRange();
      if (br == null || br.length != 4 || br[0] != 0 || br[1] < inputLength || br[2] <= br[1]) {
        throw new IllegalStateException(
            "PDFBox wrote an unexpected byte range " + Arrays.toString(br));
      }
      return new PdfUpdate(
          doc, so, ext, placeholderBytes(sig, p.reservedBytes()), br, sink, raw, source, out);
    } catch (DocumentException | IllegalArgumentException e) {
      closeQuietly(doc, so);
      throw e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(doc, so);
      PdfLoad.requireWithinCeiling();
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot add a signature: " + e.getMessage());
    }
  }

  /** The rotation of the page a widget sits on (its /P, else the page that lists it). */
  private static int rotationOf(PDDocument doc, PDAnnotationWidget widget) throws IOException {
    if (widget.getPage() != null) {
      return widget.getPage().getRotation();
    }
    for (PDPage page : doc.getPages()) {
      for (var a : page.getAnnotations()) {
        if (a.getCOSObject() == widget.getCOSObject()) {
          return page.getRotation();
        }
      }
    }
    return 0;
  }

  /**
   * Draws the appearance upright for the reader: on a page turned by {@code /Rotate}, the form is
   * drawn in the reader's orientation (its box the rectangle as the reader sees it) and turned back
   * by its {@code /Matrix}, so that the page's rotation sets it straight.
   */
  private static void drawVisible(
      PDDocument doc,
      PDAnnotationWidget widget,
      VisibleAppearance visible,
      PDRectangle rect,
      Instant signingTime,
      int pageRotation)
      throws IOException {
    int rotation = Math.floorMod(pageRotation, 360);
    boolean quarter = rotation == 90 || rotation == 270;
    float w = quarter ? rect.getHeight() : rect.getWidth();
    float h = quarter ? rect.getWidth() : rect.getHeight();
    PDAppearanceStream stream = new PDAppearanceStream(doc);
    stream.setBBox(new PDRectangle(w, h));
    switch (rotation) {
      case 90 -> stream.setMatrix(new AffineTransform(0, 1, -1, 0, h, 0));
      case 180 -> stream.setMatrix(new AffineTransform(-1, 0, 0, -1, w, h));
      case 270 -> stream.setMatrix(new AffineTransform(0, -1, 1, 0, 0, w));
      default -> {
        // upright already
      }
    }
    stream.setResources(new PDResources());
    visible.draw(doc, stream, w, h, signingTime);
    PDAppearanceDictionary ap = new PDAppearanceDictionary();
    ap.setNormalAppearance(stream);
    widget.setAppearance(ap);
  }

  /**
   * Hashes the byte ranges of the prepared revision.
   *
   * @param digest the algorithm
   * @return the digest
   * @throws DocumentException when the prepared bytes cannot be read
   */
  public byte[] contentDigest(DigestAlgorithm digest) throws DocumentException {
    if (increment != null) {
      throw new IllegalStateException("the revision is digested once");
    }
    // PDFBox writes the revision when it is given a signature: given zeros, it streams the original
    // through the sink, then the new part, which the sink keeps until the real container is known.
    // The original's digest comes from the copy's limit scan when it took one (SHA-256), otherwise
    // the sink hashes the original as it passes; it is never written again (the copy holds it).
    MessageDigest md;
    try {
      md = copy == null ? null : copy.prefixDigest(digest, sink.originalLength);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, "PDF");
    }
    sink.digest = md == null ? digest.newMessageDigest() : null;
    sink.asked = true;
    try {
      if (md != null) {
        // The sink discards the original PDFBox copies first: it is not read at all.
        source.beginUnreadCopy();
      }
      external.setSignature(new byte[reserved]);
      sink.requireOriginal();
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, "PDF", e.getMessage());
    } finally {
      source.endUnreadCopy();
    }
    if (md == null) {
      md = sink.digest;
    }
    increment = sink.increment.toByteArray();
    int gapStart = byteRange[1] - (int) sink.originalLength;
    int gapEnd = byteRange[2] - (int) sink.originalLength;
    if (gapEnd > increment.length
        || increment[gapStart] != '<'
        || increment[gapEnd - 1] != '>'
        || gapEnd - gapStart != 2 * reserved + 2) {
      throw new IllegalStateException(
          "PDFBox wrote the signature placeholder where the byte range does not say");
    }
    md.update(increment, 0, gapStart);
    md.update(increment, gapEnd, increment.length - gapEnd);
    return md.digest();
  }

  /** Streams the byte ranges of an external-signing update through a digest. */
  static byte[] digestOf(ExternalSigningSupport external, DigestAlgorithm digest, String what)
      throws DocumentException {
    MessageDigest md = digest.newMessageDigest();
    try (InputStream in = external.getContent()) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, what);
    }
    return md.digest();
  }

  /**
   * The bytes the written /Contents placeholder holds. An encrypted document's placeholder is
   * written encrypted, so with AES it is longer than the size asked for (initialisation vector and
   * padding); the whole of it must be overwritten, or cipher text would follow the container.
   *
   * @param sig the signature dictionary after the incremental save, whose /ByteRange is final
   * @param requested the size asked for
   * @return the size of the gap between the byte ranges, without the angle brackets, in bytes
   */
  static int placeholderBytes(PDSignature sig, int requested) {
    int[] br = sig.getByteRange();
    if (br == null || br.length != 4) {
      return requested;
    }
    int gap = (br[2] - br[1] - 2) / 2;
    return gap >= requested ? gap : requested;
  }

  /**
   * The random source of the AES initialisation vectors of the update's encrypted objects.
   * Two-phase signing writes the update twice (prepare, then complete, perhaps in another JVM) and
   * both must give the same bytes, so the vectors come from a generator seeded with what both
   * phases share, including the owner password, which keeps them unpredictable to anyone without
   * it.
   */
  private static SecureRandom ivSource(PDDocument doc, Parameters p) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update("kyso-pdf-iv-v1".getBytes(StandardCharsets.US_ASCII));
      for (String s :
          new String[] {
            p.password(), p.fieldName(), p.signerName(), String.valueOf(p.signingTime())
          }) {
        byte[] b = String.valueOf(s).getBytes(StandardCharsets.UTF_8);
        md.update(ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
      }
      COSArray id = doc.getDocument().getDocumentID();
      if (id != null && id.size() > 0 && id.getObject(0) instanceof COSString first) {
        md.update(first.getBytes());
      }
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG", "SUN");
      random.setSeed(md.digest()); // seeded before first use: deterministic
      return random;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "SHA-256 and SHA1PRNG are required by every Java platform", e);
    }
  }

  /**
   * Writes the CMS container into the placeholder and completes the output.
   *
   * @param cms the DER container
   * @throws DocumentException {@code SIGNATURE_TOO_LARGE} or {@code OUTPUT_FAILED}
   */
  public void embed(byte[] cms) throws DocumentException {
    if (cms.length > reserved) {
      throw new DocumentException(ErrorCode.SIGNATURE_TOO_LARGE, null, cms.length, reserved);
    }
    if (increment == null) {
      throw new IllegalStateException("contentDigest comes before embed");
    }
    // The whole placeholder is overwritten: PDFBox writes it encrypted in an encrypted document,
    // and cipher text must not follow the container (see placeholderBytes).
    byte[] hex = Hex.getBytes(Arrays.copyOf(cms, reserved));
    System.arraycopy(hex, 0, increment, byteRange[1] - (int) sink.originalLength + 1, hex.length);
    if (out == null) {
      throw new IllegalStateException("this update writes nothing");
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(increment);
      long at = sink.originalLength;
      while (b.hasRemaining()) {
        at += out.write(b, at);
      }
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, "PDF", e.getMessage());
    }
  }

  /**
   * Where PDFBox writes the revision: the original bytes (the first {@code originalLength}) pass
   * through the digest when there is one, and are not written (the copy already holds them); the
   * new part is kept in memory, because its placeholder is filled only once the container is known.
   */
  private static final class RevisionSink extends OutputStream {
    final long originalLength;
    final ByteArrayOutputStream increment = new ByteArrayOutputStream(16 * 1024);
    MessageDigest digest;
    boolean asked;
    private long written;

    RevisionSink(long originalLength) {
      this.originalLength = originalLength;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!asked) {
        throw new IOException("PDFBox wrote the revision before it was asked to");
      }
      int original = (int) Math.max(0, Math.min(len, originalLength - written));
      if (original > 0 && digest != null) {
        digest.update(b, off, original);
      }
      increment.write(b, off + original, len - original);
      written += len;
    }

    void requireOriginal() throws IOException {
      if (written < originalLength) {
        throw new IOException(
            "PDFBox wrote " + written + " of the original's " + originalLength + " bytes");
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(document, signatureOptions);
    PdfLoad.closeQuietly(copy);
  }

  static void closeQuietly(PDDocument doc, SignatureOptions so) {
    try {
      so.close();
    } catch (IOException e) {
      // nothing held
    }
    try {
      doc.close();
    } catch (IOException e) {
      // the input is read-only; nothing to lose
    }
  }

  private static PDSignatureField findField(PDDocument doc, String name) throws DocumentException {
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    if (form == null) {
      return null;
    }
    PDField f = form.getField(name);
    if (f == null) {
      return null;
    }
    if (!(f instanceof PDSignatureField s)) {
      throw new DocumentException(ErrorCode.SIGNATURE_FIELD_NOT_FOUND, null, name);
    }
    return s;
  }

  private static PDSignatureField fieldOf(PDDocument doc, PDSignature sig) {
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    if (form == null) {
      return null;
    }
    for (PDField f : form.getFieldTree()) {
      if (f instanceof PDSignatureField s
          && s.getCOSObject().getDictionaryObject(COSName.V) == sig.getCOSObject()) {
        return s;
      }
    }
    return null;
  }

  /** The DocMDP permission of the document's certification signature, if any. */
  public static Integer docMdpOf(PDDocument doc) {
    COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
    if (perms == null) {
      return null;
    }
    COSDictionary sig = perms.getCOSDictionary(COSName.DOCMDP);
    if (sig == null) {
      return null;
    }
    COSArray refs = sig.getCOSArray(COSName.REFERENCE);
    if (refs == null) {
      return null;
    }
    for (COSBase r : refs) {
      COSBase o = r instanceof COSObject obj ? obj.getObject() : r;
      if (o instanceof COSDictionary ref
          && COSName.DOCMDP.equals(ref.getCOSName(COSName.TRANSFORM_METHOD))) {
        COSDictionary params = ref.getCOSDictionary(COSName.TRANSFORM_PARAMS);
        return params == null ? 2 : params.getInt(COSName.P, 2);
      }
    }
    return null;
  }

  /** ISO 32000-1, 12.8.2.2: /Reference with a DocMDP transform, and the catalog's /Perms. */
  private static void setDocMdp(PDDocument doc, PDSignature sig, int p) {
    COSDictionary params = new COSDictionary();
    params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
    params.setInt(COSName.P, p);
    params.setName(COSName.V, "1.2");
    params.setDirect(true);
    COSDictionary ref = new COSDictionary();
    ref.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
    ref.setItem(COSName.TRANSFORM_METHOD, COSName.DOCMDP);
    ref.setItem(COSName.DIGEST_METHOD, COSName.getPDFName("SHA256"));
    ref.setItem(COSName.TRANSFORM_PARAMS, params);
    ref.setDirect(true);
    COSArray refs = new COSArray();
    refs.add(ref);
    refs.setDirect(true);
    sig.getCOSObject().setItem(COSName.REFERENCE, refs);
    COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
    COSDictionary perms = catalog.getCOSDictionary(COSName.PERMS);
    if (perms == null) {
      perms = new COSDictionary();
      catalog.setItem(COSName.PERMS, perms);
    }
    perms.setItem(COSName.DOCMDP, sig);
    perms.setNeedToBeUpdated(true);
    catalog.setNeedToBeUpdated(true);
  }
}
