package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link VgcaPluginServer#call}, the Java caller server-side tests use: a frame the fake has not
 * taken in time is asked again on a new connection, and the call is still answered and recorded
 * once.
 */
class VgcaPluginServerTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(29).build();

  private VgcaPluginServer plugin;

  @BeforeEach
  void start() {
    plugin = new VgcaPluginServer(PKI.pki().credential(TestIdentity.CHAIRMAN));
    plugin.frameWait = Duration.ofMillis(300);
  }

  @AfterEach
  void stop() {
    plugin.close();
  }

  @Test
  void aFrameTakenLate_isAskedAgain_andTheLateOneIsNeitherAnsweredNorRecorded() throws Exception {
    plugin.lateFrame.set(Duration.ofMillis(1200));

    String answer = plugin.call("GetCertInfo", "get_cert_info");

    assertThat(answer).contains("\"Status\":0", "CertBase64");
    Thread.sleep(1500); // the late frame is taken by now, and given up by its caller
    assertThat(plugin.calls()).containsExactly("GetCertInfo");
  }

  @Test
  void aFrameTakenInTime_isAnsweredOnce() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(plugin.call("GetCertInfo", "get_cert_info")).contains("\"Status\":0");
    }
    assertThat(plugin.calls()).hasSize(5);
  }
}
