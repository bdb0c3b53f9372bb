package vn.kyso.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import vn.kyso.policy.Policy;
import vn.kyso.policy.PolicyPack;
import vn.kyso.policy.SignerRegistry;

/**
 * A JUnit 5 extension that loads policy packs once per test class (built-in presets and the host's
 * own files), fails the class with the file, line and column of a broken pack, and injects the
 * {@link Policy} into test methods.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PolicyExtension POLICY = PolicyExtension.preset("lao-cai-51-2015")
 *     .pack(Path.of("src/main/resources/policy/our-department.yaml"))
 *     .registry(TestRegistry.ours());
 *
 * @Test
 * void secretDocumentsAreNeverSigned(Policy policy) {
 *   assertThatPolicy(policy).asOf(LocalDate.of(2018, 6, 15))
 *       .denies(chairman).signing(secret).citing("LC-04a");
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class PolicyExtension implements BeforeAllCallback, ParameterResolver {
  private final String preset;
  private final List<Path> files = new ArrayList<>();
  private SignerRegistry registry = SignerRegistry.none();
  private volatile Policy policy;

  private PolicyExtension(String preset) {
    this.preset = preset;
  }

  /**
   * Starts from a preset ({@link Policy#presets()}).
   *
   * @param preset e.g. {@code national} or {@code thai-binh-08-2016}
   * @return the extension
   */
  public static PolicyExtension preset(String preset) {
    return new PolicyExtension(Objects.requireNonNull(preset, "preset"));
  }

  /**
   * Adds a pack file of the host's; a pack with the id of a built-in one replaces it.
   *
   * @param file the YAML file
   * @return this
   */
  public PolicyExtension pack(Path file) {
    files.add(Objects.requireNonNull(file, "file"));
    return this;
  }

  /**
   * Sets the registry the policy asks for roles.
   *
   * @param value the registry
   * @return this
   */
  public PolicyExtension registry(SignerRegistry value) {
    this.registry = Objects.requireNonNull(value, "registry");
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    policy();
  }

  /**
   * Returns the policy, loading the packs on first use.
   *
   * @return the policy
   * @throws Exception a {@code PolicyFormatException} with file, line and column for a broken pack
   */
  public Policy policy() throws Exception {
    if (policy == null) {
      Policy.Builder b = Policy.preset(preset).registry(registry);
      for (Path f : files) {
        b.pack(PolicyPack.load(f));
      }
      policy = b.build();
    }
    return policy;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == Policy.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    try {
      return policy();
    } catch (Exception e) {
      throw new ParameterResolutionException(
          "the policy packs cannot be loaded: " + e.getMessage(), e);
    }
  }
}
