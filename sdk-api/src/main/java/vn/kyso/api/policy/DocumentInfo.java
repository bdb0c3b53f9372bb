package vn.kyso.api.policy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the host system knows about a document: type, classification, categories, number and symbol,
 * issuing organisation, signing-authority form, copy form and provenance. The policy engine reads
 * it; the signers and verifiers never look inside. Immutable and thread-safe.
 *
 * <pre>{@code
 * DocumentInfo letter = DocumentInfo.builder("Công văn")
 *     .numberSymbol("123/UBND-VP")
 *     .issuingOrganisation("Ủy ban nhân dân tỉnh Lào Cai")
 *     .authorityForm(AuthorityForm.TM)
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class DocumentInfo {
  /** Category: documents about payment or settlement (thanh toán, quyết toán). */
  public static final String CATEGORY_PAYMENT_SETTLEMENT = "payment-settlement";

  /** Category: an individual decision (quyết định cá biệt). */
  public static final String CATEGORY_INDIVIDUAL_DECISION = "individual-decision";

  /** Category: a land-use or house/real-estate ownership certificate. */
  public static final String CATEGORY_LAND_OR_HOUSE_CERTIFICATE = "land-or-house-certificate";

  /** Category: an inheritance document. */
  public static final String CATEGORY_INHERITANCE = "inheritance";

  /** Category: a marriage registration certificate. */
  public static final String CATEGORY_MARRIAGE_CERTIFICATE = "marriage-certificate";

  /** Category: a divorce decision. */
  public static final String CATEGORY_DIVORCE_DECISION = "divorce-decision";

  /** Category: a birth or death certificate. */
  public static final String CATEGORY_BIRTH_OR_DEATH_CERTIFICATE = "birth-or-death-certificate";

  /** Category: a bill of exchange or another valuable paper. */
  public static final String CATEGORY_VALUABLE_PAPER = "valuable-paper";

  /**
   * A notice of the leaders' directions (thông báo ý kiến chỉ đạo của UBND tỉnh, Chủ tịch UBND
   * tỉnh), which the UBND Office issues and its Chief or Deputy Chiefs sign (QĐ 284/2018 Kon Tum
   * Art 2, 9(2)).
   *
   * @since 0.1
   */
  public static final String CATEGORY_LEADER_DIRECTION_NOTICE = "leader-direction-notice";

  private final String type;
  private final Classification classification;
  private final Set<String> categories;
  private final String numberSymbol;
  private final LocalDate issueDate;
  private final String issuingOrganisation;
  private final AuthorityForm authorityForm;
  private final String titleLine;
  private final String signerName;
  private final CopyForm copyForm;
  private final Medium copySource;
  private final CopyForm copySourceForm;
  private final String copyingOrganisation;
  private final String copyAuthorisedBy;
  private final boolean digitisedFromPaper;
  private final boolean paperSignedAndSealed;
  private final String digitisedBy;
  private final boolean conversionMark;
  private final String attachmentTo;

  private DocumentInfo(Builder b) {
    this.type = b.type;
    this.classification = b.classification;
    this.categories = Set.copyOf(b.categories);
    this.numberSymbol = b.numberSymbol;
    this.issueDate = b.issueDate;
    this.issuingOrganisation = b.issuingOrganisation;
    this.authorityForm = b.authorityForm;
    this.titleLine = b.titleLine;
    this.signerName = b.signerName;
    this.copyForm = b.copyForm;
    this.copySource = b.copySource;
    this.copySourceForm = b.copySourceForm;
    this.copyingOrganisation = b.copyingOrganisation;
    this.copyAuthorisedBy = b.copyAuthorisedBy;
    this.digitisedFromPaper = b.digitisedFromPaper;
    this.paperSignedAndSealed = b.paperSignedAndSealed;
    this.digitisedBy = b.digitisedBy;
    this.conversionMark = b.conversionMark;
    this.attachmentTo = b.attachmentTo;
  }

  /**
   * Returns a builder.
   *
   * @param type the document type (loại văn bản) as the host names it, e.g. {@code Công văn},
   *     {@code Quyết định}, {@code Giấy mời}; compared ignoring case and diacritics
   * @return the builder
   */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /**
   * Returns the description of a document the host knows nothing about (no type, not classified).
   *
   * @return the description
   */
  public static DocumentInfo unknown() {
    return builder("").build();
  }

  /**
   * @return the document type, empty when unknown
   */
  public String type() {
    return type;
  }

  /**
   * @return the classification
   */
  public Classification classification() {
    return classification;
  }

  /**
   * @return the category tags, e.g. {@link #CATEGORY_PAYMENT_SETTLEMENT}
   */
  public Set<String> categories() {
    return categories;
  }

  /**
   * @return the number and symbol (số, ký hiệu), e.g. {@code 123/UBND-VP}
   */
  public Optional<String> numberSymbol() {
    return Optional.ofNullable(numberSymbol);
  }

  /**
   * @return the issue date
   */
  public Optional<LocalDate> issueDate() {
    return Optional.ofNullable(issueDate);
  }

  /**
   * @return the issuing organisation
   */
  public Optional<String> issuingOrganisation() {
    return Optional.ofNullable(issuingOrganisation);
  }

  /**
   * @return the signing-authority form
   */
  public AuthorityForm authorityForm() {
    return authorityForm;
  }

  /**
   * @return the signer's title line as written on the document, e.g. {@code PHÓ CHỦ TỊCH}
   */
  public Optional<String> titleLine() {
    return Optional.ofNullable(titleLine);
  }

  /**
   * @return the signer's name as written on the document
   */
  public Optional<String> signerName() {
    return Optional.ofNullable(signerName);
  }

  /**
   * @return the copy form when the document is a copy
   */
  public Optional<CopyForm> copyForm() {
    return Optional.ofNullable(copyForm);
  }

  /**
   * @return whether the document is a copy (bản sao)
   */
  public boolean isCopy() {
    return copyForm != null;
  }

  /**
   * @return the medium the copy was made from
   */
  public Optional<Medium> copySource() {
    return Optional.ofNullable(copySource);
  }

  /**
   * @return the form of the document the copy was made from, when it was itself a copy
   */
  public Optional<CopyForm> copySourceForm() {
    return Optional.ofNullable(copySourceForm);
  }

  /**
   * @return the organisation that made the copy
   */
  public Optional<String> copyingOrganisation() {
    return Optional.ofNullable(copyingOrganisation);
  }

  /**
   * @return who authorised the copy (Nghị định 30/2020 Art 27)
   */
  public Optional<String> copyAuthorisedBy() {
    return Optional.ofNullable(copyAuthorisedBy);
  }

  /**
   * @return whether the document was digitised from paper
   */
  public boolean isDigitisedFromPaper() {
    return digitisedFromPaper;
  }

  /**
   * @return whether the paper it was digitised from was signed and sealed
   */
  public boolean isPaperSignedAndSealed() {
    return paperSignedAndSealed;
  }

  /**
   * @return the organisation that digitised it
   */
  public Optional<String> digitisedBy() {
    return Optional.ofNullable(digitisedBy);
  }

  /**
   * @return whether the digitised file carries a conversion mark with the converter's details
   */
  public boolean hasConversionMark() {
    return conversionMark;
  }

  /**
   * @return for an attachment in a separate file, the number and symbol of the main document
   */
  public Optional<String> attachmentTo() {
    return Optional.ofNullable(attachmentTo);
  }

  @Override
  public String toString() {
    return "DocumentInfo["
        + type
        + ", "
        + classification
        + (numberSymbol == null ? "" : ", " + numberSymbol)
        + "]";
  }

  /** Builds a {@link DocumentInfo}. Not thread-safe. */
  public static final class Builder {
    private final String type;
    private Classification classification = Classification.NONE;
    private final Set<String> categories = new TreeSet<>();
    private String numberSymbol;
    private LocalDate issueDate;
    private String issuingOrganisation;
    private AuthorityForm authorityForm = AuthorityForm.NONE;
    private String titleLine;
    private String signerName;
    private CopyForm copyForm;
    private Medium copySource;
    private CopyForm copySourceForm;
    private String copyingOrganisation;
    private String copyAuthorisedBy;
    private boolean digitisedFromPaper;
    private boolean paperSignedAndSealed;
    private String digitisedBy;
    private boolean conversionMark;
    private String attachmentTo;

    private Builder(String type) {
      this.type = Objects.requireNonNull(type, "type").strip();
    }

    /**
     * Sets the classification.
     *
     * @param value the classification
     * @return this builder
     */
    public Builder classification(Classification value) {
      this.classification = Objects.requireNonNull(value, "classification");
      return this;
    }

    /**
     * Adds a category tag.
     *
     * @param value the tag, e.g. {@link #CATEGORY_INDIVIDUAL_DECISION}
     * @return this builder
     */
    public Builder category(String value) {
      categories.add(Objects.requireNonNull(value, "category").strip());
      return this;
    }

    /**
     * Sets the number and symbol.
     *
     * @param value e.g. {@code 123/UBND-VP}
     * @return this builder
     */
    public Builder numberSymbol(String value) {
      this.numberSymbol = Objects.requireNonNull(value, "numberSymbol").strip();
      return this;
    }

    /**
     * Sets the issue date.
     *
     * @param value the date
     * @return this builder
     */
    public Builder issueDate(LocalDate value) {
      this.issueDate = Objects.requireNonNull(value, "issueDate");
      return this;
    }

    /**
     * Sets the issuing organisation.
     *
     * @param value its name
     * @return this builder
     */
    public Builder issuingOrganisation(String value) {
      this.issuingOrganisation = Objects.requireNonNull(value, "issuingOrganisation");
      return this;
    }

    /**
     * Sets the signing-authority form.
     *
     * @param value the form
     * @return this builder
     */
    public Builder authorityForm(AuthorityForm value) {
      this.authorityForm = Objects.requireNonNull(value, "authorityForm");
      return this;
    }

    /**
     * Sets the title line.
     *
     * @param value e.g. {@code CHỦ TỊCH}
     * @return this builder
     */
    public Builder titleLine(String value) {
      this.titleLine = Objects.requireNonNull(value, "titleLine");
      return this;
    }

    /**
     * Sets the signer's name as written on the document.
     *
     * @param value the name
     * @return this builder
     */
    public Builder signerName(String value) {
      this.signerName = Objects.requireNonNull(value, "signerName");
      return this;
    }

    /**
     * Marks the document as a copy.
     *
     * @param form the copy form
     * @param source the medium of the document copied
     * @param copyingOrganisation the organisation making the copy
     * @return this builder
     */
    public Builder copy(CopyForm form, Medium source, String copyingOrganisation) {
      this.copyForm = Objects.requireNonNull(form, "form");
      this.copySource = Objects.requireNonNull(source, "source");
      this.copyingOrganisation = Objects.requireNonNull(copyingOrganisation, "copyingOrganisation");
      return this;
    }

    /**
     * Sets the form of the document copied, when it was itself a copy (a sao lục is made from a sao
     * y).
     *
     * @param value the form
     * @return this builder
     */
    public Builder copySourceForm(CopyForm value) {
      this.copySourceForm = Objects.requireNonNull(value, "copySourceForm");
      return this;
    }

    /**
     * Records who authorised the copy.
     *
     * @param value the person or decision
     * @return this builder
     */
    public Builder copyAuthorisedBy(String value) {
      this.copyAuthorisedBy = Objects.requireNonNull(value, "copyAuthorisedBy");
      return this;
    }

    /**
     * Marks the document as digitised from paper.
     *
     * @param digitisedBy the organisation that digitised it
     * @param paperSignedAndSealed whether the paper was signed and sealed
     * @param conversionMark whether the file carries a conversion mark with the converter's details
     * @return this builder
     */
    public Builder digitisedFromPaper(
        String digitisedBy, boolean paperSignedAndSealed, boolean conversionMark) {
      this.digitisedFromPaper = true;
      this.digitisedBy = Objects.requireNonNull(digitisedBy, "digitisedBy");
      this.paperSignedAndSealed = paperSignedAndSealed;
      this.conversionMark = conversionMark;
      return this;
    }

    /**
     * Marks the document as an attachment in a separate file.
     *
     * @param mainNumberSymbol the number and symbol of the main document
     * @return this builder
     */
    public Builder attachmentTo(String mainNumberSymbol) {
      this.attachmentTo = Objects.requireNonNull(mainNumberSymbol, "mainNumberSymbol");
      return this;
    }

    /**
     * @return the description
     */
    public DocumentInfo build() {
      if (copySourceForm != null && copyForm == null) {
        throw new IllegalStateException("copySourceForm needs copy(...)");
      }
      return new DocumentInfo(this);
    }
  }
}
