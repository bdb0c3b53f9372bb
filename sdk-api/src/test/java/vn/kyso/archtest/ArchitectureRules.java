package vn.kyso.archtest;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The architecture rules of STYLE.md, checked over a module's own sources and classes. Shared with
 * the other modules' tests through sdk-api's test jar.
 */
public final class ArchitectureRules {
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
  private static final Pattern QUALIFIED_INTERNAL =
      Pattern.compile("vn\\.kyso\\.\\w+(\\.\\w+)*?\\.internal\\b");
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

  private ArchitectureRules() {}

  /**
   * Returns every violation in a module: imports of another module's {@code internal} package,
   * imports of forbidden libraries, and third-party types in exported signatures.
   *
   * @param moduleRoot the module's package root, e.g. {@code vn.kyso.pades}
   * @param forbiddenImports import prefixes this module must not use
   * @param allowedApiTypes extra type prefixes allowed in exported signatures (e.g. {@code
   *     org.junit.})
   * @return the violations, empty when the module follows the rules
   * @throws IOException if the sources cannot be read
   */
  public static List<String> violations(
      String moduleRoot, Set<String> forbiddenImports, Set<String> allowedApiTypes)
      throws IOException {
    List<String> out = new ArrayList<>();
    Path src = Path.of("src/main/java");
    if (!Files.isDirectory(src)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(src)) {
      files =
          s.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getFileName().toString().equals("module-info.java"))
              .toList();
    }
    for (Path f : files) {
      String text = Files.readString(f);
      Matcher pm = PACKAGE.matcher(text);
      String pkg = pm.find() ? pm.group(1) : "";
      if (!pkg.startsWith(moduleRoot)) {
        out.add(f + ": package " + pkg + " is outside " + moduleRoot);
      }
      Matcher m = IMPORT.matcher(text);
      while (m.find()) {
        String imported = m.group(2);
        if (imported.startsWith("vn.kyso.")
            && imported.contains(".internal")
            && !imported.startsWith(moduleRoot + ".")) {
          out.add(f + ": imports another module's internal " + imported);
        }
        for (String bad : forbiddenImports) {
          if (imported.startsWith(bad)) {
            out.add(f + ": imports forbidden " + imported);
          }
        }
      }
      Matcher q = QUALIFIED_INTERNAL.matcher(text);
      while (q.find()) {
        if (!q.group().startsWith(moduleRoot + ".")) {
          out.add(f + ": refers to another module's internal " + q.group());
        }
      }
      String name = f.getFileName().toString().replace(".java", "");
      if (!pkg.contains(".internal") && !pkg.endsWith(".shared") && !name.equals("package-info")) {
        try {
          checkSignatures(Class.forName(pkg + "." + name), allowedApiTypes, out);
        } catch (ClassNotFoundException e) {
          out.add(f + ": class not found " + e.getMessage());
        }
      }
    }
    return out;
  }

  /**
   * Returns the rules a published module adds: {@link #moduleDescriptorViolations} and {@link
   * #noticeViolations}.
   *
   * @param moduleName the module's name, e.g. {@code vn.kyso.pades}
   * @return the violations, empty when the module follows the rules
   * @throws IOException if a file cannot be read
   */
  public static List<String> publishedModuleViolations(String moduleName) throws IOException {
    List<String> out = new ArrayList<>(moduleDescriptorViolations(moduleName));
    out.addAll(noticeViolations());
    return out;
  }

  private static final Pattern EXPORTS =
      Pattern.compile("^\\s*exports\\s+([\\w.]+)(\\s+to\\s+([^;]+))?;", Pattern.MULTILINE);

  /**
   * Returns every violation of the module descriptor rules: a published module has a {@code
   * module-info.java} named {@code moduleName}; it exports each of its packages except {@code
   * internal} ones to everybody, never exports an {@code internal} package, and exports {@code
   * vn.kyso.api.shared} only to Kyso's own modules.
   *
   * @param moduleName the module's name, e.g. {@code vn.kyso.pades}
   * @return the violations, empty when the descriptor follows the rules
   * @throws IOException if the sources cannot be read
   */
  public static List<String> moduleDescriptorViolations(String moduleName) throws IOException {
    List<String> out = new ArrayList<>();
    Path descriptor = Path.of("src/main/java/module-info.java");
    if (!Files.exists(descriptor)) {
      out.add("no " + descriptor + ": a published module declares what it exports");
      return out;
    }
    String text = Files.readString(descriptor);
    if (!Pattern.compile("\\bmodule\\s+" + Pattern.quote(moduleName) + "\\s*\\{")
        .matcher(text)
        .find()) {
      out.add(descriptor + ": the module is not named " + moduleName);
    }
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher pm = PACKAGE.matcher(Files.readString(f));
        if (pm.find()) {
          packages.add(pm.group(1));
        }
      }
    }
    Map<String, String> exported = new HashMap<>();
    Matcher m = EXPORTS.matcher(text);
    while (m.find()) {
      exported.put(m.group(1), m.group(3) == null ? "" : m.group(3).replaceAll("\\s", ""));
    }
    for (String pkg : packages) {
      String to = exported.get(pkg);
      if (pkg.contains(".internal")) {
        if (to != null) {
          out.add(descriptor + ": exports the internal package " + pkg);
        }
      } else if (pkg.equals("vn.kyso.api.shared")) {
        if (to == null || to.isEmpty()) {
          out.add(descriptor + ": exports " + pkg + " to everybody; it is for Kyso's modules");
        } else if (!Arrays.stream(to.split(",")).allMatch(n -> n.startsWith("vn.kyso."))) {
          out.add(descriptor + ": exports " + pkg + " to a module outside Kyso: " + to);
        }
      } else if (to == null) {
        out.add(descriptor + ": does not export the public package " + pkg);
      } else if (!to.isEmpty()) {
        out.add(descriptor + ": exports the public package " + pkg + " only to " + to);
      }
    }
    for (String pkg : exported.keySet()) {
      if (!packages.contains(pkg)) {
        out.add(descriptor + ": exports " + pkg + ", which has no source here");
      }
    }
    return out;
  }

  private static final Pattern THIRD_PARTY_ARTIFACT =
      Pattern.compile("\\(([\\w.\\-]+):([\\w.\\-]+):[^:)\\s]+ ");

  /**
   * Returns the third-party artifacts this module ships with (as the build's licence check lists
   * them in {@code target/generated-sources/license/THIRD-PARTY.txt}) that the project's NOTICE
   * does not name.
   *
   * @return the artifacts missing from NOTICE, empty when it is in step
   * @throws IOException if a file cannot be read
   */
  public static List<String> noticeViolations() throws IOException {
    List<String> out = new ArrayList<>();
    Path report = Path.of("target/generated-sources/license/THIRD-PARTY.txt");
    if (!Files.exists(report)) {
      out.add("no " + report + ": the licence check (license-maven-plugin) did not run");
      return out;
    }
    String notice = Files.readString(Path.of("../NOTICE"));
    Matcher m = THIRD_PARTY_ARTIFACT.matcher(Files.readString(report));
    while (m.find()) {
      String artifact = m.group(2);
      boolean bouncyCastle = artifact.matches("bc(prov|pkix|util)-jdk18on");
      String named = bouncyCastle ? artifact.substring(0, artifact.indexOf('-')) : artifact;
      if (!m.group(1).equals("vn.kyso") && !notice.contains(named)) {
        out.add("NOTICE does not name " + m.group(1) + ":" + artifact);
      }
    }
    return out;
  }

  private static void checkSignatures(Class<?> c, Set<String> allowed, List<String> out) {
    if (!Modifier.isPublic(c.getModifiers())) {
      return;
    }
    for (Method m : c.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
        check(c, m.getName(), m.getGenericReturnType(), allowed, out);
        for (Type t : m.getGenericParameterTypes()) {
          check(c, m.getName(), t, allowed, out);
        }
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())) {
        for (Type t : k.getGenericParameterTypes()) {
          check(c, "<init>", t, allowed, out);
        }
      }
    }
    for (Field f : c.getDeclaredFields()) {
      if (Modifier.isPublic(f.getModifiers())) {
        check(c, f.getName(), f.getGenericType(), allowed, out);
      }
    }
    if (c.getSuperclass() != null) {
      check(c, "extends", c.getGenericSuperclass(), allowed, out);
    }
    for (Type t : c.getGenericInterfaces()) {
      check(c, "implements", t, allowed, out);
    }
    for (Class<?> inner : c.getDeclaredClasses()) {
      checkSignatures(inner, allowed, out);
    }
  }

  private static void check(
      Class<?> owner, String member, Type t, Set<String> allowed, List<String> out) {
    if (t instanceof Class<?> k) {
      while (k.isArray()) {
        k = k.getComponentType();
      }
      String n = k.getName();
      if (k.isPrimitive()
          || n.startsWith("java.")
          || n.startsWith("javax.")
          || n.startsWith("org.w3c.dom.")
          || n.startsWith("vn.kyso.") && !n.contains(".internal.") && !n.contains(".shared.")
          || allowed.stream().anyMatch(n::startsWith)) {
        return;
      }
      out.add(owner.getName() + "." + member + " exposes " + n);
    } else if (t instanceof ParameterizedType p) {
      check(owner, member, p.getRawType(), allowed, out);
      for (Type a : p.getActualTypeArguments()) {
        check(owner, member, a, allowed, out);
      }
    } else if (t instanceof GenericArrayType g) {
      check(owner, member, g.getGenericComponentType(), allowed, out);
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(owner, member, b, allowed, out);
      }
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        if (b != Object.class) {
          check(owner, member, b, allowed, out);
        }
      }
    }
  }
}
