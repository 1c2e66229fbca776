#!/usr/bin/env bash
# delp vs FFTW, 2D real forward + inverse, one thread, timed the same way (fftw_bench's protocol:
# best of 7 batches of >= 0.2 s, thread CPU time), one process per shape, delp and FFTW in turn,
# shape by shape, for ROUNDS rounds; prints each round's delp/FFTW ratio and, per shape, the median,
# the worst round and the ratio of the two best times. Not part of CI.
#   bench/fftw/alternate.sh BENCH_JAR FFTW_BENCH [ROUNDS] [SIZES...]
# DELP_JAVA_OPTS: extra JVM options for delp, e.g. -Ddelp.bench.inverse=destroying (FftwStyleTiming).
# FFTW_BENCH: built with gcc -O2 -o fftw_bench bench/fftw/fftw_bench.c -lfftw3f_threads -lfftw3f -lm -lpthread
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BENCH_JAR FFTW_BENCH [ROUNDS] [SIZES...]" >&2
  exit 2
fi
jar=$1 fftw=$2 rounds=${3:-3}
shift $(( $# < 3 ? $# : 3 ))
sizes=${*:-84 128 256 512 1000 1024}
for f in "$jar" "$fftw"; do [ -f "$f" ] || { echo "not found: $f" >&2; exit 2; }; done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for r in $(seq 1 "$rounds"); do
  echo "round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  for s in $sizes; do
    f=$("$fftw" r2d "$s" "$s" 1 | awk '$4 == "fftw-cpu" {print $5}')
    d=$(java --add-modules jdk.incubator.vector ${DELP_JAVA_OPTS:-} -cp "$jar" dev.delp.bench.fft.FftwStyleTiming "$s" "$s" 2>/dev/null \
        | awk '$4 ~ /^delp(-destroying)?-cpu$/ {print $5}')
    echo "$r ${s}x$s $d $f" | tee -a "$out" >&2
  done
done
echo "load at end $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
shapes = list(dict.fromkeys(r[1] for r in rows))
# Three summaries of the per-round ratios: the median (typical round), the worst round, and the
# ratio of each library's best time over all rounds (benchFFT's convention: each library at its
# least disturbed; on a VM whose speed moves +-30 % between processes this is the least noisy).
print("| shape | delp ms (per round) | FFTW ms (per round) | delp / FFTW per round | median | worst | best / best |")
print("|---|---|---|---|---|---|---|")
for s in shapes:
    rs = [r for r in rows if r[1] == s]
    ratios = [float(r[2]) / float(r[3]) for r in rs]
    best = min(float(r[2]) for r in rs) / min(float(r[3]) for r in rs)
    print("| %s | %s | %s | %s | %.2f | %.2f | %.2f |" % (s, ", ".join(r[2] for r in rs), ", ".join(r[3] for r in rs),
          ", ".join("%.2f" % x for x in ratios), statistics.median(ratios), max(ratios), best))
PY
