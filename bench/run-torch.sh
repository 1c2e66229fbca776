#!/usr/bin/env bash
# DelpNet inference, delp vs PyTorch (CPU), same weights / batch / thread count, in one run.
#
#   bench/run-torch.sh [extra delpnet_bench.py options, e.g. --threads 1 --rounds 3]
#
# Needs: Debian's python3-torch for /usr/bin/python3 (apt-get install -y python3-torch), JDK 17+,
# Maven, and the delp modules installed in ~/.m2 (DELP_INSTALL=1 runs `mvn -q -o install
# -DskipTests` at the root first). Builds the bench jar into $DELP_PEERS_DIR/target (default
# /tmp/delp-peers), never into the checkout. Weights: the shipped fixtures delpnet.dlpw if present,
# else seeded random weights with the DelpNet architecture (same cost). Env: JAVA (java binary
# for both the helper and the JMH fork), DELP_WEIGHTS (a .dlpw to use instead), SKIP_BUILD=1.
# Not part of tests or CI.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${DELP_PEERS_DIR:-/tmp/delp-peers}
BUILD=$WORK/target
JAVA=${JAVA:-java}
PY=/usr/bin/python3
mkdir -p "$WORK/torch"

if ! "$PY" -c 'import torch, numpy' 2>/dev/null; then
  echo "PyTorch missing for $PY: apt-get install -y python3-torch" >&2
  exit 2
fi
cd "$ROOT"
if [ "${DELP_INSTALL:-0}" = 1 ]; then
  mvn -q -o install -DskipTests
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -o -pl bench package -DskipTests -Ddelp.buildDir="$BUILD"
fi
JAR=$BUILD/benchmarks.jar

SHIPPED=$ROOT/fixtures/src/main/resources/dev/delp/fixtures/delpnet.dlpw
if [ -n "${DELP_WEIGHTS:-}" ]; then
  WEIGHTS=$DELP_WEIGHTS
elif [ -f "$SHIPPED" ]; then
  WEIGHTS=$SHIPPED
else
  WEIGHTS=$WORK/torch/random-delpnet.dlpw
  "$JAVA" -cp "$JAR" dev.delp.bench.peers.RandomDelpNetWeights "$WEIGHTS" 17
fi

echo "== $(date -u +%FT%TZ)  $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs"
"$JAVA" -version 2>&1 | head -1
"$PY" -c 'import torch; c = [l.strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l]; print("torch", torch.__version__, "|", *c)'
echo "weights: $WEIGHTS"
exec "$PY" "$ROOT/bench/torch/delpnet_bench.py" --weights "$WEIGHTS" --jar "$JAR" --java "$JAVA" \
  --jvm-args="--add-modules jdk.incubator.vector" --workdir "$WORK/torch" --out "$WORK/torch/summary.json" "$@"
