#!/usr/bin/env bash
# One command for the FFT benchmarks: builds the JMH jar and the FFTW harness, runs delp vs
# JTransforms (JMH) and FFTW (C, single precision, FFTW_MEASURE) on the same shapes, and prints
# tables (thread CPU time and wall-clock). Not part of CI. Needs gcc and libfftw3-dev (apt-get install -y libfftw3-dev).
#
#   bench/run-fft.sh               everything (about 10 minutes on 2 cores)
#   SETS="RealFft2dBench" bench/run-fft.sh          only some JMH classes (regex)
#   SKIP_BUILD=1 bench/run-fft.sh  reuse bench/target/benchmarks.jar
#   JMH_OPTS="-f 1 -wi 3 -i 5"     extra JMH options (default: the short per-class settings)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-bench/target/fft-results}
mkdir -p "$OUT"
SETS=${SETS:-"Fft1dBench|RealFft2dBench|RealFft3dBench"}  # JMH classes (regex)
JMH_OPTS=${JMH_OPTS:-"-f 1"}  # warm-up and iteration counts are set per class (the Vector API needs seconds of JIT)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building bench/target/benchmarks.jar" >&2
  mvn -q -B -pl bench -am package -DskipTests
fi
if ! [ -f /usr/include/fftw3.h ]; then
  echo "FFTW headers missing: apt-get install -y libfftw3-dev" >&2
  exit 1
fi
gcc -O2 -o "$OUT/fftw_bench" bench/fftw/fftw_bench.c -lfftw3f_threads -lfftw3f -lm -lpthread

echo "== JMH: delp vs JTransforms ($SETS)" >&2
java -version 2>&1 | head -1 >&2
# ignoreLock: on a shared machine another JMH run may hold /tmp/jmh.lock
nice -n 5 java -Djmh.ignoreLock=true -jar bench/target/benchmarks.jar "dev.delp.bench.fft.($SETS)" $JMH_OPTS \
  -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log"
grep -E "^(Benchmark|Fft1dBench|RealFft2dBench|RealFft3dBench)" "$OUT/jmh.log" >&2 || true

echo "== CPU-time comparison, 1 thread (robust to a busy machine)" >&2
nice -n 5 java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
  dev.delp.bench.fft.CpuTimeCompare 2>/dev/null > "$OUT/cpu.txt"

echo "== FFTW (single precision, FFTW_MEASURE)" >&2
: > "$OUT/fftw.txt"
for t in 1 2; do
  for s in 84 128 256 512 1000 1024; do
    nice -n 5 "$OUT/fftw_bench" r2d "$s" "$s" "$t" >> "$OUT/fftw.txt"
  done
  for s in "64 64 64" "128 128 128" "96 96 60"; do
    nice -n 5 "$OUT/fftw_bench" r3d $s "$t" >> "$OUT/fftw.txt"
  done
done
for n in 64 128 256 512 1024 2048 4096 8192 16384 32768 65536 1000 1536 2310 4095; do
  nice -n 5 "$OUT/fftw_bench" c1d "$n" 1 >> "$OUT/fftw.txt"
done

echo
echo "JDK: $(java -version 2>&1 | head -1); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
  "$(java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.delp.fft.Demo 64 64 2>/dev/null | head -1);" \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/fftw/table.py "$OUT/cpu.txt" "$OUT/fftw.txt" "$OUT/jmh.json"
