#!/usr/bin/env bash
# Memory benchmark: the smallest -Xmx (32, 64, 128, 256, 512 MB) at which Kyso signs (PAdES B-B)
# and verifies PDFs of about 10 MB and 200 MB, each step in a separate JVM.
# Usage: benchmarks/memory.sh OUT_MARKDOWN   (expects benchmarks/target/benchmarks.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
WORK=benchmarks/target/memory
OUT=${1:-benchmarks/target/memory.md}
mkdir -p "$WORK"

probe() { timeout 600 java "-Xmx$1m" -cp "$JAR" vn.kyso.benchmarks.MemoryProbe "${@:2}" 2>/dev/null | tail -1; }

{
  echo "| PDF | step | smallest -Xmx that works | time at that heap (ms) | peak RSS at -Xmx128m |"
  echo "|---|---|---|---|---|"
} > "$OUT"
for size in 10 200; do
  in="$WORK/in-$size.pdf"
  [ -f "$in" ] || java -Xmx1g -cp "$JAR" vn.kyso.benchmarks.MemoryProbe generate "$size" "$in" >/dev/null
  actual=$(( $(stat -c %s "$in") / 1048576 ))
  for step in sign verify; do
    found="none up to 512 MB"; ms="-"
    for heap in 32 64 128 256 512; do
      if [ "$step" = sign ]; then r=$(probe "$heap" sign "$in" "$WORK/signed-$size.pdf" || true)
      else r=$(probe "$heap" verify "$WORK/signed-$size.pdf" || true); fi
      if [[ "$r" == OK* ]]; then found="${heap} MB"; ms=${r#OK }; break; fi
    done
    if [ "$step" = sign ]; then
      rss=$( { /usr/bin/time -f "%M" java -Xmx128m -cp "$JAR" vn.kyso.benchmarks.MemoryProbe sign "$in" "$WORK/rss.pdf" >/dev/null; } 2>&1 | tail -1 )
    else
      rss=$( { /usr/bin/time -f "%M" java -Xmx128m -cp "$JAR" vn.kyso.benchmarks.MemoryProbe verify "$WORK/signed-$size.pdf" >/dev/null; } 2>&1 | tail -1 )
    fi
    echo "| ${actual} MB | $step | $found | $ms | $(( rss / 1024 )) MB |" >> "$OUT"
  done
done
echo "memory results in $OUT"
