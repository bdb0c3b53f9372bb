package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.api.shared.ForwardingKey;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** {@link PdfSigner#signAll}: a batch of documents with one key. */
class PdfSignerBatchTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(7).build();

  private static final PdfSignatureOptions BB = PdfSignatureOptions.builder(PadesLevel.B_B).build();

  private static PdfSigner signer() {
    return PdfSigner.builder().clock(PKI.pki().clock()).build();
  }

  /** A key that counts its signatures and how many run at once, and fails from a given one. */
  private static final class WatchedKey extends ForwardingKey {
    final int failFrom;
    final AtomicInteger signatures = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    WatchedKey(SigningKey key, int failFrom) {
      super(key);
      this.failFrom = failFrom;
    }

    @Override
    public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) throws TokenException {
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(2); // a token's pace: overlapping calls would be seen
        if (signatures.incrementAndGet() > failFrom) {
          throw new TokenException(ErrorCode.TOKEN_REMOVED, null);
        }
        return key.sign(digest, algorithm);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TokenException(ErrorCode.TOKEN_REMOVED, e);
      } finally {
        running.decrementAndGet();
      }
    }
  }

  private static List<PdfSigner.BatchItem> letters(Path dir, int n) throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    List<PdfSigner.BatchItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path in = TestPdfs.letter(dir, "cv-" + i + ".pdf", null);
      items.add(new PdfSigner.BatchItem(in, out.resolve("cv-" + i + "-ky.pdf")));
    }
    return items;
  }

  private static List<String> names(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void everyDocumentIsSigned_aBadOneIsReported_andTheKeySignsOneAtATime(@TempDir Path dir)
      throws Exception {
    List<PdfSigner.BatchItem> items = letters(dir, 9);
    Path fake = dir.resolve("fake.pdf");
    Files.writeString(fake, "%PDF-1.7\nthis is not a pdf");
    Path fakeOut = dir.resolve("out").resolve("fake-ky.pdf");
    items.add(4, new PdfSigner.BatchItem(fake, fakeOut));
    List<byte[]> inputs = new ArrayList<>();
    for (PdfSigner.BatchItem item : items) {
      inputs.add(Files.readAllBytes(item.input()));
    }

    PdfBatchResult result;
    WatchedKey key;
    try (SigningToken token = PKI.pki().credential(TestIdentity.CLERK).signingToken()) {
      key = new WatchedKey(token.keys().get(0), Integer.MAX_VALUE);
      result =
          PdfSigner.builder()
              .clock(PKI.pki().clock())
              .batchWorkers(4)
              .build()
              .signAll(items, BB, key);
    }

    assertThat(result.isComplete()).isFalse();
    assertThat(result.outcomes()).extracting(PdfBatchResult.Outcome::item).isEqualTo(items);
    assertThat(result.failures()).hasSize(1);
    PdfBatchResult.Outcome bad = result.failures().get(0);
    assertThat(bad.item().input()).isEqualTo(fake);
    assertThat(bad.failure().orElseThrow())
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
    assertThat(result.signed()).hasSize(9).doesNotContain(fakeOut);
    assertThat(key.signatures.get()).isEqualTo(9);
    assertThat(key.mostAtOnce.get()).as("signatures at once").isEqualTo(1);
    PdfVerifier verifier = PdfVerifier.builder(PKI.verifier()).build();
    for (Path out : result.signed()) {
      assertThat(verifier.verify(out).overall())
          .as(out.toString())
          .isEqualTo(Indication.TOTAL_PASSED);
      assertThat(TestPdfs.check(out).get(0).coversWholeRevision()).isTrue();
    }
    for (int i = 0; i < items.size(); i++) {
      assertThat(Files.readAllBytes(items.get(i).input())).isEqualTo(inputs.get(i));
    }
    assertThat(names(dir.resolve("out")))
        .as("the signed copies and nothing else")
        .hasSize(9)
        .allMatch(n -> n.matches("cv-\\d-ky\\.pdf"));
  }

  @Test
  void aTokenFailure_stopsTheBatch_andWhatItDidNotReachIsInterrupted(@TempDir Path dir)
      throws Exception {
    List<PdfSigner.BatchItem> items = letters(dir, 12);

    PdfBatchResult result;
    WatchedKey key;
    try (SigningToken token = PKI.pki().credential(TestIdentity.CLERK).signingToken()) {
      key = new WatchedKey(token.keys().get(0), 3);
      result = signer().signAll(items, BB, key);
    }

    assertThat(result.isComplete()).isFalse();
    assertThat(result.signed()).hasSize(3);
    List<ErrorCode> codes =
        result.failures().stream().map(o -> o.failure().orElseThrow().code()).toList();
    assertThat(codes).hasSize(9).containsOnlyOnce(ErrorCode.TOKEN_REMOVED);
    assertThat(codes)
        .filteredOn(c -> c != ErrorCode.TOKEN_REMOVED)
        .containsOnly(ErrorCode.BATCH_INTERRUPTED);
    for (PdfBatchResult.Outcome o : result.failures()) {
      KysoException e = o.failure().orElseThrow();
      if (e.code() == ErrorCode.BATCH_INTERRUPTED) {
        assertThat(e).hasCauseInstanceOf(TokenException.class);
        assertThat(((KysoException) e.getCause()).code()).isEqualTo(ErrorCode.TOKEN_REMOVED);
      }
      assertThat(o.item().output()).doesNotExist();
    }
    assertThat(key.signatures.get()).as("the key is not asked again after it failed").isEqualTo(4);
    PdfVerifier verifier = PdfVerifier.builder(PKI.verifier()).build();
    for (Path out : result.signed()) {
      assertThat(verifier.verify(out).overall()).isEqualTo(Indication.TOTAL_PASSED);
    }
    assertThat(names(dir.resolve("out"))).hasSize(3);
  }

  @Test
  void anOutputNamedTwice_orThatIsAnInput_isRefusedBeforeAnythingIsSigned(@TempDir Path dir)
      throws Exception {
    List<PdfSigner.BatchItem> items = letters(dir, 3);
    List<PdfSigner.BatchItem> twice = new ArrayList<>(items);
    twice.add(new PdfSigner.BatchItem(items.get(0).input(), items.get(1).output()));
    List<PdfSigner.BatchItem> overAnInput = new ArrayList<>(items);
    overAnInput.add(new PdfSigner.BatchItem(items.get(0).input(), items.get(2).input()));
    try (SigningToken token = PKI.pki().credential(TestIdentity.CLERK).signingToken()) {
      for (List<PdfSigner.BatchItem> bad : List.of(twice, overAnInput)) {
        assertThatThrownBy(() -> signer().signAll(bad, BB, token.keys().get(0)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("each output of a batch must be new to it");
      }
    }
    assertThat(names(dir.resolve("out"))).isEmpty();
  }

  @Test
  void anEmptyBatch_isComplete() throws Exception {
    try (SigningToken token = PKI.pki().credential(TestIdentity.CLERK).signingToken()) {
      PdfBatchResult r = signer().signAll(List.of(), BB, token.keys().get(0));
      assertThat(r.isComplete()).isTrue();
      assertThat(r.outcomes()).isEmpty();
    }
  }
}
