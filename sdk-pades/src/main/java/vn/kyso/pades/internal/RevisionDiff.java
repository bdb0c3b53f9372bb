package vn.kyso.pades.internal;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Compares what every object means in a signed revision and in the final document, and sorts each
 * difference into allowed or not (ETSI EN 319 142-1; the incremental-saving and shadow attacks of
 * SECURITY.md). Objects are compared resolved, by object number, so an xref-only update that points
 * a number at an older version, or a redefinition hidden in an object stream, is seen.
 *
 * <p>Allowed after a signature: new signature fields with their widgets and signature dictionaries,
 * a DSS dictionary and what it holds, document time-stamps, and the catalog, AcroForm, page /Annots
 * and signature-field /V entries that adding them needs. Everything else (page content, resources,
 * fonts, images, the page tree, other catalog entries, optional content, read-only or locked form
 * fields, annotations that cover what the signed page painted) is not. Filling a field that is
 * neither read-only nor locked by a FieldMDP {@code /Lock} is allowed unless DocMDP P=1; a new
 * annotation is allowed only without DocMDP or with P=3, and only where the signed page painted
 * nothing.
 */
public final class RevisionDiff {
  private static final int MAX_DEPTH = 64;
  private static final Set<String> CATALOG_ALLOWED = Set.of("DSS", "AcroForm", "Extensions");
  private static final Set<String> ACROFORM_ALLOWED = Set.of("Fields", "SigFlags");
  private static final Set<String> PAGE_ALLOWED = Set.of("Annots");
  private static final Set<String> SIGFIELD_ALLOWED = Set.of("V", "AP");

  /** Filling a field: its value, its widget's appearance and appearance state. */
  private static final Set<String> FILL_ALLOWED = Set.of("V", "AP", "AS");

  private RevisionDiff() {}

  /** One difference between the signed revision and the final document. */
  public record Change(String object, String what, boolean allowed) {}

  /** The outcome: every change found. */
  public record Result(List<Change> changes) {
    /**
     * @return the changes that are not allowed
     */
    public List<Change> disallowed() {
      return changes.stream().filter(c -> !c.allowed()).toList();
    }
  }

  /**
   * Compares two parsed revisions of one file.
   *
   * @param signed the revision a signature covers
   * @param latest the whole document
   * @param docMdp the certification permission in force, or null
   * @return the changes
   */
  public static Result compare(PDDocument signed, PDDocument latest, Integer docMdp) {
    COSDocument oldDoc = signed.getDocument();
    COSDocument newDoc = latest.getDocument();
    Set<COSObjectKey> keys = new HashSet<>(oldDoc.getXrefTable().keySet());
    keys.addAll(newDoc.getXrefTable().keySet());
    Roles roles = new Roles(latest);
    Locks locks = new Locks(signed);
    List<Change> changes = new ArrayList<>();
    COSDictionary oldInfo = signed.getDocument().getTrailer().getCOSDictionary(COSName.INFO);
    for (COSObjectKey key : keys) {
      boolean inOld = oldDoc.getXrefTable().containsKey(key);
      boolean inNew = newDoc.getXrefTable().containsKey(key);
      COSBase a = inOld ? resolve(oldDoc, key) : null;
      COSBase b = inNew ? resolve(newDoc, key) : null;
      if (isContainer(a) || isContainer(b) || same(a, b, 0)) {
        continue;
      }
      String name = key.getNumber() + " " + key.getGeneration() + " R";
      if (a == null) {
        continue; // a new object matters only through the objects that refer to it
      }
      if (b == null) {
        changes.add(new Change(name, "object removed", false));
        continue;
      }
      changes.add(classify(name, key, a, b, roles, oldInfo, docMdp, locks, signed));
    }
    return new Result(changes);
  }

  private static Change classify(
      String name,
      COSObjectKey key,
      COSBase a,
      COSBase b,
      Roles roles,
      COSDictionary oldInfo,
      Integer docMdp,
      Locks locks,
      PDDocument signed) {
    boolean p1 = docMdp != null && docMdp == 1;
    if (a instanceof COSDictionary da
        && b instanceof COSDictionary db
        && !(a instanceof COSStream)
        && !(b instanceof COSStream)) {
      Set<String> diff = differingKeys(da, db);
      COSName type = db.getCOSName(COSName.TYPE);
      if (COSName.CATALOG.equals(type)) {
        boolean ok = CATALOG_ALLOWED.containsAll(diff) && !(p1 && diff.contains("AcroForm"));
        return new Change(name, "catalog entries " + diff, ok);
      }
      if (roles.acroForm.contains(key)) {
        boolean drOnlyAdded =
            !diff.contains("DR")
                || addedOnly(da.getCOSDictionary(COSName.DR), db.getCOSDictionary(COSName.DR));
        diff.remove("DR");
        boolean ok =
            !p1
                && drOnlyAdded
                && ACROFORM_ALLOWED.containsAll(diff)
                && onlySignatureFieldsAdded(
                    da.getCOSArray(COSName.FIELDS), db.getCOSArray(COSName.FIELDS), roles);
        return new Change(name, "AcroForm entries " + diff, ok);
      }
      if (COSName.PAGE.equals(type)) {
        boolean ok =
            !p1
                && PAGE_ALLOWED.containsAll(diff)
                && onlyAllowedAnnotationsAdded(
                    da.getCOSArray(COSName.ANNOTS), db.getCOSArray(COSName.ANNOTS), da, docMdp);
        return new Change(name, "page entries " + diff, ok);
      }
      if (isSignatureField(db)) {
        boolean ok =
            !p1 && SIGFIELD_ALLOWED.containsAll(diff) && da.getDictionaryObject(COSName.V) == null;
        return new Change(name, "signature field entries " + diff, ok);
      }
      if (isFormField(da) || isWidgetOfFormField(da)) {
        COSDictionary field = isFormField(da) ? da : da.getCOSDictionary(COSName.PARENT);
        String fieldName = fullName(field);
        boolean readOnly = (field.getInt(COSName.FF, 0) & 1) != 0;
        boolean locked = locks.locks(fieldName);
        boolean ok = !p1 && FILL_ALLOWED.containsAll(diff) && !readOnly && !locked;
        return new Change(
            name,
            "form field \""
                + fieldName
                + "\" entries "
                + diff
                + (readOnly ? " (read-only)" : "")
                + (locked ? " (locked by a signature)" : ""),
            ok);
      }
      if (roles.formResources.contains(key)) {
        // Default resources for field appearances: entries may be added (a font for a filled
        // field), never replaced; they are not page content.
        boolean onlyAdded = diff.stream().allMatch(k -> da.getItem(COSName.getPDFName(k)) == null);
        return new Change(name, "form default resources " + diff, !p1 && onlyAdded);
      }
      if (roles.info.contains(key) || oldInfo != null && sameKeyOf(oldInfo, key)) {
        return new Change(name, "document information " + diff, true);
      }
      if (COSName.getPDFName("DSS").equals(type) || roles.dss.contains(key)) {
        return new Change(name, "DSS", true);
      }
      return new Change(name, describe(db) + " entries " + diff, false);
    }
    if (a instanceof COSArray aa && b instanceof COSArray ab) {
      if (roles.annotsArrays.contains(key)) {
        COSDictionary oldPage =
            roles.pageOfAnnots.get(key) == null
                ? null
                : pageIn(signed, roles.pageOfAnnots.get(key));
        return new Change(
            name, "page annotations", !p1 && onlyAllowedAnnotationsAdded(aa, ab, oldPage, docMdp));
      }
      if (roles.fieldArrays.contains(key)) {
        return new Change(name, "form fields", !p1 && onlySignatureFieldsAdded(aa, ab, roles));
      }
      if (roles.dss.contains(key)) {
        return new Change(name, "DSS", true);
      }
    }
    if (roles.dss.contains(key)) {
      return new Change(name, "DSS", true);
    }
    return new Change(name, describe(b) + " redefined", false);
  }

  private static boolean addedOnly(COSDictionary before, COSDictionary after) {
    if (before == null || after == null) {
      return after != null;
    }
    for (COSName k : before.keySet()) {
      if (!same(before.getItem(k), after.getItem(k), 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameKeyOf(COSDictionary info, COSObjectKey key) {
    return info.getKey() != null && info.getKey().equals(key);
  }

  private static boolean onlySignatureFieldsAdded(COSArray before, COSArray after, Roles roles) {
    if (after == null) {
      return before == null;
    }
    List<COSBase> added = added(before, after);
    if (added == null) {
      return false;
    }
    for (COSBase f : added) {
      COSBase r = f instanceof COSObject o ? o.getObject() : f;
      if (!(r instanceof COSDictionary d) || !isSignatureField(d)) {
        return false;
      }
    }
    return true;
  }

  /**
   * New signature widgets are allowed; other new annotations only without DocMDP or with P=3, and
   * only when they do not cover anything the signed page painted (SECURITY.md).
   */
  private static boolean onlyAllowedAnnotationsAdded(
      COSArray before, COSArray after, COSDictionary oldPage, Integer docMdp) {
    if (after == null) {
      return before == null;
    }
    List<COSBase> added = added(before, after);
    if (added == null) {
      return false;
    }
    List<Rectangle2D> painted = null;
    for (COSBase w : added) {
      COSBase r = w instanceof COSObject o ? o.getObject() : w;
      if (!(r instanceof COSDictionary d)) {
        return false;
      }
      if (COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE))) {
        COSDictionary field = d.containsKey(COSName.FT) ? d : d.getCOSDictionary(COSName.PARENT);
        // A new signature's widget: always allowed after approval signatures (the organisation's
        // seal overlaps the leader's block); after a certification it must not paint over the
        // certified content (the "sneaky signature" attack).
        if (field != null
            && isSignatureField(field)
            && (docMdp == null
                || !coversContent(
                    d, oldPage, painted = painted != null ? painted : bounds(oldPage)))) {
          continue;
        }
        return false;
      }
      if (docMdp != null && docMdp != 3 || oldPage == null) {
        return false;
      }
      if (coversContent(d, oldPage, painted = painted != null ? painted : bounds(oldPage))) {
        return false;
      }
    }
    return true;
  }

  private static List<Rectangle2D> bounds(COSDictionary page) {
    return page == null ? List.of() : ContentBounds.of(new PDPage(page));
  }

  /**
   * Whether an annotation's rectangle overlaps what the signed page painted (hidden annotations
   * never do).
   */
  private static boolean coversContent(
      COSDictionary annot, COSDictionary page, List<Rectangle2D> painted) {
    int flags = annot.getInt(COSName.F, 0);
    if ((flags & 2) != 0 && (flags & 4) == 0) {
      return false; // hidden and not printed
    }
    COSArray rect = annot.getCOSArray(COSName.RECT);
    if (rect == null || rect.size() != 4) {
      return false;
    }
    float[] v = rect.toFloatArray();
    Rectangle2D r =
        new Rectangle2D.Float(
            Math.min(v[0], v[2]),
            Math.min(v[1], v[3]),
            Math.abs(v[2] - v[0]),
            Math.abs(v[3] - v[1]));
    if (r.getWidth() == 0 || r.getHeight() == 0) {
      return false;
    }
    if (page == null) {
      return true;
    }
    for (Rectangle2D p : painted) {
      if (p.intersects(r)) {
        return true;
      }
    }
    return false;
  }

  private static COSDictionary pageIn(PDDocument doc, COSObjectKey key) {
    COSBase b = resolve(doc.getDocument(), key);
    return b instanceof COSDictionary d ? d : null;
  }

  private static boolean isFormField(COSDictionary d) {
    COSName ft = d.getCOSName(COSName.FT);
    return ft != null && !COSName.SIG.equals(ft);
  }

  private static boolean isWidgetOfFormField(COSDictionary d) {
    COSDictionary parent = d.getCOSDictionary(COSName.PARENT);
    return COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE))
        && parent != null
        && isFormField(parent);
  }

  static String fullName(COSDictionary field) {
    StringBuilder sb = new StringBuilder();
    COSDictionary f = field;
    for (int i = 0; f != null && i < 32; i++) {
      String t = f.getString(COSName.T);
      if (t != null) {
        sb.insert(0, sb.length() == 0 ? t : t + ".");
      }
      f = f.getCOSDictionary(COSName.PARENT);
    }
    return sb.toString();
  }

  /**
   * Elements of {@code after} not in {@code before}, or null when something was removed or moved.
   */
  private static List<COSBase> added(COSArray before, COSArray after) {
    List<COSBase> out = new ArrayList<>();
    int i = 0;
    for (COSBase e : after) {
      if (before != null && i < before.size() && same(before.get(i), e, 0)) {
        i++;
      } else {
        out.add(e);
      }
    }
    return before == null || i == before.size() ? out : null;
  }

  private static boolean isSignatureField(COSDictionary d) {
    return COSName.SIG.equals(d.getCOSName(COSName.FT));
  }

  private static boolean isContainer(COSBase b) {
    if (b instanceof COSStream s) {
      COSName t = s.getCOSName(COSName.TYPE);
      return COSName.OBJ_STM.equals(t) || COSName.XREF.equals(t);
    }
    return false;
  }

  private static COSBase resolve(COSDocument doc, COSObjectKey key) {
    try {
      COSObject o = doc.getObjectFromPool(key);
      COSBase b = o == null ? null : o.getObject();
      return b instanceof COSNull ? null : b;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String describe(COSBase b) {
    if (b instanceof COSDictionary d) {
      COSName t = d.getCOSName(COSName.TYPE);
      COSName s = d.getCOSName(COSName.SUBTYPE);
      String kind = b instanceof COSStream ? "stream" : "dictionary";
      return kind + (t == null ? "" : " /" + t.getName()) + (s == null ? "" : " /" + s.getName());
    }
    return b == null ? "null" : b.getClass().getSimpleName();
  }

  private static Set<String> differingKeys(COSDictionary a, COSDictionary b) {
    Set<String> out = new HashSet<>();
    Set<COSName> names = new HashSet<>(a.keySet());
    names.addAll(b.keySet());
    for (COSName n : names) {
      if (!same(a.getItem(n), b.getItem(n), 0)) {
        out.add(n.getName());
      }
    }
    return out;
  }

  /** Structural equality; references compare by object number, streams also by their raw bytes. */
  static boolean same(COSBase a, COSBase b, int depth) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || depth > MAX_DEPTH) {
      return a == null && b instanceof COSNull || b == null && a instanceof COSNull;
    }
    if (a instanceof COSObject oa && b instanceof COSObject ob) {
      return oa.getKey() != null && oa.getKey().equals(ob.getKey());
    }
    if (a instanceof COSObject || b instanceof COSObject) {
      return false;
    }
    if (a.getClass() != b.getClass()) {
      return false;
    }
    if (a instanceof COSStream sa) {
      COSStream sb = (COSStream) b;
      return sameDict(sa, sb, depth) && streamDigest(sa).equals(streamDigest(sb));
    }
    if (a instanceof COSDictionary da) {
      return sameDict(da, (COSDictionary) b, depth);
    }
    if (a instanceof COSArray aa) {
      COSArray ab = (COSArray) b;
      if (aa.size() != ab.size()) {
        return false;
      }
      for (int i = 0; i < aa.size(); i++) {
        if (!same(aa.get(i), ab.get(i), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof COSString s) {
      return Arrays.equals(s.getBytes(), ((COSString) b).getBytes());
    }
    if (a instanceof COSInteger i) {
      return i.longValue() == ((COSInteger) b).longValue();
    }
    if (a instanceof COSFloat f) {
      return f.floatValue() == ((COSFloat) b).floatValue();
    }
    if (a instanceof COSBoolean bo) {
      return bo.getValue() == ((COSBoolean) b).getValue();
    }
    return a.equals(b);
  }

  private static boolean sameDict(COSDictionary a, COSDictionary b, int depth) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<COSName, COSBase> e : a.entrySet()) {
      if (!b.containsKey(e.getKey()) || !same(e.getValue(), b.getItem(e.getKey()), depth + 1)) {
        return false;
      }
    }
    return true;
  }

  private static String streamDigest(COSStream s) {
    try (InputStream in = s.createRawInputStream()) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return "unreadable:" + System.identityHashCode(s);
    }
  }

  /** The FieldMDP locks of the signatures in a revision (ISO 32000-1, 12.8.2.4, 12.7.4.5). */
  private static final class Locks {
    private final List<COSDictionary> params = new ArrayList<>();

    Locks(PDDocument doc) {
      try {
        for (var sig : doc.getSignatureDictionaries()) {
          COSArray refs = sig.getCOSObject().getCOSArray(COSName.REFERENCE);
          if (refs != null) {
            for (COSBase r : refs) {
              COSBase o = r instanceof COSObject obj ? obj.getObject() : r;
              if (o instanceof COSDictionary ref
                  && COSName.getPDFName("FieldMDP")
                      .equals(ref.getCOSName(COSName.TRANSFORM_METHOD))) {
                COSDictionary p = ref.getCOSDictionary(COSName.TRANSFORM_PARAMS);
                if (p != null) {
                  params.add(p);
                }
              }
            }
          }
        }
        var form = doc.getDocumentCatalog().getAcroForm(null);
        if (form != null) {
          for (var f : form.getFieldTree()) {
            COSDictionary lock = f.getCOSObject().getCOSDictionary(COSName.getPDFName("Lock"));
            if (lock != null && f.getCOSObject().getDictionaryObject(COSName.V) != null) {
              params.add(lock);
            }
          }
        }
      } catch (RuntimeException e) {
        params.add(allLocked());
      }
    }

    private static COSDictionary allLocked() {
      COSDictionary d = new COSDictionary();
      d.setName(COSName.getPDFName("Action"), "All");
      return d;
    }

    boolean locks(String fieldName) {
      for (COSDictionary p : params) {
        String action = p.getNameAsString(COSName.getPDFName("Action"));
        COSArray fields = p.getCOSArray(COSName.FIELDS);
        boolean listed = false;
        if (fields != null) {
          for (COSBase f : fields) {
            if (f instanceof COSString s
                && (fieldName.equals(s.getString()) || fieldName.startsWith(s.getString() + "."))) {
              listed = true;
            }
          }
        }
        if ("All".equals(action)
            || "Include".equals(action) && listed
            || "Exclude".equals(action) && !listed) {
          return true;
        }
      }
      return false;
    }
  }

  /** Which object numbers play which role in the final document. */
  private static final class Roles {
    final Set<COSObjectKey> acroForm = new HashSet<>();
    final Set<COSObjectKey> annotsArrays = new HashSet<>();
    final Set<COSObjectKey> fieldArrays = new HashSet<>();
    final Set<COSObjectKey> dss = new HashSet<>();
    final Set<COSObjectKey> info = new HashSet<>();
    final Map<COSObjectKey, COSObjectKey> pageOfAnnots = new HashMap<>();
    final Set<COSObjectKey> formResources = new HashSet<>();

    Roles(PDDocument doc) {
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      add(acroForm, catalog.getItem(COSName.ACRO_FORM));
      COSDictionary form = catalog.getCOSDictionary(COSName.ACRO_FORM);
      if (form != null) {
        add(fieldArrays, form.getItem(COSName.FIELDS));
        add(formResources, form.getItem(COSName.DR));
        COSDictionary dr = form.getCOSDictionary(COSName.DR);
        if (dr != null) {
          add(formResources, dr.getItem(COSName.FONT));
        }
      }
      COSBase dssRef = catalog.getItem(COSName.getPDFName("DSS"));
      collect(dss, dssRef, 0, new HashMap<>());
      add(info, doc.getDocument().getTrailer().getItem(COSName.INFO));
      try {
        for (var page : doc.getPages()) {
          COSBase annots = page.getCOSObject().getItem(COSName.ANNOTS);
          add(annotsArrays, annots);
          if (annots instanceof COSObject o
              && o.getKey() != null
              && page.getCOSObject().getKey() != null) {
            pageOfAnnots.put(o.getKey(), page.getCOSObject().getKey());
          }
        }
      } catch (RuntimeException e) {
        // a damaged page tree: no roles, so every change there is disallowed
      }
    }

    private static void add(Set<COSObjectKey> set, COSBase ref) {
      if (ref instanceof COSObject o && o.getKey() != null) {
        set.add(o.getKey());
      }
    }

    /** Everything reachable from the DSS belongs to it (certificates, OCSP, CRL streams, VRI). */
    private static void collect(
        Set<COSObjectKey> set, COSBase b, int depth, Map<COSObjectKey, Boolean> seen) {
      if (b == null || depth > 8) {
        return;
      }
      if (b instanceof COSObject o) {
        if (o.getKey() == null || seen.put(o.getKey(), true) != null) {
          return;
        }
        set.add(o.getKey());
        collect(set, o.getObject(), depth + 1, seen);
      } else if (b instanceof COSDictionary d) {
        for (COSBase v : d.getValues()) {
          collect(set, v, depth + 1, seen);
        }
      } else if (b instanceof COSArray a) {
        for (COSBase v : a) {
          collect(set, v, depth + 1, seen);
        }
      }
    }
  }
}
