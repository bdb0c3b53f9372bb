#!/usr/bin/env bash
# Runs the Kyso benchmarks and writes benchmarks/RESULTS.md.
# Usage: benchmarks/run.sh            (quick mode, a few minutes on 2 cores)
# Needs: JDK 17, Maven; for the PKCS#11 case SoftHSM2 and OpenSC (apt-get install softhsm2 opensc).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="$ROOT/benchmarks/target"

mvn -B -q -DskipTests package -pl benchmarks -am
mkdir -p "$OUT/softhsm"
export SOFTHSM2_CONF="$OUT/softhsm/softhsm2.conf"   # isolated SoftHSM2, never /etc

java -jar "$OUT/benchmarks.jar" Pkcs11BatchBenchmark -rf text -rff "$OUT/pkcs11.txt" | tee "$OUT/pkcs11.log"

score() { awk -v name="$1" '$1 ~ name {print $(NF-3)}' "$OUT/pkcs11.txt"; }
err() { awk -v name="$1" '$1 ~ name {print $(NF-1)}' "$OUT/pkcs11.txt"; }
raw=$(score tokenRaw); kyso=$(score kysoBatch)
ratio=$(awk -v k="$kyso" -v r="$raw" 'BEGIN {printf "%.1f", 100 * k / r}')
verdict=$(awk -v k="$kyso" -v r="$raw" 'BEGIN {print (k >= 0.8 * r) ? "met" : "MISSED"}')

cat > "$ROOT/benchmarks/RESULTS.md" <<MD
# Kyso benchmark results

Command: \`benchmarks/run.sh\` (JMH 1.37, 1 fork, 2 × 2 s warm-up, 5 × 2 s measurement).
Date: $(date -u +%Y-%m-%dT%H:%MZ). Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),
$(java -version 2>&1 | head -1), SoftHSM2 $(softhsm2-util --version 2>/dev/null || echo '?').
Absolute numbers are context only: this machine is noisy. The ratio is measured in one run.

## PKCS#11 batch signing on SoftHSM2 (target: at least 80 % of the token's raw rate)

| case | signatures/s | ± (99.9 %) |
|---|---|---|
| token raw: \`C_SignInit\` + \`C_Sign\` (\`CKM_RSA_PKCS\` over DigestInfo), wrapper only, one session | $raw | $(err tokenRaw) |
| Kyso \`Pkcs11Token.signBatch\`, 200 digests, one login, one key lookup | $kyso | $(err kysoBatch) |

Kyso batch = **$ratio %** of the raw rate: target $verdict.

Raw JMH output: \`benchmarks/target/pkcs11.txt\`.

The other benchmarks (PAdES/XAdES against DSS, memory, start-up) come with their issue.
MD
echo "wrote benchmarks/RESULTS.md (Kyso batch = $ratio % of raw)"
