#!/usr/bin/env bash
# Records the public API of each published module as the baseline the build's API-compatibility
# check (japicmp, mvn verify) compares against: <module>/api-baseline/baseline.jar holds the
# module's classes outside internal packages and vn.kyso.api.shared.
# Run after `mvn -B -q install -DskipTests`, when a release is cut or an incompatible change is
# intended (say so in the commit), and commit the jars. MODULES="sdk-report" limits it to some.
set -euo pipefail
cd "$(dirname "$0")/.."
for module in ${MODULES:-sdk-api sdk-pkcs11 sdk-pades sdk-xades sdk-policy sdk-testkit sdk-report sdk-remote sdk-cades sdk-asic sdk-edxml}; do
  classes="$module/target/classes"
  [ -d "$classes" ] || { echo "api-baseline: build first ($classes is missing)" >&2; exit 1; }
  out="$module/api-baseline"
  mkdir -p "$out"
  list=$(mktemp)
  (cd "$classes" && find vn -name '*.class' ! -path '*/internal/*' ! -path 'vn/kyso/api/shared/*' \
    | LC_ALL=C sort) > "$list"
  rm -f "$out/baseline.jar"
  # Fixed time stamps and order, so that the same API gives the same bytes.
  (cd "$classes" && touch -h -d '2026-01-01T00:00:00Z' $(cat "$list") \
    && jar --create --date=2026-01-01T00:00:00Z --no-manifest --file "$OLDPWD/$out/baseline.jar" @"$list")
  rm -f "$list"
  echo "api-baseline: $out/baseline.jar ($(unzip -l "$out/baseline.jar" | tail -1 | awk '{print $2}') classes)"
done
