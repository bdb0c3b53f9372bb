/**
 * Test tools for applications that embed Kyso: a {@link vn.kyso.testkit.TestPki} shaped like the
 * government special-use PKI and real loopback OCSP, CRL and RFC 3161 servers, started by the
 * {@link vn.kyso.testkit.TestPkiExtension} JUnit 5 extension.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestPkiExtension PKI = TestPkiExtension.builder().seed(42).build();
 *
 * CertificateResult r =
 *     PKI.verifier().verify(PKI.pki().credential(TestIdentity.REVOKED).certificate());
 * assertThat(r.subIndication()).contains(SubIndication.REVOKED);
 * }</pre>
 */
package vn.kyso.testkit;
