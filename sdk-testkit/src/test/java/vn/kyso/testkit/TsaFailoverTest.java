package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.TsaAuthentication;
import vn.kyso.api.trust.TsaClient;

/**
 * Time-stamping that survives a real TSA: failover to the next authority, retries with back-off on
 * time-outs, 5xx and 429 (Retry-After honoured), no retry of an answer refused on its merits, a cap
 * on concurrent requests, a total budget, and authentication, against two loopback TSAs.
 */
class TsaFailoverTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(12).build();

  private static final Digest DIGEST =
      DigestAlgorithm.SHA256.digest("hồ sơ 2026-000123".getBytes(StandardCharsets.UTF_8));

  private TsaServer primary;
  private TsaServer second;

  @BeforeEach
  void servers() {
    primary = new TsaServer();
    primary.pki(PKI.pki());
    second = new TsaServer();
    second.pki(PKI.pki());
  }

  @AfterEach
  void stop() {
    primary.close();
    second.close();
  }

  private TsaClient.Builder both() {
    return TsaClient.builder(primary.uri())
        .fallback(second.uri())
        .verifier(PKI.verifier())
        .timeout(Duration.ofSeconds(2))
        .backoff(Duration.ofMillis(10), Duration.ofMillis(50));
  }

  @Test
  void aTsaThatDropsTheConnection_isRetried_thenTheNextOneAnswers() throws Exception {
    primary.mode(ServerMode.DROP);

    TimestampToken token = both().retries(2).build().timestamp(DIGEST);

    assertThat(token.covers(DIGEST)).isTrue();
    assertThat(token.source()).contains(second.uri());
    assertThat(primary.requestCount()).isEqualTo(3);
    assertThat(second.requestCount()).isEqualTo(1);
  }

  @Test
  void twoServerErrors_thenSuccess_atTheSameTsa() throws Exception {
    primary.failNext(2, ServerMode.SERVER_ERROR);

    TimestampToken token = both().retries(2).build().timestamp(DIGEST);

    assertThat(token.source()).contains(primary.uri());
    assertThat(primary.requestCount()).isEqualTo(3);
    assertThat(second.requestCount()).isZero();
  }

  @Test
  void tooManyRequests_waitsAsRetryAfterSays() throws Exception {
    primary.failNext(1, ServerMode.TOO_MANY_REQUESTS);
    primary.retryAfter(1);

    long start = System.nanoTime();
    TimestampToken token = both().build().timestamp(DIGEST);

    assertThat(token.source()).contains(primary.uri());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
  }

  @Test
  void aRetryAfterLongerThanTheBudget_goesToTheNextTsaAtOnce() throws Exception {
    primary.mode(ServerMode.TOO_MANY_REQUESTS);
    primary.retryAfter(120);

    long start = System.nanoTime();
    TimestampToken token = both().budget(Duration.ofSeconds(10)).build().timestamp(DIGEST);

    assertThat(token.source()).contains(second.uri());
    assertThat(primary.requestCount()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void anAnswerForAnotherRequest_isNotRetried_andTheNextTsaIsAsked() throws Exception {
    primary.mode(ServerMode.OTHER_REQUEST);

    TimestampToken token = both().build().timestamp(DIGEST);

    assertThat(token.source()).contains(second.uri());
    assertThat(primary.requestCount()).as("refused on its merits: not asked again").isEqualTo(1);
  }

  @Test
  void whenEveryTsaFails_theErrorNamesWhatEachDid() {
    primary.mode(ServerMode.SERVER_ERROR);
    second.mode(ServerMode.OTHER_REQUEST);

    assertThatThrownBy(() -> both().retries(1).build().timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_BAD_RESPONSE);
              assertThat(e.getMessage())
                  .contains(primary.uri().toString(), "HTTP 503")
                  .contains(second.uri().toString());
            });
    assertThat(primary.requestCount()).isEqualTo(2);
  }

  @Test
  void theBudgetBoundsTheWholeCall_whateverTheRetries() {
    primary.mode(ServerMode.SLOW);
    second.mode(ServerMode.SLOW);
    TsaClient client =
        both().timeout(Duration.ofSeconds(5)).retries(5).budget(Duration.ofSeconds(1)).build();

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void concurrentRequests_perTsa_areCapped() throws Exception {
    primary.mode(ServerMode.SLOW);
    primary.delay(Duration.ofMillis(200));
    TsaClient client =
        TsaClient.builder(primary.uri())
            .maxConcurrentRequests(2)
            .budget(Duration.ofSeconds(20))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<TimestampToken>> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        all.add(pool.submit(() -> client.timestamp(DIGEST)));
      }
      for (Future<TimestampToken> f : all) {
        assertThat(f.get().covers(DIGEST)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(primary.mostConcurrentRequests()).isEqualTo(2);
  }

  @Test
  void basicAuthentication_isSent_andAMissingOneIsRefusedWithoutRetry() throws Exception {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("so-noi-vu:mật-khẩu".getBytes(StandardCharsets.UTF_8));
    primary.requireAuthorization(expected);

    assertThatThrownBy(() -> TsaClient.builder(primary.uri()).build().timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getMessage()).contains("HTTP 401"));
    assertThat(primary.requestCount()).isEqualTo(1);

    char[] password = "mật-khẩu".toCharArray();
    TsaAuthentication basic = TsaAuthentication.basic("so-noi-vu", password);
    java.util.Arrays.fill(password, '\0');
    TimestampToken token =
        TsaClient.builder(primary.uri()).authentication(basic).build().timestamp(DIGEST);
    assertThat(token.covers(DIGEST)).isTrue();
    assertThat(primary.lastAuthorization()).contains(expected);
    assertThat(basic.toString()).doesNotContain("so-noi-vu").doesNotContain("mật");
  }

  @Test
  void bearerTokens_areAskedForEveryRequest_andEachTsaHasItsOwn() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    primary.mode(ServerMode.SERVER_ERROR);
    second.requireAuthorization("Bearer t-2");
    TsaClient client =
        TsaClient.builder(primary.uri())
            .authentication(TsaAuthentication.bearer(() -> "p-" + issued.incrementAndGet()))
            .fallback(second.uri())
            .authentication(TsaAuthentication.bearer(() -> "t-2"))
            .retries(1)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build();

    assertThat(client.timestamp(DIGEST).source()).contains(second.uri());
    assertThat(issued).as("one fresh token per request to the first TSA").hasValue(2);
    assertThat(primary.lastAuthorization()).contains("Bearer p-2");
    assertThat(client.uris()).containsExactly(primary.uri(), second.uri());
  }

  @Test
  void aWrongUrl_isRefusedWhenBuilt() {
    assertThatThrownBy(() -> TsaClient.builder(URI.create("ftp://tsa.example.vn/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> TsaClient.builder(URI.create("http://a/")).fallback(URI.create("file:///x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
