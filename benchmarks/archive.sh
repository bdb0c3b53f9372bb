#!/usr/bin/env bash
# The archive job at scale: N small signed PDFs (default 10000) checked and renewed to B-LTA against
# the testkit's loopback OCSP, CRL and TSA servers. Writes the Markdown section to OUT (default
# benchmarks/target/archive.md) with the process's peak resident memory (GNU time).
# Usage: benchmarks/archive.sh [N] [OUT]   (after mvn install; benchmarks/run.sh calls it)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
OUT=${2:-benchmarks/target/archive.md}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUT")"
{
  echo "| step | documents | outcome | time | rate | largest heap in use |"
  echo "|---|---|---|---|---|---|"
  /usr/bin/time -f "%M" -o "$WORK/rss" java -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp benchmarks/target/benchmarks.jar vn.kyso.benchmarks.ArchiveBenchmark "$N" "$WORK/kho"
  echo
  echo "Peak resident memory of the whole process (GNU time): $(( $(cat "$WORK/rss") / 1024 )) MB."
} > "$OUT"
cat "$OUT"
