#!/usr/bin/env bash
# Start-up: milliseconds from JVM start to the first written signature (PAdES B-B of a small PDF
# with a PKCS#12 key) for a minimal program using each library, each on its own class path
# (benchmarks/footprint/*/pom.xml), median of 5 runs; also the median wall time of the process.
# Usage: benchmarks/startup.sh OUT_MARKDOWN   (run by benchmarks/run.sh after the footprint step)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-benchmarks/target/startup.md}
T=benchmarks/target
W=$T/startup
mkdir -p "$W"
java -cp $T/benchmarks.jar vn.kyso.benchmarks.MemoryProbe generate-small "$W/in.pdf" >/dev/null
java -cp $T/benchmarks.jar vn.kyso.benchmarks.MemoryProbe p12 "$W/signer.p12" startup >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { # lib main -> "first-signature-ms wall-ms" medians
  local cp=$1 main=$2 firsts="" walls=""
  for i in 1 2 3 4 5; do
    rm -f "$W/out.pdf"
    local t0 t1 first
    t0=$(date +%s%N)
    first=$(java -cp "$cp:$T/classes" "$main" "$W/in.pdf" "$W/out.pdf" "$W/signer.p12" startup 2>/dev/null | tail -1)
    t1=$(date +%s%N)
    [ -s "$W/out.pdf" ] || { echo "start-up probe $main wrote nothing" >&2; exit 1; }
    firsts+="$first"$'\n'; walls+="$(( (t1 - t0) / 1000000 ))"$'\n'
  done
  echo "$(printf '%s' "$firsts" | median) $(printf '%s' "$walls" | median)"
}
read -r kf kw < <(run "$(cat $T/cp-kyso.txt)" vn.kyso.benchmarks.StartupKyso)
read -r df dw < <(run "$(cat $T/cp-dss.txt)" vn.kyso.benchmarks.StartupDss)
{
  echo "| library | JVM start → first signature (ms) | whole process (ms) |"
  echo "|---|---|---|"
  echo "| Kyso | $kf | $kw |"
  echo "| DSS 6.4 | $df | $dw |"
  echo
  echo "Kyso starts **$(awk -v k="$kf" -v d="$df" 'BEGIN {printf "%.1f", d / k}')×** faster to its first signature (median of 5 runs each)."
} > "$OUT"
echo "start-up results in $OUT"
