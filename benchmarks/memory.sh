#!/usr/bin/env bash
# Memory benchmark: the smallest -Xmx (32, 64, 128, 256, 512 MB) at which Kyso and the EU DSS
# library each sign (PAdES B-B) and verify PDFs of about 10 MB and 200 MB, each step in a separate
# JVM, with the peak resident set size of that JVM.
# Usage: benchmarks/memory.sh OUT_MARKDOWN   (expects benchmarks/target/benchmarks.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
WORK=benchmarks/target/memory
OUT=${1:-benchmarks/target/memory.md}
mkdir -p "$WORK"

# Prints "OK <ms> <peak RSS KB>" when the step works at that heap, or nothing.
probe() {
  local heap=$1; shift
  local log="$WORK/probe.log"
  if /usr/bin/time -f "RSS %M" -o "$WORK/rss" timeout 300 java "-Xmx${heap}m" -XX:+ExitOnOutOfMemoryError -cp "$JAR" \
      vn.kyso.benchmarks.MemoryProbe "$@" > "$log" 2>&1; then
    echo "$(grep '^OK' "$log" | tail -1) $(awk '{print $2}' "$WORK/rss")"
  fi
}

{
  echo "| PDF | step | Kyso: smallest -Xmx | Kyso: ms, peak RSS | DSS 6.4: smallest -Xmx | DSS: ms, peak RSS |"
  echo "|---|---|---|---|---|---|"
} > "$OUT"
for size in 10 200; do
  in="$WORK/in-$size.pdf"
  [ -f "$in" ] || java -Xmx1g -cp "$JAR" vn.kyso.benchmarks.MemoryProbe generate "$size" "$in" >/dev/null
  actual=$(( $(stat -c %s "$in") / 1048576 ))
  for step in sign verify; do
    row="| ${actual} MB | $step"
    for lib in kyso dss; do
      prefix=""; [ "$lib" = dss ] && prefix="dss-"
      signed="$WORK/signed-$lib-$size.pdf"
      found="none up to 512 MB"; detail="-"
      for heap in 32 64 128 256 512; do
        if [ "$step" = sign ]; then r=$(probe "$heap" "${prefix}sign" "$in" "$signed")
        else r=$(probe "$heap" "${prefix}verify" "$signed"); fi
        if [[ "$r" == OK* ]]; then
          set -- $r
          found="${heap} MB"; detail="$2 ms, $(( $3 / 1024 )) MB"
          break
        fi
      done
      if [ "$step" = sign ] && [ ! -f "$signed" ]; then
        # Later verification needs a signed file even if this library could not sign at 512 MB.
        java -Xmx2g -cp "$JAR" vn.kyso.benchmarks.MemoryProbe "${prefix}sign" "$in" "$signed" >/dev/null 2>&1 || true
      fi
      row+=" | $found | $detail"
    done
    echo "$row |" >> "$OUT"
  done
done
echo "memory results in $OUT"
